import { z } from 'zod'

/** The one rule for a username, used by the API, the CLI, the web forms and better-auth itself. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    USERNAME_PATTERN,
    'use 2 to 64 letters a-z, digits, dot, dash or underscore, starting with a letter or digit',
  )

export function isValidUsername(value: string): boolean {
  return USERNAME_PATTERN.test(value)
}

/** A person's name as typed: no unpaired UTF-16 surrogates, which no database or font can store. */
export const DisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200)
  .refine((s) => !/\p{Cs}/u.test(s), 'contains a broken character (an unpaired surrogate)')
