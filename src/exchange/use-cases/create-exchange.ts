import type { Actor } from '../../auth/actor'
import { DomainError, ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import { AgreementBreached, agreementOf } from '../agreement/service'
import { CreateExchange, TermsInput } from '../schema'
import * as store from '../store'
import * as lists from '../store-lists'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'
import { presentExchange } from './present'

export function createExchange({ db, write }: ExchangeDeps) {
  return async (actor: Actor, input: CreateExchange) => {
    const p = parseInput(CreateExchange, input)
    const id = await write(async ({ tx }) => {
      const row = await store.insertExchange(tx, {
        name: p.name,
        counterpart: p.counterpart,
        mediator: p.mediator ?? null,
        venue: p.venue ?? null,
        terms: p.terms,
        stages: p.stages,
        createdBy: actor.id,
      })
      return { result: row.id, audit: [exchangeEntry(actor, 'exchange.create', row.id, p)] }
    })
    return presentExchange(await load(db, id))
  }
}

/** New terms while the exchange is still being negotiated. */
export function updateTerms({ db, write }: ExchangeDeps) {
  return async (actor: Actor, id: string, input: { terms: unknown; stages?: number[] }) => {
    const terms = parseInput(TermsInput, input.terms)
    const stages = parseInput(CreateExchange.shape.stages, input.stages ?? [])
    await write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the terms')
      await store.updateExchange(ctx.tx, id, { terms: JSON.stringify(terms), stages: JSON.stringify(stages) })
      return { result: null, audit: [exchangeEntry(actor, 'exchange.terms', id, { terms, stages })] }
    })
    return presentExchange(await load(db, id))
  }
}

/**
 * Agreement, cancellation, or reopening (agreed back to proposed, keeping every note and round).
 * Agreeing checks the last round's lists against the terms; a breach refuses the agreement with
 * every breach as a code, unless a reason is given, which is stored and audited with the breaches.
 * A cancel racing a completion meets the status the completion left.
 */
export function setStatus({ db, write, clock }: ExchangeDeps) {
  return async (
    actor: Actor,
    id: string,
    status: 'agreed' | 'cancelled' | 'proposed',
    opts: { reason?: string } = {},
  ) => {
    const reason = opts.reason?.trim() || null
    if (reason && reason.length > 2000)
      throw new ValidationError([{ path: 'reason', message: 'at most 2000 characters' }])
    const checked = status === 'agreed' ? await agreementOf(db, await load(db, id), todayOf(clock)) : null
    await write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      const from =
        status === 'agreed'
          ? ['proposed']
          : status === 'proposed'
            ? ['agreed']
            : ['draft', 'proposed', 'agreed']
      requireStatus(e, from, status === 'agreed' ? 'agree' : status === 'proposed' ? 'reopen' : 'cancel')
      let after: Record<string, unknown> = { status }
      if (checked) {
        const last = await store.lastRound(ctx.tx, id)
        if ((last?.n ?? null) !== checked.round)
          throw new DomainError(
            'CONFLICT',
            'a new round was recorded while the lists were checked; agree again',
          )
        if (checked.breaches.length && !reason) throw new AgreementBreached(checked.breaches)
        await lists.setAgreement(
          ctx.tx,
          id,
          checked.breaches.length ? reason : null,
          checked.breaches.length ? checked.breaches : null,
        )
        after = {
          status,
          round: checked.round,
          give: checked.give,
          receive: checked.receive,
          breaches: checked.breaches,
          reason,
        }
      }
      if (status === 'proposed') {
        await lists.setAgreement(ctx.tx, id, null, null)
        after = {
          status,
          reopened: true,
          reason,
          before: { reason: (e as { agreed_reason?: string | null }).agreed_reason ?? null },
        }
      }
      await store.updateExchange(ctx.tx, id, { status })
      const action = status === 'proposed' ? 'exchange.reopened' : `exchange.${status}`
      return { result: null, audit: [exchangeEntry(actor, action, id, after)] }
    })
    return { ...presentExchange(await load(db, id)), breaches: checked?.breaches ?? [] }
  }
}
