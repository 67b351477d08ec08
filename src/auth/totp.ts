import { base32 } from '@better-auth/utils/base32'
import { createOTP } from '@better-auth/utils/otp'
import { symmetricDecrypt } from 'better-auth/crypto'

export const TOTP_PERIOD_S = 30
/** Steps accepted either side of now: one, so a code is good for at most 90 s around its step. */
export const TOTP_WINDOW = 1

/**
 * The time step the code belongs to, within one step of now, or null. better-auth verifies the
 * code again; this is for spending the step once (RFC 6238 section 5.2: a code is accepted once).
 * @param encryptedSecret better-auth's stored (encrypted) TOTP secret
 */
export async function matchedTotpStep(
  encryptedSecret: string,
  authSecret: string,
  code: string,
  now: Date,
): Promise<number | null> {
  let secret: string | Uint8Array = await symmetricDecrypt({ key: authSecret, data: encryptedSecret })
  // secrets imported from elsewhere are stored as base32:<secret>, as better-auth does
  if (secret.startsWith('base32:')) secret = base32.decode(secret.slice(7).toUpperCase())
  const otp = createOTP(secret)
  const current = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S)
  for (let i = -TOTP_WINDOW; i <= TOTP_WINDOW; i++) {
    if ((await otp.hotp(current + i)) === code) return current + i
  }
  return null
}
