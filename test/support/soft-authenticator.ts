import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto'
import { isoCBOR } from '@simplewebauthn/server/helpers'

/**
 * A software WebAuthn authenticator for API tests: an ES256 (P-256) key made with node:crypto,
 * 'none' attestation, and a signature counter the test controls. It builds exactly the bytes a
 * browser and a security key would send (authenticator data, client data, CBOR attestation
 * object, DER signature), so the server's verification runs as it does for a real passkey.
 */
export class SoftAuthenticator {
  readonly credentialId = randomBytes(16)
  private readonly key: { privateKey: KeyObject; publicKey: KeyObject }
  /** The counter the next assertion carries (the authenticator adds one per use, as real ones do). */
  counter = 0

  constructor() {
    this.key = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  }

  get id(): string {
    return this.credentialId.toString('base64url')
  }

  /** The answer of navigator.credentials.create() to `options`, made on the page at `origin`. */
  create(options: { challenge: string; rp: { id?: string } }, origin: string) {
    const rpId = options.rp.id ?? new URL(origin).hostname
    const jwk = this.key.publicKey.export({ format: 'jwk' })
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y
    const coseKey = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    )
    const idLength = Buffer.alloc(2)
    idLength.writeUInt16BE(this.credentialId.length)
    const authData = Buffer.concat([
      this.authDataHead(rpId, 0x41), // user present, attested credential data included
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      Buffer.from(coseKey),
    ])
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, string> | Uint8Array>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', new Uint8Array(authData)],
      ]),
    )
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientData('webauthn.create', options.challenge, origin).toString('base64url'),
        attestationObject: Buffer.from(attestationObject).toString('base64url'),
        transports: ['usb'],
      },
    }
  }

  /**
   * The answer of navigator.credentials.get() to `options` at `origin`. The counter goes up by one
   * first, unless `counter` is given (a cloned key, or a test replaying an old count).
   */
  get(options: { challenge: string; rpId?: string }, origin: string, counter?: number) {
    this.counter = counter ?? this.counter + 1
    const rpId = options.rpId ?? new URL(origin).hostname
    const authData = this.authDataHead(rpId, 0x01) // user present
    const clientDataJSON = clientData('webauthn.get', options.challenge, origin)
    const signature = sign(
      'sha256',
      Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]),
      this.key.privateKey,
    )
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key',
      clientExtensionResults: {},
      response: {
        clientDataJSON: clientDataJSON.toString('base64url'),
        authenticatorData: authData.toString('base64url'),
        signature: signature.toString('base64url'),
      },
    }
  }

  /** rpIdHash (32) | flags (1) | signCount (4) */
  private authDataHead(rpId: string, flags: number): Buffer {
    const count = Buffer.alloc(4)
    count.writeUInt32BE(this.counter)
    return Buffer.concat([createHash('sha256').update(rpId).digest(), Buffer.from([flags]), count])
  }
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }))
}
