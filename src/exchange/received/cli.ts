import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { commandLineActor, withParley } from '../../cli/context'
import { count } from '../../cli/plural'
import { DomainError } from '../../core/errors'
import type { Breach } from '../agreement/check'
import { AgreementBreached } from '../agreement/service'

const printBreaches = (breaches: Breach[]) => {
  for (const b of breaches)
    console.log(
      `  - ${b.code}\t${Object.entries(b.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    )
}

/**
 * `parley exchange duplicates|decide|counter|difference|pair|check|agree|reopen`: the received
 * lists, the rounds by name, and the agreement, as the API offers them.
 */
export function registerExchangeListCommands(exchange: Command) {
  exchange
    .command('duplicates')
    .description('Rows of the received list suspected to be one person, with the evidence')
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (opts: { exchange: string }) => {
      await withParley(async ({ services }) => {
        const { counts, groups } = await services.exchanges.duplicates(opts.exchange)
        console.log(
          `${count(counts.rows, 'row')} received, ${count(counts.persons, 'person')} in the pool, ${count(counts.flaggedRows, 'row')} flagged, ${counts.undecidedDuplicates} of ${count(counts.duplicateGroups, 'duplicate group')} undecided`,
        )
        for (const g of groups) {
          console.log(`\ngroup ${g.key}: ${g.decision ?? 'undecided'}${g.keep ? ` (keeps ${g.keep})` : ''}`)
          for (const r of g.rows)
            console.log(`  row ${r.line}\t${r.ref}\t${Object.values(r.written ?? {}).join(' ')}`)
          for (const e of g.evidence)
            console.log(`  ${e.a} ~ ${e.b}: score ${e.score}, agreed ${e.agreed.join(', ')}, date ${e.date}`)
        }
      })
    })

  exchange
    .command('decide <group>')
    .description('Decide a duplicate group: --merge (optionally --keep <ref>) or --keep-both')
    .requiredOption('--exchange <id>', 'the exchange')
    .option('--merge', 'one person: plan with one row of the group')
    .option('--keep <ref>', 'the row to keep when merging (default: the first)')
    .option('--keep-both', 'different persons')
    .action(
      async (
        group: string,
        opts: { exchange: string; merge?: boolean; keep?: string; keepBoth?: boolean },
      ) => {
        if (!!opts.merge === !!opts.keepBoth)
          throw new DomainError('VALIDATION', 'give --merge or --keep-both')
        await withParley(async ({ services }) => {
          const r = await services.exchanges.decide(commandLineActor(), opts.exchange, group, {
            decision: opts.merge ? 'merge' : 'keep_both',
            keep: opts.keep,
          })
          console.log(
            `decided; ${count(r.counts.undecidedDuplicates, 'group')} undecided, ${count(r.counts.persons, 'person')} in the pool`,
          )
        })
      },
    )

  exchange
    .command('counter <file>')
    .description(
      "Record the other side's counter-list (side, surname, first_name, date_of_birth[, replaces])",
    )
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (file: string, opts: { exchange: string }) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      await withParley(async ({ services }) => {
        const r = await services.exchanges.importCounter(
          commandLineActor(),
          opts.exchange,
          path.basename(file),
          readFileSync(file),
        )
        console.log(
          `round ${r.round}: ${r.counts.give} to give, ${r.counts.receive} to receive; ${count(r.counts.unmatched, 'row')} unmatched, ${r.counts.repeated} repeated`,
        )
        for (const u of r.unmatched) console.log(`  unmatched ${u}`)
      })
    })

  exchange
    .command('difference <round>')
    .description('What a round changed, by name: added, removed, substituted, unmatched')
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (round: string, opts: { exchange: string }) => {
      await withParley(async ({ services }) => {
        const d = await services.exchanges.roundDifference(opts.exchange, Number(round))
        for (const side of ['give', 'receive'] as const) {
          const s = d.difference[side]
          console.log(`\n${side === 'give' ? 'We give' : 'We ask for'}:`)
          for (const x of s.added) console.log(`  + ${x.name}\t${x.ref}`)
          for (const x of s.removed) console.log(`  - ${x.name}\t${x.ref}`)
          for (const x of s.substituted) console.log(`  ${x.out.name} -> ${x.in.name}\t(${x.by})`)
          for (const x of s.unmatched) console.log(`  ? row ${x.line}: ${x.written}`)
        }
      })
    })

  exchange
    .command('pair')
    .description('Pair a substitution of a round: --out (removed) replaced by --in (added)')
    .requiredOption('--exchange <id>', 'the exchange')
    .requiredOption('--round <n>', 'the round')
    .requiredOption('--side <side>', 'give or receive')
    .requiredOption('--out <ref>', 'the person removed')
    .requiredOption('--in <ref>', 'the person added in their place')
    .action(async (opts: { exchange: string; round: string; side: string; out: string; in: string }) => {
      if (opts.side !== 'give' && opts.side !== 'receive')
        throw new DomainError('VALIDATION', '--side must be give or receive')
      await withParley(async ({ services }) => {
        await services.exchanges.pair(commandLineActor(), opts.exchange, {
          round: Number(opts.round),
          side: opts.side as 'give' | 'receive',
          out: opts.out,
          in: opts.in,
        })
        console.log('paired')
      })
    })

  exchange
    .command('check')
    .description('Check the last round against the terms')
    .requiredOption('--exchange <id>', 'the exchange')
    .action(async (opts: { exchange: string }) => {
      await withParley(async ({ services }) => {
        const a = await services.exchanges.agreement(opts.exchange)
        console.log(`round ${a.round}: ${a.give} to give, ${a.receive} to receive`)
        if (a.breaches.length === 0) console.log('the lists hold the terms')
        else printBreaches(a.breaches)
        if (a.breaches.length) process.exitCode = 5
      })
    })

  for (const [name, status] of [
    ['agree', 'agreed'],
    ['reopen', 'proposed'],
  ] as const)
    exchange
      .command(name)
      .description(
        name === 'agree' ? 'Mark agreed; with breaches only with --reason' : 'Back from agreed to proposed',
      )
      .requiredOption('--exchange <id>', 'the exchange')
      .option('--reason <text>', 'why (needed to agree despite a breach)')
      .action(async (opts: { exchange: string; reason?: string }) => {
        await withParley(async ({ services }) => {
          try {
            const e = await services.exchanges.setStatus(commandLineActor(), opts.exchange, status, {
              reason: opts.reason,
            })
            console.log(e.status)
            if (e.breaches.length) printBreaches(e.breaches)
          } catch (err) {
            if (!(err instanceof AgreementBreached)) throw err
            console.log('The lists breach the terms (give --reason to agree anyway):')
            printBreaches(err.breaches)
            process.exitCode = 5
          }
        })
      })
}
