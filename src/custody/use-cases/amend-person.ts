import type { Actor } from '../../auth/actor'
import { DomainError, notFound } from '../../core/errors'
import { parseInput } from '../../core/validate'
import { AmendPerson, type AmendPerson as AmendPersonInput } from '../model'
import { completenessColumn, particularsColumns } from '../person-row'
import { particularsOf, presentPerson } from '../present'
import { stateWith } from '../state'
import { cachedStateColumns } from './cached-state'
import { type CustodyDeps, entry, eventRow, today } from './deps'

/**
 * Corrects particulars, with a reason kept in the history and the audit trail. The correction is
 * dated today but does not enter the status fold, so late information can still be entered before it.
 * @throws DomainError CONFLICT when expectedVersion is stale
 */
export function amendPerson(deps: CustodyDeps) {
  const { store, write, clock, romanize } = deps
  return async (actor: Actor, personId: string, input: AmendPersonInput) => {
    const parsed = parseInput(AmendPerson, input)
    return write(async (ctx) => {
      const { tx } = ctx
      const found = await ctx.lock('persons', [personId])
      const person = found.size > 0 ? await store.findPerson(tx, personId) : undefined
      if (!person) throw notFound('Person', personId)
      if (parsed.expectedVersion !== undefined && parsed.expectedVersion !== person.version) {
        throw new DomainError(
          'CONFLICT',
          `Person ${personId} was changed by someone else (version ${person.version}); reload and try again`,
        )
      }
      const cols = particularsColumns(parsed.changes, romanize)
      const merged = { ...person, ...cols }
      const history = await store.listEventsOf(tx, personId)
      const event = {
        type: 'amended' as const,
        occurredOn: today(clock),
        facilityId: null,
        details: { reason: parsed.reason, fields: Object.keys(parsed.changes) },
      }
      const state = stateWith(history, event)
      const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
      await store.insertEvents(tx, [eventRow(personId, seq, event, 'correction', actor.id)])
      const updated = await store.updatePerson(tx, personId, {
        ...cols,
        ...cachedStateColumns(state),
        art17_complete: completenessColumn(merged),
        updated_at: ctx.now,
        version: person.version + 1,
      })
      const beforeP = particularsOf(person) as Record<string, unknown>
      const afterP = particularsOf(updated) as Record<string, unknown>
      const changed = Object.keys(afterP).filter(
        (k) => JSON.stringify(beforeP[k]) !== JSON.stringify(afterP[k]),
      )
      return {
        result: presentPerson(updated),
        audit: [
          entry(
            actor,
            'person.amend',
            'person',
            personId,
            Object.fromEntries(changed.map((k) => [k, beforeP[k]])),
            { ...Object.fromEntries(changed.map((k) => [k, afterP[k]])), reason: parsed.reason },
          ),
        ],
      }
    })
  }
}
