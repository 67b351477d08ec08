import type { Command } from 'commander'
import { ROLES } from '../../auth/roles'
import { commandLineActor, withParley } from '../context'
import { count } from '../plural'

/**
 * The account lifecycle at the command line, for the machine's operator (e.g. when no admin can
 * sign in): the same services and the same audit entries as the admin page and the API.
 */
export function registerUserLifecycleCommands(user: Command) {
  const simple = [
    ['disable', 'Disable an account and end its sessions (refused for the last active admin)', 'disable'],
    ['enable', 'Enable a disabled account', 'enable'],
    ['revoke-sessions', 'End every session of an account', 'revokeSessions'],
    ['unlock', 'Clear the failed sign-ins that locked an account', 'unlock'],
  ] as const
  for (const [name, description, method] of simple) {
    user
      .command(`${name} <username>`)
      .description(description)
      .action(async (username: string) => {
        await withParley(async ({ services }) => {
          const result = await services.accounts[method](commandLineActor(), username)
          console.log(`${name}: ${result.username} done`)
        })
      })
  }
  user
    .command('reset-password <username>')
    .description('Set a one-time password (printed once), to be changed at the next sign-in; sessions end')
    .action(async (username: string) => {
      await withParley(async ({ services }) => {
        const { password } = await services.accounts.resetPassword(commandLineActor(), username)
        console.log(`one-time password for ${username}: ${password}`)
        console.log('It is shown once and must be changed at the next sign-in.')
      })
    })
  user
    .command('reset-2fa <username>')
    .description(
      'Remove the second factor (TOTP and passkeys) and print a one-time enrolment code; sessions end',
    )
    .action(async (username: string) => {
      await withParley(async ({ services }) => {
        const { enrolmentCode, passkeysRemoved } = await services.accounts.resetSecondFactor(
          commandLineActor(),
          username,
        )
        if (passkeysRemoved) console.log(`${count(passkeysRemoved, 'passkey')} removed`)
        console.log(`enrolment code for ${username}: ${enrolmentCode}`)
        console.log('It is shown once and is valid for 7 days.')
      })
    })
  user
    .command('passkeys <username>')
    .description("List an account's passkeys (name, registered, last used); reset-2fa removes them")
    .action(async (username: string) => {
      await withParley(async ({ services }) => {
        const { passkeys } = await services.accounts.passkeysOf(username)
        if (!passkeys.length) console.log(`${username} has no passkey`)
        for (const p of passkeys)
          console.log(
            [p.name, `registered ${p.createdAt}`, `last used ${p.lastUsedAt ?? 'never'}`, p.id].join('\t'),
          )
      })
    })
  user
    .command('set-role <username> <role>')
    .description(`Change the role (one of ${ROLES.join(', ')}); refused when no active admin would remain`)
    .action(async (username: string, role: string) => {
      await withParley(async ({ services }) => {
        const result = await services.accounts.changeRole(commandLineActor(), username, { role })
        console.log(`${result.username} is now ${result.role}`)
      })
    })
}
