import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser'
import type { TFunction } from 'i18next'
import { http, ok } from '../api'

/** Whether this browser can use passkeys at all (WebAuthn); the buttons are hidden otherwise. */
export const passkeysSupported = () => browserSupportsWebAuthn()

/**
 * The browser's own refusals (the person cancelled, the time ran out, no matching key) come as
 * DOMExceptions in English; they are said in the interface's language instead.
 */
function browserRefusal(t: TFunction, error: unknown): Error {
  const name = (error as { name?: string; cause?: { name?: string } })?.name
  if (name === 'NotAllowedError' || name === 'AbortError' || name === 'InvalidStateError')
    return new Error(t(name === 'InvalidStateError' ? 'passkey.already' : 'passkey.cancelled'))
  return error instanceof Error ? error : new Error(String(error))
}

// The options are @simplewebauthn/server's, handed unchanged to its browser half; the API documents
// them only as the WebAuthn JSON object, so their type is the library's.

/** The second step of sign-in with a passkey (the password has passed). */
export async function signInWithPasskey(t: TFunction) {
  const optionsJSON = (await ok(
    http.POST('/session/passkey/options'),
  )) as unknown as PublicKeyCredentialRequestOptionsJSON
  const response = await startAuthentication({ optionsJSON }).catch((e) => {
    throw browserRefusal(t, e)
  })
  await ok(http.POST('/session/passkey', { body: { response } }))
}

/** Registers a passkey of this browser's (or a security key) as the account's second factor. */
export async function registerPasskey(
  t: TFunction,
  input: { password: string; enrolmentCode?: string; name: string },
) {
  const body = {
    password: input.password,
    ...(input.enrolmentCode?.trim() ? { enrolmentCode: input.enrolmentCode } : {}),
  }
  const optionsJSON = (await ok(
    http.POST('/session/passkeys/options', { body }),
  )) as unknown as PublicKeyCredentialCreationOptionsJSON
  const response = await startRegistration({ optionsJSON }).catch((e) => {
    throw browserRefusal(t, e)
  })
  await ok(http.POST('/session/passkeys', { body: { name: input.name, response } }))
}
