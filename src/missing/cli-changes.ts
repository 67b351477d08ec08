import type { Command } from 'commander'
import type { Parley } from '../app/container'
import { commandLineActor, withParley } from '../cli/context'
import { fieldWords } from '../cli/field-words'
import { count } from '../cli/plural'
import { DomainError } from '../core/errors'
import { Confidence } from './events'
import { missingEventWords } from './state'

type Services = Parley['services']
type Record = { id: string; registerNumber: number; status: string; captivity: string | null }

/**
 * A record as the operator names it: its register number (12, or "No. 12"), or its id.
 * @throws DomainError VALIDATION naming what was given; NOT_FOUND naming the number
 */
async function recordOf(services: Services, said: string, what = 'record'): Promise<Record> {
  const text = said.trim().replace(/^(no\.?|№)\s*/i, '')
  if (/^\d{1,15}$/.test(text)) return services.missing.recordNumbered(Number(text))
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text))
    return (await services.missing.getMissing(text.toLowerCase())).person
  throw new DomainError(
    'VALIDATION',
    `${what} must be a register number such as 12 (or a record id), not "${said}"`,
  )
}

function seqOf(said: string): number {
  const n = Number(said)
  if (!Number.isInteger(n) || n < 1)
    throw new DomainError(
      'VALIDATION',
      `the event must be its number as "parley missing show" lists it, not "${said}"`,
    )
  return n
}

/** The event `seq` of a record as it stands, refused in the same words as the service would. */
async function eventOf(services: Services, record: Record, seq: number) {
  const { events } = await services.missing.getMissing(record.id)
  const event = events.find((e) => e.seq === seq && !e.retracted)
  if (!event) throw new DomainError('NOT_FOUND', `Record No. ${record.registerNumber} has no event ${seq}`)
  return event
}

const standing = (r: Record) =>
  `now ${r.status}${r.captivity && r.captivity !== 'none' ? `, captivity ${r.captivity}` : ''}`

/**
 * `parley missing show|correct|retract|move|merge|unmerge`: the register's corrections from the
 * command line, through the same service as the API (one write each, audited as the operator).
 */
