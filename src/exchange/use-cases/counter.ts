import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { readTable } from '../../lists/table'
import { compareNames } from '../../names'
import type { Side } from '../model'
import { labelOf, nameDifference } from '../received/difference'
import { type CounterRow, matchCounter, type PoolPerson } from '../received/match'
import { diffRounds, type Pairing } from '../rounds'
import { columnsOf } from '../sought'
import * as store from '../store'
import * as lists from '../store-lists'
import { candidatesOf } from './candidates'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'

/** Reads a counter-list: side and surname needed; a row with no readable side is refused by line. */
export function readCounter(header: string[], rows: string[][]): CounterRow[] {
  const at = columnsOf(header)
  const issues = ['side', 'surname']
    .filter((need) => at[need] === undefined)
    .map((need) => ({ path: need, message: `the counter-list needs a ${need} column` }))
  if (issues.length) throw new ValidationError(issues)
  const get = (row: string[], f: string) => (at[f] === undefined ? '' : (row[at[f]!] ?? '').trim())
  const out: CounterRow[] = []
  rows.forEach((row, k) => {
    if (row.every((c) => !c?.trim())) return
    const side = get(row, 'side').toLowerCase()
    if (side !== 'give' && side !== 'receive') {
      issues.push({ path: `row ${k + 2}.side`, message: `"${get(row, 'side')}" must be give or receive` })
      return
    }
    out.push({
      line: k + 2,
      side,
      surname: get(row, 'surname'),
      firstNames: get(row, 'firstNames'),
      patronymic: get(row, 'patronymic'),
      dateOfBirth: get(row, 'dateOfBirth'),
      replaces: get(row, 'replaces'),
    })
  })
  if (issues.length)
    throw new ValidationError(
      issues.slice(0, 200),
      `${issues.length} row(s) without a side; nothing was stored`,
    )
  return out
}

/**
 * Who a "replaces" cell names among the persons of the round before: a reference as we sent it, or
 * a name the name engine recognises in one person only. Unclear cells pair nobody.
 */
function resolveReplaced(
  cell: string,
  before: readonly string[],
  label: (ref: string) => PoolPerson | undefined,
) {
  if (before.includes(cell)) return cell
  const scored = before
    .map((ref) => {
      const p = label(ref)
      return { ref, score: p ? compareNames(cell, `${p.surname} ${p.firstNames}`).score : 0 }
    })
    .filter((s) => s.score >= 0.9)
    .sort((a, b) => b.score - a.score)
  return scored.length === 1 || (scored.length > 1 && scored[0]!.score - scored[1]!.score > 0.02)
    ? scored[0]!.ref
    : null
}

/**
 * Their counter-list: rows with a side (give: whom they ask of us; receive: whom they offer),
 * matched to our pools through the name engine with every row's evidence. A person named twice is
 * listed once; rows that match no one are reported by name, not guessed. A substitution is taken
 * only from a "replaces" column; the operator pairs the rest. Numbered under the exchange's lock.
 */
export function importCounter({ db, write, clock }: ExchangeDeps) {
  return async (actor: Actor, id: string, fileName: string, content: Buffer) => {
    const e = await load(db, id)
    requireStatus(e, ['proposed'], 'record a counter-list')
    const { header, rows } = await readTable(fileName, content)
    const counter = readCounter(header, rows)
    const { candidates, people } = await candidatesOf(db, e, todayOf(clock))
    const pools: Record<Side, PoolPerson[]> = { give: [], receive: [] }
    for (const c of candidates) {
      const p = people.get(c.id)
      if (p)
        pools[c.side].push({
          ref: c.id,
          surname: p.surname,
          firstNames: p.firstNames,
          dateOfBirth: p.dateOfBirth ?? '',
        })
    }
    const byRef = new Map([...pools.give, ...pools.receive].map((p) => [p.ref, p]))
    const matches = matchCounter(counter, pools)
    const listsOf: Record<Side, string[]> = { give: [], receive: [] }
    for (const m of matches) if (m.status === 'matched') listsOf[m.side].push(m.match!.ref)
    const nameOf = (ref: string) => labelOf(people.get(ref), ref)
    const unmatchedWords = matches
      .filter((m) => m.status === 'unmatched' || m.status === 'ambiguous')
      .map((m) =>
        `row ${m.line}: ${m.written.surname} ${m.written.firstNames} ${m.written.dateOfBirth}`.trim(),
      )
    return write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['proposed'], 'record a counter-list')
      const previous = await store.lastRound(ctx.tx, id)
      const n = (previous?.n ?? 0) + 1
      const before = {
        give: (previous?.give ?? []) as string[],
        receive: (previous?.receive ?? []) as string[],
      }
      const pairs: Pairing[] = []
      for (const m of matches) {
        if (m.status !== 'matched' || !m.replaces || !previous) continue
        const out = resolveReplaced(m.replaces, before[m.side], (r) => byRef.get(r))
        if (out && !pairs.some((p) => p.side === m.side && (p.out === out || p.in === m.match!.ref)))
          pairs.push({ side: m.side, out, in: m.match!.ref, source: 'list' })
      }
      const diff = previous ? diffRounds(before, listsOf, pairs) : null
      await store.insertRound(ctx.tx, {
        exchangeId: id,
        n,
        kind: 'counter',
        ...listsOf,
        // `unmatched` in words, as rounds before matches had evidence kept it (the web reads it)
        detail: { matches, unmatched: unmatchedWords },
        createdBy: actor.id,
      })
      for (const side of ['give', 'receive'] as const)
        for (const s of diff?.[side].substituted ?? [])
          await lists.upsertPairing(ctx.tx, {
            exchangeId: id,
            n,
            side,
            outRef: s.out,
            inRef: s.in,
            source: 'list',
            by: actor.id,
          })
      const unmatched = matches.filter((m) => m.status === 'unmatched' || m.status === 'ambiguous')
      const repeated = matches.filter((m) => m.status === 'repeated')
      const after = {
        round: n,
        give: listsOf.give.length,
        receive: listsOf.receive.length,
        unmatched: unmatched.length,
        repeated: repeated.length,
      }
      return {
        result: {
          round: n,
          counts: { rows: counter.length, ...after },
          unmatched: unmatchedWords,
          matches,
          difference: diff,
          named: diff ? nameDifference(diff, matches, nameOf) : null,
        },
        audit: [exchangeEntry(actor, 'exchange.counter', id, after)],
      }
    })
  }
}
