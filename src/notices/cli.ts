import { createPublicKey } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { loadOrCreateSigningKey, readPublicKey } from '../audit/anchor'
import { createDisclosureLog } from '../audit/disclosure'
import * as auditStore from '../audit/store'
import { commandLineActor, progressBar, withParley } from '../cli/context'
import { followJob } from '../cli/follow-job'
import { count } from '../cli/plural'
import { systemClock } from '../core/clock'
import { DomainError } from '../core/errors'
import type { BatchJobSummary } from './batch-job'
import { EXPORT_FORMATS, type ExportFormat, verifyExport } from './export'
import type { Recipient } from './rules'

const STATES = ['due', 'prepared', 'sent', 'acknowledged', 'superseded']

async function keyFile() {
  const { loadConfig } = await import('../core/config')
  return loadConfig().audit.keyFile
}

/** `parley notices`: the liaison's queue, a batch's signed export, and the check of one. */
export function registerNoticeCommands(program: Command) {
  const notices = program
    .command('notices')
    .description('What the bureau owes the ICRC: notices, signed batch exports and their check')
  notices
    .command('list')
    .description('Notices, earliest deadline first, tab-separated')
    .option('--state <state>', STATES.join(', '))
    .option('--overdue', 'only due or prepared notices past their deadline')
    .option('--limit <n>', 'at most this many', '200')
    .action(async (flags: { state?: string; overdue?: boolean; limit: string }) => {
      const limit = Number(flags.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
        throw new DomainError(
          'VALIDATION',
          `--limit must be a whole number from 1 to 100000, not ${flags.limit}`,
        )
      if (flags.state && !STATES.includes(flags.state))
        throw new DomainError('VALIDATION', `--state must be one of ${STATES.join(', ')}, not ${flags.state}`)
      await withParley(async ({ conn, services }) => {
        const items = await services.notices.list({ state: flags.state, overdue: flags.overdue }, limit)
        await createDisclosureLog({ db: conn.db, audit: auditStore, clock: systemClock }).record(
          commandLineActor(),
          {
            what: 'notices.list.read',
            query: { state: flags.state, overdue: flags.overdue, limit },
            count: items.length,
            ids: [...new Set(items.map((n) => n.personId))],
          },
        )
        console.log(
          ['notice', 'due on', 'overdue days', 'state', 'article', 'event', 'name', 'latin'].join('\t'),
        )
        for (const n of items)
          console.log(
            [
              n.number,
              n.dueOn,
              n.overdueDays ?? '',
              n.state,
              n.article,
              n.event.type,
              n.name,
              n.nameLatin ?? '',
            ].join('\t'),
          )
      })
    })

  notices
    .command('prepare')
    .description('Put every notice due to the recipient into a new batch')
    .option('--recipient <recipient>', 'agency (the Central Tracing Agency) or power', 'agency')
    .action(async (flags: { recipient: string }) => {
      if (flags.recipient !== 'agency' && flags.recipient !== 'power')
        throw new DomainError('VALIDATION', `--recipient must be agency or power, not ${flags.recipient}`)
      await withParley(async ({ services }) => {
        const out = await services.notices.prepareOrQueue(commandLineActor(), {
          recipient: flags.recipient as Recipient,
        })
        // a large batch is a job (run by this process on the embedded database): followed on a bar
        const batch =
          'jobId' in out
            ? ((await followJob(services.jobs, out.jobId, 'preparing the batch')).result as BatchJobSummary)
            : { id: out.batch.id, number: out.batch.number, count: out.batch.count }
        const id = 'batchId' in batch ? batch.batchId : batch.id
        console.log(
          `batch ${batch.number} (${id}): ${count(batch.count, 'notice')} to the ${flags.recipient}`,
        )
      })
    })

  notices
    .command('export')
    .description('Write a batch as CSV, JSON or XLSX, signed (Ed25519) in FILE.sig beside it')
    .requiredOption('--batch <id>', 'the batch')
    .option('--format <format>', EXPORT_FORMATS.join(', '), 'csv')
    .requiredOption('--out <file>', 'where to write it')
    .action(async (opts: { batch: string; format: string; out: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new DomainError(
          'VALIDATION',
          `--format must be ${EXPORT_FORMATS.join(', ')}, not ${opts.format}`,
        )
      // made here (mode 0600) so a missing key is said on stderr rather than created silently
      const { created: madeKey } = loadOrCreateSigningKey(await keyFile(), (m) =>
        process.stderr.write(`${m}\n`),
      )
      await withParley(async ({ conn, services }) => {
        // a new key anchors the audit chain too: without its first checkpoint, `parley audit verify`
        // would take the key for one whose checkpoints were deleted
        if (madeKey) await services.audit.writeCheckpoint()
        const started = performance.now()
        // kept with the batch byte for byte, as the web's export is (sent once the batch is marked sent)
        const { batch, bytes, signature } = await services.notices.exportBatch(
          commandLineActor(),
          opts.batch,
          opts.format as ExportFormat,
        )
        await createDisclosureLog({ db: conn.db, audit: auditStore, clock: systemClock }).record(
          commandLineActor(),
          {
            what: 'notices.batch.export',
            entity: { type: 'notice_batch', id: batch.id },
            query: { format: opts.format, out: opts.out, sha256: signature.sha256 },
            count: batch.notices.length,
            ids: [...new Set(batch.notices.map((n) => n.personId))],
          },
        )
        writeFileSync(opts.out, bytes)
        writeFileSync(`${opts.out}.sig`, `${JSON.stringify(signature, null, 1)}\n`)
        console.log(
          `${opts.out}: batch ${batch.number}, ${count(batch.notices.length, 'notice')}, sha256 ${signature.sha256}, signed by ${signature.key} (${opts.out}.sig), in ${((performance.now() - started) / 1000).toFixed(2)} s`,
        )
      })
    })

  notices
    .command('mark-sent')
    .description(
      'Record a backlog as already sent before Parley: the due notices raised by events before DATE and/or about the persons of an import, in one audited action',
    )
    .option('--before <date>', 'notices raised by events before this day (YYYY-MM-DD)')
    .option('--import <id>', 'notices about the persons of this import (see `parley notices imports`)')
    .requiredOption('--reference <text>', 'the reference of the earlier sending, e.g. "paper lists 2024"')
    .option('--on <date>', 'the day they were sent, default today')
    .option('--recipient <recipient>', 'agency or power', 'agency')
    .option('--dry-run', 'only say how many notices it would mark')
    .action(
      async (flags: {
        before?: string
        import?: string
        reference: string
        on?: string
        recipient: string
        dryRun?: boolean
      }) => {
        for (const [name, v] of [
          ['--before', flags.before],
          ['--on', flags.on],
        ] as const)
          if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
            throw new DomainError('VALIDATION', `${name} must be a day as YYYY-MM-DD, not ${v}`)
        if (flags.recipient !== 'agency' && flags.recipient !== 'power')
          throw new DomainError('VALIDATION', `--recipient must be agency or power, not ${flags.recipient}`)
        const input = {
          before: flags.before,
          importId: flags.import,
          recipient: flags.recipient as Recipient,
          on: flags.on,
          reference: flags.reference,
        }
        await withParley(async ({ services }) => {
          const preview = await services.notices.previewBacklogSent(input)
          const what = `${preview.count} due notices about ${preview.persons} persons${preview.earliest ? `, events ${preview.earliest} to ${preview.latest}` : ''}`
          if (flags.dryRun) {
            console.log(`would mark ${what} as sent before Parley`)
            return
          }
          // one statement, all or nothing: said before it starts, since a large import's backlog takes a while
          if (preview.count > 0) process.stderr.write(`marking ${what} as sent before Parley…\n`)
          const r = await services.notices.markBacklogAsSent(commandLineActor(), input)
          console.log(
            `marked ${count(r.count, 'notice')} about ${count(r.persons, 'person')} as sent before Parley (reference ${flags.reference}), batch ${r.batchNumber}`,
          )
        })
      },
    )

  notices
    .command('imports')
    .description('Person imports, newest first, with their ids (for mark-sent --import)')
    .action(async () => {
      await withParley(async ({ services }) => {
        console.log(['id', 'file', 'rows', 'registered', 'imported at', 'by'].join('\t'))
        for (const i of await services.notices.imports())
          console.log([i.id, i.fileName, i.rows, i.created, i.importedAt, i.importedBy].join('\t'))
      })
    })

  notices
    .command('weekly')
    .description(
      'Bring the weekly health bulletins of the seriously ill or wounded up to date (GC III Art. 122; the server does it hourly)',
    )
    .action(async () => {
      await withParley(async ({ services }) => {
        const bar = progressBar('weekly bulletins')
        const r = await services.notices.weeklyBulletins((done, total) => bar.update(done, total))
        bar.stop()
        console.log(
          `${count(r.persons, 'person')} seriously ill or wounded: ${count(r.added, 'bulletin')} added, ${r.withdrawn} withdrawn`,
        )
      })
    })

  notices
    .command('verify <file>')
    .description(
      "Check an exported batch against its signature (FILE.sig) and this bureau's key; exit 3 when it fails",
    )
    .option('--sig <file>', 'the signature file, default FILE.sig')
    .option('--public-key <pem>', "the bureau's public key (PEM), default the key of this data folder")
    .action(async (file: string, opts: { sig?: string; publicKey?: string }) => {
      const sigFile = opts.sig ?? `${file}.sig`
      for (const f of [file, sigFile])
        if (!existsSync(f)) throw new DomainError('VALIDATION', `${f}: no such file`)
      const publicKey = opts.publicKey
        ? createPublicKey(readFileSync(opts.publicKey, 'utf8'))
        : readPublicKey(await keyFile())
      if (!publicKey)
        throw new DomainError('VALIDATION', 'no signing key in this data folder: pass --public-key')
      let signature: unknown
      try {
        signature = JSON.parse(readFileSync(sigFile, 'utf8'))
      } catch {
        throw new DomainError('INTEGRITY', `${sigFile}: not a signature file (not JSON)`)
      }
      const problem = verifyExport(readFileSync(file), signature, publicKey)
      if (problem) throw new DomainError('INTEGRITY', `${file}: ${problem}`)
      console.log(`${file}: signature valid (${(signature as { key: string }).key})`)
    })
}