export function registerMissingChangeCommands(missing: Command) {
  missing
    .command('show')
    .description(
      "A record's particulars and its events with their numbers (what correct, retract and move take)",
    )
    .argument('<record>', 'register number (or id)')
    .action(async (said: string) => {
      await withParley(async ({ services }) => {
        const record = await recordOf(services, said)
        const { person, events, reports, merged } = await services.missing.getMissing(record.id)
        console.log(
          `No. ${person.registerNumber}\t${[person.surname, person.firstNames, person.patronymic].filter(Boolean).join(' ')}\t${standing(person)}`,
        )
        if (person.mergedInto) {
          const into = await services.missing.getMissing(person.mergedInto)
          console.log(`merged into record No. ${into.person.registerNumber}`)
        }
        for (const m of merged) console.log(`record No. ${m.registerNumber} merged into this one`)
        console.log(['event', 'date', 'kind', 'source', 'confidence', 'note'].join('\t'))
        for (const e of events) {
          const note = e.retracted
            ? `retracts event ${e.corrects}: ${e.reason ?? ''}`
            : e.replacedBy
              ? `replaced by event ${e.replacedBy}`
              : e.corrects
                ? `corrects event ${e.corrects}: ${e.reason ?? ''}`
                : ''
          console.log([e.seq, e.occurredOn, e.type, e.source, e.confidence, note].join('\t'))
        }
        console.error(count(reports.length, 'report'))
      })
    })

  missing
    .command('correct')
    .description('Correct an event (its date, source or confidence); kept as a new row with the reason')
    .argument('<record>', 'register number (or id)')
    .argument('<event>', 'the event, by its number')
    .requiredOption('--reason <text>', 'why the event is corrected')
    .option('--on <date>', 'the date it happened, YYYY-MM-DD')
    .option('--source <source>', 'where it comes from')
    .option('--confidence <level>', Confidence.options.join(', '))
    .action(
      async (
        said: string,
        seqSaid: string,
        f: { reason: string; on?: string; source?: string; confidence?: string },
      ) => {
        const seq = seqOf(seqSaid)
        if (f.on === undefined && f.source === undefined && f.confidence === undefined)
          throw new DomainError('VALIDATION', 'say what to correct: --on, --source or --confidence')
        if (f.confidence !== undefined && !(Confidence.options as string[]).includes(f.confidence))
          throw new DomainError(
            'VALIDATION',
            `--confidence must be one of ${Confidence.options.join(', ')}, not ${f.confidence}`,
          )
        await withParley(async ({ services }) => {
          const record = await recordOf(services, said)
          const e = await eventOf(services, record, seq)
          // the kind and what it carries stay: the date, the source and its confidence are corrected
          const event = {
            ...e.details,
            type: e.type,
            occurredOn: f.on ?? e.occurredOn,
            source: f.source ?? e.source,
            confidence: f.confidence ?? e.confidence,
          }
          const after = await services.missing.correctEvent(commandLineActor(), record.id, seq, {
            event: event as never,
            reason: f.reason,
          })
          console.log(
            `Record No. ${record.registerNumber}: event ${seq} (${missingEventWords(e)}) corrected; ${standing(after)}`,
          )
        })
      },
    )

  missing
    .command('retract')
    .description('Retract an event that did not happen (kept in the history, marked, with the reason)')
    .argument('<record>', 'register number (or id)')
    .argument('<event>', 'the event, by its number')
    .requiredOption('--reason <text>', 'why the event is retracted')
    .action(async (said: string, seqSaid: string, f: { reason: string }) => {
      const seq = seqOf(seqSaid)
      await withParley(async ({ services }) => {
        const record = await recordOf(services, said)
        const e = await eventOf(services, record, seq)
        const after = await services.missing.retractEvent(commandLineActor(), record.id, seq, {
          reason: f.reason,
        })
        console.log(
          `Record No. ${record.registerNumber}: event ${seq} (${missingEventWords(e)}) retracted; ${standing(after)}`,
        )
      })
    })

  missing
    .command('move')
    .description('Move an event entered on the wrong person to the record it belongs to (one write)')
    .argument('<record>', 'register number (or id) the event is on')
    .argument('<event>', 'the event, by its number')
    .requiredOption('--to <record>', 'register number (or id) of the record it belongs to')
    .requiredOption('--reason <text>', 'why it belongs there')
    .action(async (said: string, seqSaid: string, f: { to: string; reason: string }) => {
      const seq = seqOf(seqSaid)
      await withParley(async ({ services }) => {
        const record = await recordOf(services, said)
        const target = await recordOf(services, f.to, '--to')
        const e = await eventOf(services, record, seq)
        const after = await services.missing.retractEvent(commandLineActor(), record.id, seq, {
          reason: f.reason,
          moveTo: target.id,
        })
        const there = await services.missing.recordNumbered(target.registerNumber)
        console.log(
          `Event ${seq} (${missingEventWords(e)}) moved from record No. ${record.registerNumber} (${standing(after)}) to record No. ${target.registerNumber} (${standing(there)})`,
        )
      })
    })

  missing
    .command('merge')
    .description('Merge a record into the record of the same person; it stays as a pointer')
    .argument('<record>', 'register number (or id) of the record to merge')
    .requiredOption('--into <record>', 'register number (or id) of the record to keep')
    .requiredOption('--reason <text>', 'why these are one person')
    .action(async (said: string, f: { into: string; reason: string }) => {
      await withParley(async ({ services }) => {
        const from = await recordOf(services, said)
        const into = await recordOf(services, f.into, '--into')
        const kept = await services.missing.mergeRecords(commandLineActor(), into.id, {
          from: from.id,
          reason: f.reason,
        })
        const differ = kept.disagreements.length
          ? `; reports disagree on ${kept.disagreements.map(fieldWords).join(', ')}`
          : ''
        console.log(
          `Record No. ${from.registerNumber} merged into record No. ${into.registerNumber} (${standing(kept)})${differ}`,
        )
      })
    })

  missing
    .command('unmerge')
    .description('Take a merged record out again: its reports go back, the events it brought are retracted')
    .argument('<record>', 'register number (or id) of the merged record')
    .action(async (said: string) => {
      await withParley(async ({ services }) => {
        const from = await recordOf(services, said)
        const into = await services.missing.unmergeRecord(commandLineActor(), from.id)
        console.log(
          `Record No. ${from.registerNumber} taken out of record No. ${into.registerNumber} (${standing(into)})`,
        )
      })
    })
}
