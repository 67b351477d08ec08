import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { readTable } from '../../lists/table'
import { GiveAnnotation } from '../schema'
import { readSought } from '../sought'
import * as store from '../store'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus } from './deps'

/** Replaces the list of our persons the other side holds (the receive pool) from a file. */
export function importSought({ db, write }: ExchangeDeps) {
  return async (actor: Actor, id: string, fileName: string, content: Buffer) => {
    requireStatus(await load(db, id), ['draft', 'proposed'], 'change the pools')
    const { header, rows } = await readTable(fileName, content)
    const sought = readSought(header, rows)
    await write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the pools')
      await store.replacePool(
        ctx.tx,
        id,
        'receive',
        sought.map((s) => ({ ref: s.ref, attrs: s.person })),
      )
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.sought', id, { file: fileName, rows: sought.length })],
      }
    })
    return { rows: sought.length }
  }
}

/** Records what is known about persons we hold for this exchange: consent, refusal, proceedings. */
export function annotateGive({ write }: ExchangeDeps) {
  return async (actor: Actor, id: string, input: unknown[]) => {
    const notes = input.map((n, i) => {
      const r = GiveAnnotation.safeParse(n)
      if (!r.success)
        throw new ValidationError(
          r.error.issues.map((x) => ({ path: [i, ...x.path].join('.'), message: x.message })),
        )
      return r.data
    })
    await write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the pools')
      const known = await store.existingPersons(
        ctx.tx,
        notes.map((n) => n.personId),
      )
      const unknown = notes.flatMap((n, i) =>
        known.has(n.personId)
          ? []
          : [{ path: `${i}.personId`, message: `no person ${n.personId} in the register` }],
      )
      if (unknown.length) throw new ValidationError(unknown.slice(0, 200))
      await store.upsertPool(
        ctx.tx,
        id,
        'give',
        notes.map((n) => ({ ref: n.personId, attrs: n })),
      )
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.annotate', id, { persons: notes.length })],
      }
    })
    return { persons: notes.length }
  }
}
