import type { AuditInput } from '../../audit/store'
import type { Actor } from '../../auth/actor'
import { notFound, ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import type { WriteContext } from '../../db/write'
import {
  EXCHANGE_EVENT_TYPES,
  PersonEventInput,
  type PersonEventInput as PersonEventInputType,
} from '../events'
import { presentPerson } from '../present'
import { stateWith } from '../state'
import { cachedStateColumns } from './cached-state'
import { type CustodyDeps, entry, eventRow, requireFacilities, today } from './deps'

export type ParsedEvent = ReturnType<typeof parseEvent>

function parseEvent(deps: CustodyDeps, input: PersonEventInputType) {
  const parsed = parseInput(PersonEventInput, input)
  if (parsed.occurredOn > today(deps.clock)) {
    throw new ValidationError([{ path: 'occurredOn', message: `${parsed.occurredOn} is in the future` }])
  }
  return parsed
}

/** What a registrar records: not what only an exchange's completion writes. */
function parseRecordable(deps: CustodyDeps, input: PersonEventInputType) {
  const parsed = parseEvent(deps, input)
  if ((EXCHANGE_EVENT_TYPES as readonly string[]).includes(parsed.type))
    throw new ValidationError([
      {
        path: 'type',
        message: `${parsed.type} is written by an exchange's completion, not recorded by hand`,
      },
    ])
  return parsed
}

/**
 * Adds events to persons' histories inside a write that has locked those persons: each event
 * takes its place in the history by its date, is refused only if it makes the history impossible,
 * and the person's cached status, facility and health are the fold of the whole history after it.
 * @throws DomainError INVALID_TRANSITION naming the event it conflicts with; NOT_FOUND
 */
export async function addEvents(
  deps: CustodyDeps,
  ctx: WriteContext,
  actor: Actor,
  events: { personId: string; event: ParsedEvent }[],
) {
  const { store } = deps
  const { tx } = ctx
  const out = []
  const audit: AuditInput[] = []
  for (const { personId, event: parsed } of events) {
    const person = await store.findPerson(tx, personId)
    if (!person) throw notFound('Person', personId)
    const facilityId = 'facilityId' in parsed ? (parsed.facilityId ?? null) : null
    const [facility] = await requireFacilities(deps, tx, [facilityId], 'facilityId')
    if (parsed.type === 'hospitalised' && facility?.kind !== 'hospital') {
      throw new ValidationError([
        { path: 'facilityId', message: `${facility?.name ?? 'that facility'} is not a hospital` },
      ])
    }
    const history = await store.listEventsOf(tx, personId)
    const { type, occurredOn, source, note, ...rest } = parsed
    const details = { ...rest, note } as Record<string, unknown>
    delete details.facilityId
    const event = { type, occurredOn, facilityId, details }
    const after = stateWith(history, event)
    const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
    await store.insertEvents(tx, [eventRow(personId, seq, event, source, actor.id)])
    const updated = await store.updatePerson(tx, personId, {
      ...cachedStateColumns(after),
      updated_at: ctx.now,
      version: person.version + 1,
    })
    audit.push(
      entry(
        actor,
        `person.event.${type}`,
        'person',
        personId,
        { status: person.status, facilityId: person.facility_id, health: person.health },
        {
          status: after.status,
          facilityId: after.facilityId,
          health: after.health,
          occurredOn,
          source,
          ...details,
        },
      ),
    )
    out.push(presentPerson(updated))
  }
  return { result: out, audit }
}

/**
 * Records one event of one person.
 * @throws DomainError INVALID_TRANSITION (e.g. an event after death, a transfer to the same facility)
 */
export function recordEvent(deps: CustodyDeps) {
  return async (actor: Actor, personId: string, input: PersonEventInputType) => {
    const event = parseRecordable(deps, input)
    return deps.write(async (ctx) => {
      await ctx.lock('persons', [personId])
      const { result, audit } = await addEvents(deps, ctx, actor, [{ personId, event }])
      return { result: result[0]!, audit }
    })
  }
}

/** Records events of many persons in one write: all are written or none. */
export function recordEvents(deps: CustodyDeps) {
  return async (actor: Actor, events: { personId: string; event: PersonEventInputType }[]) => {
    const parsed = events.map((e) => ({ personId: e.personId, event: parseRecordable(deps, e.event) }))
    return deps.write(async (ctx) => {
      await ctx.lock(
        'persons',
        parsed.map((e) => e.personId),
      )
      return addEvents(deps, ctx, actor, parsed)
    })
  }
}

/**
 * For a larger write (an exchange's completion) that has locked the persons itself: parses and
 * adds the events, returning the audit entries for that write to append.
 */
export function addEventsWithin(deps: CustodyDeps) {
  return (ctx: WriteContext, actor: Actor, events: { personId: string; event: PersonEventInputType }[]) =>
    addEvents(
      deps,
      ctx,
      actor,
      events.map((e) => ({ personId: e.personId, event: parseEvent(deps, e.event) })),
    )
}
