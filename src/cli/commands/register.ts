import { createHash } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { ROLES } from '../../auth/roles'
import { DomainError } from '../../core/errors'
import { commandLineActor, progressBar, withParley } from '../context'
import { count } from '../plural'
import { registerUserLifecycleCommands } from './users'

/**
 * The commands of the custody register foundation: serve, migrate, users, import (audit: audit.ts).
 * The server and the database are imported inside the actions: `parley user --help` or a missing
 * file answers without loading them.
 */
export function registerFoundationCommands(program: Command) {
  program
    .command('serve')
    .description('Serve the API and the web app (creates the first admin on a new data folder)')
    .option('--demo', 'fill an empty register with fictitious demo data first')
    .action(async (opts: { demo?: boolean }) => {
      const [{ loadConfig }, { startServer }] = await Promise.all([
        import('../../core/config'),
        import('../../http/server'),
      ])
      const config = loadConfig()
      const server = await startServer(config)
      const first = await server.parley.services.users.ensureFirstAdmin()
      if (first) {
        console.log('\nA new data folder: the first account was created.')
        console.log(`  username: ${first.username}\n  password: ${first.password}`)
        console.log(`  second-factor enrolment code: ${first.enrolmentCode}`)
        console.log(
          '  These are shown once. Sign in, set up the second factor with the code, create the other accounts.\n',
        )
      }
      if (opts.demo) {
        const { fillDemo } = await import('../../app/demo')
        const bar = progressBar('demo')
        await fillDemo(server.parley, { persons: 3000, onlyIfEmpty: true, onProgress: bar.update })
        bar.stop()
      }
      console.log(
        `Parley is serving ${config.database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'a PostgreSQL server'} at ${config.http.publicUrl}`,
      )
      const stop = async () => {
        await server.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })

  program
    .command('migrate')
    .description('Apply the database migrations and exit')
    .action(async () => {
      const [{ loadConfig }, { openConnection }, { migrateAsOwner }] = await Promise.all([
        import('../../core/config'),
        import('../../db/connection'),
        import('../../app/container'),
      ])
      const config = loadConfig()
      const conn = await openConnection(config.database)
      try {
        // as the tables' owner (PARLEY_MIGRATION_DATABASE_URL) when the application has its own role
        const report = await migrateAsOwner(config, conn)
        console.log(
          report.applied.length
            ? `Applied ${report.applied.join(', ')}`
            : `Up to date (${count(report.alreadyApplied, 'migration')})`,
        )
      } finally {
        await conn.close()
      }
    })

  const user = program.command('user').description('Staff accounts')
  user
    .command('add <username>')
    .description('Create an account; prints its password once')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--name <name>', 'full name (default: the username)')
    .option('--password <password>', 'at least 12 characters (default: generated)')
    .action(async (username: string, opts: { role: string; name?: string; password?: string }) => {
      await withParley(async ({ services }) => {
        const {
          user: created,
          password,
          enrolmentCode,
        } = await services.users.createUser(commandLineActor(), {
          username,
          name: opts.name ?? username,
          role: opts.role as never,
          password: opts.password,
        })
        console.log(`Created ${created.username} (${created.role})`)
        if (!opts.password) console.log(`password: ${password}`)
        console.log(`second-factor enrolment code (valid 7 days): ${enrolmentCode}`)
      })
    })
  user
    .command('list')
    .description('List accounts')
    .action(async () => {
      await withParley(async ({ services }) => {
        for (const u of await services.users.listUsers())
          console.log(
            [
              u.username,
              u.role,
              u.twoFactorEnabled ? (u.passkeys ? `2FA, ${count(u.passkeys, 'passkey')}` : '2FA') : 'no 2FA',
              u.banned ? 'disabled' : u.locked ? 'locked' : 'active',
              u.name,
            ].join('\t'),
          )
      })
    })
  registerUserLifecycleCommands(user)

  program
    .command('demo')
    .description('Fill the register with fictitious persons made by the generator (for demonstrations)')
    .option('--persons <n>', 'how many persons', '3000')
    .option('--seed <n>', 'generator seed', '2026')
    .action(async (opts: { persons: string; seed: string }) => {
      const persons = Number(opts.persons)
      if (!Number.isInteger(persons) || persons < 1 || persons > 1_000_000) {
        throw new DomainError('VALIDATION', '--persons must be a whole number from 1 to 1,000,000')
      }
      const { fillDemo } = await import('../../app/demo')
      await withParley(async (parley) => {
        const bar = progressBar('demo')
        const result = await fillDemo(parley, {
          persons,
          seed: Number(opts.seed),
          onProgress: (d, t) => bar.update(d, t),
        })
        bar.stop()
        console.log(`Registered ${count(result.created, 'fictitious person')} and stored a counterpart list`)
      })
    })

  const imports = program.command('import').description('Import records')
  imports
    .command('list <file>')
    .description(
      'Store a received list (CSV, XLSX or JSON lines) for linkage; the same file twice is stored once',
    )
    .requiredOption('--name <name>', 'what the bureau calls this list')
    .option('--counterpart <who>', 'who sent it')
    .action(async (file: string, opts: { name: string; counterpart?: string }) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      await withParley(async ({ services }) => {
        const list = await services.lists.importList(commandLineActor(), {
          name: opts.name,
          counterpart: opts.counterpart,
          fileName: path.basename(file),
          // read from disk by the streaming reader, not held whole (a list can be tens of MB)
          content: { path: file, sha256: await sha256OfFile(file) },
        })
        for (const w of list.warnings.slice(0, 20)) console.error(`warning: ${w}`)
        console.log(
          list.created
            ? `Stored list ${list.id} "${list.name}": ${count(list.rowCount, 'row')}`
            : `This file was stored before as list ${list.id} "${list.name}"; nothing changed`,
        )
      })
    })
  imports
    .command('missing <file>')
    .description(
      'Import a missing-persons register (CSV or XLSX): all rows or none; a source imported again adds only new rows',
    )
    .option('--source <name>', 'whose register this is (default the file name)')
    .action(async (file: string, opts: { source?: string }) =>
      (await import('../../missing/cli')).importMissingCommand(file, opts),
    )
  imports
    .command('persons <file>')
    .description('Import persons from a CSV file: all rows or none; the same file twice changes nothing')
    .action(async (file: string) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      await withParley(async ({ services }) => {
        const bar = progressBar('importing (KiB read)')
        try {
          // read from disk as a stream, not held whole (a register can be tens of MB)
          const report = await services.personImport.importPersons(
            commandLineActor(),
            { name: path.basename(file), path: file },
            (done, total) => bar.update(Math.ceil(done / 1024), Math.ceil(total / 1024)),
          )
          bar.stop()
          console.log(
            `${count(report.rows, 'row')}: ${report.created} registered, ${report.unchanged} already in the register`,
          )
        } finally {
          bar.stop()
        }
      })
    })
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
