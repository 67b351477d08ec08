import type { Actor } from '../../auth/actor'
import { DomainError, ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import type { Side } from '../model'
import { assignStages, handoverReport } from '../rounds'
import { CheckOff } from '../schema'
import * as store from '../store'
import { candidatesOf } from './candidates'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'
import { presentExchange } from './present'

/** The checklist of the day of the swap, with who crossed so far. */
export function handover({ db, clock }: ExchangeDeps) {
  return async (id: string) => {
    const e = await load(db, id)
    const rows = await store.handoverOf(db, id)
    const { people } = await candidatesOf(db, e, todayOf(clock))
    const list = rows.map((r) => ({
      side: r.side,
      ref: r.ref,
      stage: r.stage,
      outcome: r.outcome,
      substituteRef: r.substitute_ref,
      person: people.get(r.ref) ?? null,
    }))
    return { exchange: presentExchange(e), rows: list, report: handoverReport(list) }
  }
}

/** The day of the swap: the last round's lists, staged in priority order. */
export function startHandover(deps: ExchangeDeps) {
  const show = handover(deps)
  return async (actor: Actor, id: string) => {
    await deps.write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(e, ['agreed'], 'start the handover')
      const last = await store.lastRound(ctx.tx, id)
      if (!last) throw new DomainError('CONFLICT', 'no agreed lists to hand over')
      const rows: { side: Side; ref: string; stage: number }[] = []
      for (const side of ['give', 'receive'] as const) {
        const ids = last[side] as string[]
        const stages = assignStages(ids, e.stages as number[])
        for (const ref of ids) rows.push({ side, ref, stage: stages.get(ref)! })
      }
      await store.insertHandover(ctx.tx, id, rows)
      await store.updateExchange(ctx.tx, id, { status: 'executing' })
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.handover.start', id, { persons: rows.length })],
      }
    })
    return show(id)
  }
}

/** One person checked off: crossed, did not come, refused, or someone else crossed instead. */
export function checkOff(deps: ExchangeDeps) {
  const show = handover(deps)
  return async (actor: Actor, id: string, input: unknown) => {
    const c = parseInput(CheckOff, input)
    await deps.write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['executing'], 'check persons off')
      // a person of ours who crosses instead must be one we hold: completion writes their history
      if (
        c.substituteRef &&
        c.side === 'give' &&
        (await store.existingPersons(ctx.tx, [c.substituteRef])).size === 0
      )
        throw new ValidationError([
          { path: 'substituteRef', message: `no person ${c.substituteRef} in the register` },
        ])
      const n = await store.updateHandover(ctx.tx, id, c.side, c.ref, {
        outcome: c.outcome,
        substitute_ref: c.substituteRef ?? null,
        updated_by: actor.id,
      })
      if (n === 0)
        throw new ValidationError([{ path: 'ref', message: `${c.ref} is not on the ${c.side} list` }])
      return { result: null, audit: [exchangeEntry(actor, 'exchange.handover.check', id, c)] }
    })
    return show(id)
  }
}

/**
 * Completes the handover: every person of ours who crossed gets an "exchanged" event, all in one
 * write with the exchange's new status. The exchange is locked first, then the persons (the
 * pipeline's order), so a correction of one of them waits instead of deadlocking.
 */
export function completeHandover(deps: ExchangeDeps) {
  const show = handover(deps)
  return async (actor: Actor, id: string) => {
    await deps.write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(e, ['executing'], 'complete the handover')
      const rows = await store.handoverOf(ctx.tx, id)
      const pending = rows.filter((r) => r.outcome === 'pending')
      if (pending.length)
        throw new DomainError(
          'CONFLICT',
          `${pending.length} person(s) are not checked off yet (first: ${pending[0]!.ref})`,
        )
      const crossed = rows
        .filter((r) => r.side === 'give' && (r.outcome === 'crossed' || r.outcome === 'substituted'))
        .map((r) => (r.outcome === 'substituted' ? r.substitute_ref! : r.ref))
      await ctx.lock('persons', crossed)
      const note = `exchange ${e.name} with ${e.counterpart}`
      const occurredOn = todayOf(deps.clock)
      const events = await deps.custody.addEventsWithin(
        ctx,
        actor,
        crossed.map((personId) => ({
          personId,
          event: { type: 'exchanged', occurredOn, source: 'exchange', note },
        })),
      )
      await store.updateExchange(ctx.tx, id, { status: 'done' })
      return {
        result: null,
        audit: [...events.audit, exchangeEntry(actor, 'exchange.done', id, { crossed: crossed.length })],
      }
    })
    return show(id)
  }
}
