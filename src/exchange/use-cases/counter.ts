import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { parsePartialDate } from '../../custody/partial-date'
import { readTable } from '../../lists/table'
import type { Side } from '../model'
import { diffRounds } from '../rounds'
import { columnsOf, matchKey } from '../sought'
import * as store from '../store'
import { candidatesOf } from './candidates'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'

/**
 * Their counter-list: rows with a side (give: whom they ask of us; receive: whom they offer),
 * matched to our pools by surname, first name and date of birth. Rows that match no one are
 * reported, not guessed. The round's number and the difference are taken under the exchange's lock.
 */
export function importCounter({ db, write, clock }: ExchangeDeps) {
  return async (actor: Actor, id: string, fileName: string, content: Buffer) => {
    const e = await load(db, id)
    requireStatus(e, ['proposed'], 'record a counter-list')
    const { header, rows } = await readTable(fileName, content)
    const at = columnsOf(header)
    for (const need of ['side', 'surname', 'firstNames', 'dateOfBirth'])
      if (at[need] === undefined)
        throw new ValidationError([
          {
            path: need,
            message: `the counter-list needs a ${need === 'firstNames' ? 'first_name' : need} column`,
          },
        ])
    const { people } = await candidatesOf(db, e, todayOf(clock))
    const byKey = new Map<string, string>()
    for (const [ref, p] of people) byKey.set(matchKey(p.surname, p.firstNames, p.dateOfBirth ?? ''), ref)
    const lists: Record<Side, string[]> = { give: [], receive: [] }
    const unmatched: string[] = []
    rows.forEach((row, k) => {
      const side = (row[at.side!] ?? '').trim().toLowerCase()
      if (side !== 'give' && side !== 'receive')
        throw new ValidationError([{ path: `row ${k + 2}.side`, message: 'must be give or receive' }])
      // their lists write dates as 17.03.1994 as often as 1994-03-17
      const written = (row[at.dateOfBirth!] ?? '').trim()
      const dob = written ? parsePartialDate(written) : { ok: true as const, value: '' }
      if (!dob.ok) throw new ValidationError([{ path: `row ${k + 2}.date_of_birth`, message: dob.message }])
      const ref = byKey.get(matchKey(row[at.surname!] ?? '', row[at.firstNames!] ?? '', dob.value))
      if (ref) lists[side].push(ref)
      else unmatched.push(`row ${k + 2}: ${row[at.surname!]} ${row[at.firstNames!]} ${row[at.dateOfBirth!]}`)
    })
    return write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['proposed'], 'record a counter-list')
      const previous = await store.lastRound(ctx.tx, id)
      const n = (previous?.n ?? 0) + 1
      await store.insertRound(ctx.tx, {
        exchangeId: id,
        n,
        kind: 'counter',
        ...lists,
        detail: { unmatched },
        createdBy: actor.id,
      })
      const after = {
        round: n,
        give: lists.give.length,
        receive: lists.receive.length,
        unmatched: unmatched.length,
      }
      return {
        result: {
          round: n,
          unmatched,
          difference: previous
            ? diffRounds({ give: previous.give as string[], receive: previous.receive as string[] }, lists)
            : null,
        },
        audit: [exchangeEntry(actor, 'exchange.counter', id, after)],
      }
    })
  }
}
