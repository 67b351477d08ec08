import { z } from 'zod'
import { SecuritySettings } from '../settings/service'
import { PERMISSIONS, ROLES } from './roles'

// The answers of the session, user and settings routes, as the API documents them and the web
// app's types are generated from (npm run gen:api).

export const Role = z.enum(ROLES).meta({ id: 'Role' })

export const SessionUser = z
  .object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    role: Role,
    twoFactorEnabled: z.boolean(),
    mustEnrolSecondFactor: z.boolean().describe('Nothing else until a second factor is set up'),
    mustChangePassword: z.boolean().describe("Signed in with an admin's one-time password"),
    permissions: z.array(z.enum(PERMISSIONS)).readonly(),
  })
  .meta({ id: 'SessionUser' })

export const SignedIn = z.object({ status: z.string().describe('signed_in') })

export const Enrolment = z.object({
  totpUri: z.string().describe('otpauth:// URI for the authenticator app (shown as a QR code)'),
  backupCodes: z.array(z.string()).describe('Single-use codes for when the authenticator is lost'),
})

export const StaffAccount = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: z.string().nullable(),
    twoFactorEnabled: z.boolean(),
    totp: z.boolean().describe('Has a confirmed TOTP authenticator'),
    passkeys: z.number().int().describe('How many passkeys are registered'),
    banned: z.boolean().describe('Disabled'),
    locked: z.boolean().describe('Locked after failed sign-ins'),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'StaffAccount' })

export const CreatedAccount = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: Role,
    twoFactorEnabled: z.boolean(),
  }),
  password: z.string().describe('Shown this once'),
  enrolmentCode: z.string().describe('Shown this once: lets the user set up their second factor'),
})

/** What an account action did; each action fills in its own field. */
export const AccountActionDone = z.object({
  username: z.string(),
  disabled: z.boolean().optional(),
  unlocked: z.boolean().optional(),
  revoked: z.number().int().optional().describe('Sessions ended'),
  password: z.string().optional().describe('The one-time password, shown this once'),
  enrolmentCode: z.string().optional().describe('The one-time enrolment code, shown this once'),
})

export const RoleChanged = z.object({ username: z.string(), role: Role })

export const SecuritySettingsShown = SecuritySettings.meta({ id: 'SecuritySettings' })
export const SecuritySettingsSaved = SecuritySettings.extend({
  enrolmentCode: z
    .string()
    .optional()
    .describe('For the admin who required a second factor without having one: their own enrolment code'),
})
