import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Parley } from '../../app/container'
import type { CheckpointExport } from '../../audit/service'
import * as auditStore from '../../audit/store'
import { systemClock } from '../../core/clock'
import { DomainError } from '../../core/errors'
import { createStateCheck, describeDifference, type StateCheckReport } from '../../custody/check'
import * as checkStore from '../../custody/check-store'
import { commandLineActor, progressBar, withParley } from '../context'
import { count } from '../plural'

/** `parley audit verify|checkpoint|checkpoints`, `parley check` and `parley rebuild-state`. */
export function registerAuditCommands(program: Command) {
  const audit = program.command('audit').description('The audit trail and its signed checkpoints')

  audit
    .command('verify')
    .description(
      'Walk the hash chain and hold it against the signed checkpoints; exit 3 naming the first entry that does not hold',
    )
    .option('--against <file>', 'verify with an exported copy of the checkpoints (from `audit checkpoints`)')
    .action(async (opts: { against?: string }) => {
      const against = opts.against ? readExport(opts.against) : undefined
      await withParley(async ({ services }) => {
        const bar = progressBar('verifying')
        const result = await services.audit.verifyAnchored({ against, onProgress: bar.update })
        bar.stop()
        for (const w of result.warnings) console.error(`warning: ${w}`)
        if (!result.ok) {
          throw new DomainError(
            'INTEGRITY',
            result.firstBadSeq === undefined
              ? `Audit checkpoints do not hold: ${result.reason}`
              : `Audit chain broken at entry ${result.firstBadSeq}: ${result.reason} (${result.checked} entries before it hold)`,
          )
        }
        const a = result.anchor
        console.log(
          `Audit chain intact: ${count(result.checked, 'entry', 'entries')} verified${
            a
              ? `; ${a.checkpoints} signed checkpoints hold (key ${a.key}), the last at entry ${a.lastSeq} on ${a.lastAt}`
              : ''
          }`,
        )
      })
    })

  audit
    .command('checkpoint')
    .description(
      'Sign the head of the chain now and append it to the checkpoint file (makes the key if absent)',
    )
    .action(async () => {
      await withParley(async ({ services }) => {
        const { checkpoint, written } = await services.audit.writeCheckpoint()
        console.log(
          `${written ? 'Signed' : 'Already signed'}: entry ${checkpoint.seq}, hash ${checkpoint.hash}, at ${checkpoint.at} (key ${checkpoint.key})`,
        )
      })
    })

  audit
    .command('checkpoints')
    .description('Export the public key and every signed checkpoint as JSON, to keep elsewhere')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }) => {
      await withParley(async ({ services }) => {
        const text = `${JSON.stringify(services.audit.exportCheckpoints(), null, 2)}\n`
        if (opts.out) {
          writeFileSync(opts.out, text)
          console.error(`Wrote ${opts.out}`)
        } else process.stdout.write(text)
      })
    })

  program
    .command('check')
    .description(
      "Recompute every person's status from their events; exit 3 naming each person whose stored state differs",
    )
    .action(async () => {
      await withParley(async (parley) => {
        const bar = progressBar('checking')
        const report = await stateCheck(parley).check(bar.update)
        bar.stop()
        if (report.differing > 0) throw differencesError(report, 'differs from their events')
        console.log(
          `State consistent: ${report.checked === 1 ? '1 person matches its' : `${report.checked} persons match their`} events`,
        )
      })
    })

  program
    .command('rebuild-state')
    .description(
      "Rewrite each person's stored state from their events where it differs, with an audit entry each",
    )
    .action(async () => {
      await withParley(async (parley) => {
        const bar = progressBar('rebuilding')
        const report = await stateCheck(parley).rebuild(commandLineActor(), bar.update)
        bar.stop()
        for (const d of report.differences.filter((x) => !x.impossible).slice(0, 50))
          console.error(`repaired ${describeDifference(d)}`)
        const left = report.differing - report.repaired
        if (left > 0) throw differencesError(report, 'has an impossible history and was not repaired', true)
        console.log(
          `${count(report.checked, 'person')} checked: ${report.repaired} repaired from their events`,
        )
      })
    })
}

function stateCheck({ conn }: Parley) {
  return createStateCheck({ db: conn.db, store: checkStore, audit: auditStore, clock: systemClock })
}

function differencesError(report: StateCheckReport, what: string, impossibleOnly = false) {
  const listed = report.differences.filter((d) => !impossibleOnly || d.impossible)
  const n = impossibleOnly ? report.differing - report.repaired : report.differing
  return new DomainError(
    'INTEGRITY',
    `${n} of ${report.checked} persons: the stored state ${what}${impossibleOnly ? '' : ' (`parley rebuild-state` repairs it)'}`,
    { issues: listed.map((d) => ({ path: `person ${d.registerNumber}`, message: describeDifference(d) })) },
  )
}

function readExport(file: string): CheckpointExport {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CheckpointExport
    if (typeof parsed.publicKey !== 'string' || !Array.isArray(parsed.checkpoints)) throw new Error()
    return parsed
  } catch {
    throw new DomainError('VALIDATION', `${file} is not an export of \`parley audit checkpoints\``)
  }
}
