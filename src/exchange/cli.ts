import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { createDisclosureLog } from '../audit/disclosure'
import * as auditStore from '../audit/store'
import { commandLineActor, withParley } from '../cli/context'
import { count } from '../cli/plural'
import { systemClock } from '../core/clock'
import { DomainError } from '../core/errors'
import { readTable } from '../lists/table'
import { DOCUMENT_FORMATS, EXCHANGE_DOCUMENTS } from './documents/service'
import { DOCUMENT_LANGUAGES } from './documents/texts'
import { registerExchangeListCommands } from './received/cli'

/** `parley exchange …`: plan an exchange from the command line, as negotiators script it. */
export function registerExchangeCommands(program: Command) {
  const exchange = program
    .command('exchange')
    .description('Exchanges: list, plan, import the lists of a round')
  registerExchangeListCommands(exchange)

  exchange
    .command('list')
    .description('Exchanges, newest first')
    .action(async () => {
      await withParley(async ({ services }) => {
        for (const e of await services.exchanges.listExchanges())
          console.log(`${e.id}\t${e.status}\t${e.name}\t${e.counterpart}`)
      })
    })

  exchange
    .command('create')
    .description('Open an exchange')
    .requiredOption('--name <name>', 'what the bureau calls it')
    .requiredOption('--counterpart <who>', 'the other side')
    .option('--mediator <who>', 'the mediator')
    .option(
      '--terms <file>',
      'the terms as JSON (balance, maxSize, quotas, exclusions, allowProceedings, priorities)',
    )
    .option('--stages <sizes>', 'handover stage sizes, e.g. 390,307,303')
    .action(
      async (opts: {
        name: string
        counterpart: string
        mediator?: string
        terms?: string
        stages?: string
      }) => {
        if (opts.terms && !existsSync(opts.terms))
          throw new DomainError('VALIDATION', `${opts.terms}: no such file`)
        let terms: unknown = {}
        if (opts.terms)
          try {
            terms = JSON.parse(readFileSync(opts.terms, 'utf8'))
          } catch {
            throw new DomainError('VALIDATION', `${opts.terms}: not JSON`)
          }
        const stages = opts.stages ? opts.stages.split(',').map((s) => Number(s.trim())) : []
        await withParley(async ({ services }) => {
          const e = await services.exchanges.createExchange(commandLineActor(), {
            name: opts.name,
            counterpart: opts.counterpart,
            mediator: opts.mediator,
            terms: terms as never,
            stages,
          })
          console.log(e.id)
        })
      },
    )

  exchange
    .command('consent <file>')
    .description(
      'Record, from a CSV (person_id, consent, refused_repatriation, proceedings, requested, group), what is known of persons we hold',
    )
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (file: string, opts: { exchange: string }) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      const { header, rows } = await readTable(path.basename(file), readFileSync(file))
      const col = (name: string) => header.indexOf(name)
      const yes = (row: string[], name: string) =>
        col(name) >= 0 && /^(1|yes|true|так|да)$/i.test((row[col(name)] ?? '').trim())
      // an empty cell says nothing: the person's recorded facts (consent, refusal, proceedings) decide
      const said = (row: string[], name: string) =>
        col(name) >= 0 && (row[col(name)] ?? '').trim() !== '' ? yes(row, name) : undefined
      const notes = rows.map((row) => ({
        personId: (row[col('person_id')] ?? '').trim(),
        consent: said(row, 'consent'),
        refusedRepatriation: said(row, 'refused_repatriation'),
        pendingProceedings: said(row, 'proceedings'),
        requested: yes(row, 'requested'),
        groupId: col('group') >= 0 ? (row[col('group')] ?? '').trim() || null : null,
      }))
      await withParley(async ({ services }) => {
        const r = await services.exchanges.annotateGive(commandLineActor(), opts.exchange, notes)
        console.log(`${count(r.persons, 'person')} annotated`)
      })
    })

  exchange
    .command('sought <file>')
    .description('Replace the list of our persons the other side holds (CSV or XLSX)')
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (file: string, opts: { exchange: string }) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      await withParley(async ({ services }) => {
        const r = await services.exchanges.importSought(
          commandLineActor(),
          opts.exchange,
          path.basename(file),
          readFileSync(file),
        )
        console.log(
          `${count(r.rows, 'row')} received, ${count(r.persons, 'person')}, ${count(r.flaggedRows, 'row')} flagged, ${count(r.undecidedDuplicates, 'duplicate group')} to decide`,
        )
      })
    })

  exchange
    .command('plan')
    .description('Plan the exchange with its terms: both lists with reasons, and who is left out and why')
    .requiredOption('--exchange <id>', 'the exchange')
    .option('--save', 'keep the plan as the next round (our proposal)')
    .option('--out <file>', 'also write the plan as JSON')
    .action(async (opts: { exchange: string; save?: boolean; out?: string }) => {
      await withParley(async ({ services }) => {
        const plan = await services.exchanges.plan(commandLineActor(), opts.exchange, { save: opts.save })
        const name = (id: string) => {
          const p = plan.people[id]
          return p ? `${p.surname} ${p.firstNames}${p.dateOfBirth ? ` (${p.dateOfBirth})` : ''}` : id
        }
        if (!plan.feasible) {
          console.log('The terms cannot all be met:')
          for (const c of plan.conflicts) console.log(`  - ${c}`)
          process.exitCode = 5
        } else {
          console.log(
            `${plan.give.length} to give, ${plan.receive.length} to receive (${plan.method}${plan.proven ? ', proven optimal' : ''})${plan.round ? `; saved as round ${plan.round}` : ''}`,
          )
          for (const side of ['give', 'receive'] as const) {
            console.log(`\n${side === 'give' ? 'We give' : 'We ask for'}:`)
            for (const p of plan[side]) console.log(`  ${name(p.id)}\t${p.reasons.join('; ')}`)
          }
          const reasons = new Map<string, number>()
          for (const l of plan.leftOut) reasons.set(l.reason, (reasons.get(l.reason) ?? 0) + 1)
          console.log('\nLeft out:')
          for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t${reason}`)
        }
        if (opts.out) writeFileSync(opts.out, `${JSON.stringify(plan, null, 2)}\n`)
      })
    })

  exchange
    .command('export <id>')
    .description(
      'Write the agreed lists or the handover report as PDF or XLSX, in Ukrainian, English or Russian',
    )
    .requiredOption('--document <document>', EXCHANGE_DOCUMENTS.join(' or '))
    .option('--format <format>', DOCUMENT_FORMATS.join(' or '), 'pdf')
    .option('--lang <lang>', DOCUMENT_LANGUAGES.join(', '), 'uk')
    .requiredOption('--out <file>', 'where to write the document')
    .action(async (id: string, opts: { document: string; format: string; lang: string; out: string }) => {
      const document = oneOf('--document', opts.document, EXCHANGE_DOCUMENTS)
      const format = oneOf('--format', opts.format, DOCUMENT_FORMATS)
      const lang = oneOf('--lang', opts.lang, DOCUMENT_LANGUAGES)
      await withParley(async ({ conn, services }) => {
        const out = await services.exchangeDocuments.exportDocument(id, document, format, lang)
        // a document handed to the other side names every person on it: audited like the download
        const disclosures = createDisclosureLog({ db: conn.db, audit: auditStore, clock: systemClock })
        await disclosures.record(commandLineActor(), {
          what: `exchange.documents.${document}.read`,
          entity: { type: 'exchange', id },
          query: { document, format, lang, out: opts.out },
          count: out.refs.length,
          ids: out.refs,
        })
        writeFileSync(opts.out, out.bytes)
        console.log(
          `${opts.out}: ${count(out.refs.length, 'person')}, ${Math.round(out.bytes.length / 1024)} KiB`,
        )
      })
    })
}

/** An option's value among the allowed ones, or a refusal naming the option and the choices. */
function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new DomainError('VALIDATION', `${option} must be ${allowed.join(', ')}, not ${value}`)
}
