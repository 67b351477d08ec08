import type { Actor } from '../../auth/actor'
import { canonicalJson } from '../../core/canonical-json'
import { DomainError } from '../../core/errors'
import type { Terms } from '../model'
import { planExchange } from '../planner'
import * as store from '../store'
import * as lists from '../store-lists'
import { checkPlan } from '../validate'
import { candidatesOf } from './candidates'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'
import { nameReasons } from './name-reasons'

/**
 * A received list with rows suspected to be one person, not yet decided, would put one person
 * into the pool twice (and into the agreed lists twice): planning waits for the operator's word.
 * @throws DomainError CONFLICT naming the list and how many groups (and pairs) await a decision
 */
async function requireDuplicatesDecided(db: ExchangeDeps['db'], e: store.ExchangeRow) {
  const undecided = (await lists.duplicateGroups(db, e.id)).filter((g) => !g.decision)
  if (undecided.length === 0) return
  const pairs = undecided.reduce((n, g) => n + Math.max(1, (g.evidence as unknown[]).length), 0)
  throw new DomainError(
    'CONFLICT',
    `cannot plan exchange ${e.name}: in the received list of our persons the other side holds, ` +
      `${undecided.length} group(s) of rows suspected to be one person (${pairs} pair(s)) await a ` +
      'decision (merge or keep both)',
    {
      issues: [{ path: 'received.duplicates', message: `${undecided.length} group(s) undecided` }],
      details: {
        reason: { code: 'plan.duplicatesUndecided', params: { groups: undecided.length, pairs } },
      },
    },
  )
}

/**
 * Plans with the current terms and pools; `save` keeps it as the next round's proposal. The
 * planner runs outside the write (it reads the register and may take seconds); the write then
 * checks, under the exchange's lock, that the terms it planned with still hold.
 */
export function plan({ db, write, clock }: ExchangeDeps) {
  return async (actor: Actor, id: string, opts: { save?: boolean } = {}) => {
    const e = await load(db, id)
    await requireDuplicatesDecided(db, e)
    const { candidates, people } = await candidatesOf(db, e, todayOf(clock))
    const terms = e.terms as Terms
    const planned = await planExchange(candidates, terms)
    const breaches = checkPlan(planned, candidates, terms)
    if (breaches.length)
      throw new DomainError('INTERNAL', `the plan breaks its terms: ${breaches.slice(0, 3).join('; ')}`)
    let round: number | null = null
    if (opts.save && planned.feasible) {
      requireStatus(e, ['draft', 'proposed'], 'propose')
      round = await write(async (ctx) => {
        const now = await lockExchange(ctx, id)
        requireStatus(now, ['draft', 'proposed'], 'propose')
        if (canonicalJson(now.terms) !== canonicalJson(e.terms))
          throw new DomainError(
            'CONFLICT',
            `the terms of exchange ${e.name} were changed while this plan was made; plan again`,
          )
        const n = await store.nextRoundNumber(ctx.tx, id)
        const detail = {
          give: planned.give,
          receive: planned.receive,
          method: planned.method,
          proven: planned.proven,
        }
        await store.insertRound(ctx.tx, {
          exchangeId: id,
          n,
          kind: 'proposal',
          give: planned.give.map((p) => p.id),
          receive: planned.receive.map((p) => p.id),
          detail,
          createdBy: actor.id,
        })
        await store.updateExchange(ctx.tx, id, { status: 'proposed' })
        const after = { round: n, give: planned.give.length, receive: planned.receive.length }
        return { result: n, audit: [exchangeEntry(actor, 'exchange.propose', id, after)] }
      })
    }
    return { ...nameReasons(planned, people), round, people: Object.fromEntries(people) }
  }
}
