import type { Actor } from '../../auth/actor'
import { parseInput } from '../../core/validate'
import { CreateExchange, TermsInput } from '../schema'
import * as store from '../store'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus } from './deps'
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

/** Agreement or cancellation; a cancel racing a completion meets the status the completion left. */
export function setStatus({ db, write }: ExchangeDeps) {
  return async (actor: Actor, id: string, status: 'agreed' | 'cancelled') => {
    await write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(
        e,
        status === 'agreed' ? ['proposed'] : ['draft', 'proposed', 'agreed'],
        status === 'agreed' ? 'agree' : 'cancel',
      )
      await store.updateExchange(ctx.tx, id, { status })
      return { result: null, audit: [exchangeEntry(actor, `exchange.${status}`, id, { status })] }
    })
    return presentExchange(await load(db, id))
  }
}
