import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { PersonEventInput, type PersonEventInput as PersonEventInputType } from './events'
import {
  AmendPerson,
  type AmendPerson as AmendPersonInput,
  CreateFacility,
  type CreateFacility as CreateFacilityInput,
  RegisterCapture,
  type RegisterCapture as RegisterCaptureInput,
  RegisterPerson,
  type RegisterPerson as RegisterPersonInput,
} from './model'
import { completenessColumn, particularsColumns, type Romanize } from './person-row'
import { particularsOf, presentPerson } from './present'
import { planRegistration } from './registration'
import { currentState, nextState } from './state'
import type * as store from './store'

type CustodyStore = Pick<
  typeof store,
  | 'insertPersons'
  | 'insertEvents'
  | 'findPerson'
  | 'updatePerson'
  | 'listEventsOf'
  | 'listPersons'
  | 'countPersons'
  | 'countRegister'
  | 'sortKeyOf'
  | 'insertFacility'
  | 'listFacilities'
  | 'findFacilities'
  | 'insertCapture'
  | 'findCapture'
  | 'listCaptures'
>

export type CustodyServiceDeps = {
  db: Db
  store: CustodyStore
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  romanize: Romanize
}

const today = (clock: Clock) => clock().toISOString().slice(0, 10)

export function createCustodyService({ db, store, audit, clock, romanize }: CustodyServiceDeps) {
  async function requireFacilities(tx: Db, ids: (string | undefined | null)[], path: string) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))]
    const found = await store.findFacilities(tx, wanted)
    const missing = wanted.filter((id) => !found.some((f) => f.id === id))
    if (missing.length > 0)
      throw new ValidationError([{ path, message: `no facility ${missing.join(', ')}` }])
    return found
  }

  /**
   * Registers one person who fell into our power, with the captured/registered (and arrived) events.
   * @throws ValidationError naming each bad field; nothing is stored then
   */
  async function registerPerson(actor: Actor, input: RegisterPersonInput) {
    const parsed = parseInput(RegisterPerson, input)
    return db.transaction().execute(async (tx) => {
      await requireFacilities(tx, [parsed.facilityId], 'facilityId')
      let capture: { id: string; capturedOn: string; place: string } | undefined
      if (parsed.captureId) {
        const c = await store.findCapture(tx, parsed.captureId)
        if (!c) throw new ValidationError([{ path: 'captureId', message: `no capture ${parsed.captureId}` }])
        capture = { id: c.id, capturedOn: c.captured_on, place: c.place }
      }
      const plan = planRegistration(parsed, { today: today(clock), actorId: actor.id, romanize, capture })
      const [row] = await store.insertPersons(tx, [plan.person])
      await store.insertEvents(
        tx,
        plan.events.map((e, i) => eventRow(row!.id, i + 1, e, parsed.source, actor.id)),
      )
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'person.register',
            entityType: 'person',
            entityId: row!.id,
            before: null,
            after: particularsOf(row!),
          },
        ],
        clock(),
      )
      return presentPerson(row!)
    })
  }

  /** Registers a group capture and every person taken in it, all or nothing. */
  async function registerCapture(actor: Actor, input: RegisterCaptureInput) {
    const parsed = parseInput(RegisterCapture, input)
    if (parsed.capturedOn > today(clock)) {
      throw new ValidationError([
        { path: 'capturedOn', message: `capture date ${parsed.capturedOn} is in the future` },
      ])
    }
    return db.transaction().execute(async (tx) => {
      await requireFacilities(tx, [parsed.facilityId], 'facilityId')
      const capture = await store.insertCapture(tx, {
        captured_on: parsed.capturedOn,
        place: parsed.place,
        capturing_unit: parsed.capturingUnit ?? null,
        source: parsed.source,
        notes: parsed.notes ?? null,
        created_by: actor.id,
      })
      const ctx = {
        today: today(clock),
        actorId: actor.id,
        romanize,
        capture: { id: capture.id, capturedOn: capture.captured_on, place: capture.place },
      }
      const plans = parsed.persons.map((p, i) =>
        planRegistration(
          { ...p, source: parsed.source, facilityId: parsed.facilityId },
          ctx,
          `persons.${i}.`,
        ),
      )
      const rows = await store.insertPersons(
        tx,
        plans.map((p) => p.person),
      )
      await store.insertEvents(
        tx,
        rows.flatMap((row, i) =>
          plans[i]!.events.map((e, j) => eventRow(row.id, j + 1, e, parsed.source, actor.id)),
        ),
      )
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'capture.register',
            entityType: 'capture',
            entityId: capture.id,
            before: null,
            after: {
              capturedOn: capture.captured_on,
              place: capture.place,
              capturingUnit: capture.capturing_unit,
              source: capture.source,
              persons: rows.length,
            },
          },
          ...rows.map((row) => ({
            actorId: actor.id,
            actorName: actor.name,
            action: 'person.register',
            entityType: 'person',
            entityId: row.id,
            before: null,
            after: particularsOf(row),
          })),
        ],
        clock(),
      )
      return { capture: presentCapture(capture, rows.length), persons: rows.map(presentPerson) }
    })
  }

  /**
   * Reads one person's record; the read itself is written to the audit trail, because who looked
   * at a prisoner's file is part of accountability.
   * @throws DomainError NOT_FOUND
   */
  async function getPerson(actor: Actor, id: string) {
    return db.transaction().execute(async (tx) => {
      const row = await store.findPerson(tx, id)
      if (!row) throw notFound('Person', id)
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'person.read',
            entityType: 'person',
            entityId: id,
            before: null,
            after: null,
          },
        ],
        clock(),
      )
      return presentPerson(row)
    })
  }

  /** A page of the register; by default the newest registrations first, 100 at a time. */
  async function listPersons(filter: store.PersonFilter, request: Partial<store.PersonPage> = {}) {
    const page: store.PersonPage = { sort: 'registerNumber', direction: 'desc', limit: 100, ...request }
    const rows = await store.listPersons(db, filter, { ...page, limit: page.limit + 1 })
    const more = rows.length > page.limit
    const items = rows.slice(0, page.limit)
    const last = items[items.length - 1]
    return {
      items: items.map(presentPerson),
      nextCursor: more && last ? encodeCursor([store.sortKeyOf(last), last.id]) : null,
    }
  }

  async function countPersons(filter: store.PersonFilter) {
    const cap = 100_000
    const n = await store.countPersons(db, filter, cap)
    return { total: Math.min(n, cap), capped: n > cap }
  }

  async function listEvents(id: string) {
    const row = await store.findPerson(db, id)
    if (!row) throw notFound('Person', id)
    return store.listEventsOf(db, id)
  }

  /**
   * Appends one event to a person's history after checking it against the derived state.
   * @throws DomainError INVALID_TRANSITION (e.g. an event after death, a transfer to the same facility)
   */
  function parseEvent(input: PersonEventInputType) {
    const parsed = parseInput(PersonEventInput, input)
    if (parsed.occurredOn > today(clock)) {
      throw new ValidationError([{ path: 'occurredOn', message: `${parsed.occurredOn} is in the future` }])
    }
    return parsed
  }

  async function recordEvent(actor: Actor, personId: string, input: PersonEventInputType) {
    const parsed = parseEvent(input)
    return db.transaction().execute((tx) => applyEvent(tx, actor, personId, parsed))
  }

  /**
   * Records events of many persons in one transaction: all are written or none (an exchange's
   * handover writes every crossing at once).
   */
  async function recordEvents(
    actor: Actor,
    events: { personId: string; event: PersonEventInputType }[],
    /** the caller's transaction, when the events belong to a larger change */
    inTransaction?: Db,
  ) {
    const parsed = events.map((e) => ({ personId: e.personId, event: parseEvent(e.event) }))
    const run = async (tx: Db) => {
      const out = []
      for (const e of parsed) out.push(await applyEvent(tx, actor, e.personId, e.event))
      return out
    }
    return inTransaction ? run(inTransaction) : db.transaction().execute(run)
  }

  async function applyEvent(tx: Db, actor: Actor, personId: string, parsed: ReturnType<typeof parseEvent>) {
    const person = await store.findPerson(tx, personId, { forUpdate: true })
    if (!person) throw notFound('Person', personId)
    const facilityId = 'facilityId' in parsed ? (parsed.facilityId ?? null) : null
    const [facility] = await requireFacilities(tx, [facilityId], 'facilityId')
    if (parsed.type === 'hospitalised' && facility?.kind !== 'hospital') {
      throw new ValidationError([
        { path: 'facilityId', message: `${facility?.name ?? 'that facility'} is not a hospital` },
      ])
    }
    const history = await store.listEventsOf(tx, personId)
    const before = currentState(history)
    const { type, occurredOn, source, note, ...rest } = parsed
    const details = { ...rest, note } as Record<string, unknown>
    delete details.facilityId
    const event = { type, occurredOn, facilityId, details }
    const after = nextState(before, event)
    await store.insertEvents(tx, [eventRow(personId, history.length + 1, event, source, actor.id)])
    const updated = await store.updatePerson(tx, personId, {
      status: after.status,
      facility_id: after.facilityId,
      health: after.health,
      event_count: after.eventCount,
      last_event_on: after.lastEventOn,
      ...(type === 'confirmed' ? { confirmation: 'confirmed' } : {}),
      updated_at: clock(),
      version: person.version + 1,
    })
    await audit.appendAudit(
      tx,
      [
        {
          actorId: actor.id,
          actorName: actor.name,
          action: `person.event.${type}`,
          entityType: 'person',
          entityId: personId,
          before: { status: before.status, facilityId: before.facilityId, health: before.health },
          after: {
            status: after.status,
            facilityId: after.facilityId,
            health: after.health,
            occurredOn,
            source,
            ...details,
          },
        },
      ],
      clock(),
    )
    return presentPerson(updated)
  }

  /**
   * Corrects particulars, with a reason kept in the history and the audit trail.
   * @throws DomainError CONFLICT when expectedVersion is stale
   */
  async function amendPerson(actor: Actor, personId: string, input: AmendPersonInput) {
    const parsed = parseInput(AmendPerson, input)
    return db.transaction().execute(async (tx) => {
      const person = await store.findPerson(tx, personId, { forUpdate: true })
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
      const state = nextState(currentState(history), event)
      await store.insertEvents(tx, [eventRow(personId, history.length + 1, event, 'correction', actor.id)])
      const updated = await store.updatePerson(tx, personId, {
        ...cols,
        art17_complete: completenessColumn(merged),
        event_count: state.eventCount,
        last_event_on: state.lastEventOn,
        updated_at: clock(),
        version: person.version + 1,
      })
      const beforeP = particularsOf(person) as Record<string, unknown>
      const afterP = particularsOf(updated) as Record<string, unknown>
      const changed = Object.keys(afterP).filter(
        (k) => JSON.stringify(beforeP[k]) !== JSON.stringify(afterP[k]),
      )
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'person.amend',
            entityType: 'person',
            entityId: personId,
            before: Object.fromEntries(changed.map((k) => [k, beforeP[k]])),
            after: { ...Object.fromEntries(changed.map((k) => [k, afterP[k]])), reason: parsed.reason },
          },
        ],
        clock(),
      )
      return presentPerson(updated)
    })
  }

  async function createFacility(actor: Actor, input: CreateFacilityInput) {
    const parsed = parseInput(CreateFacility, input)
    return db.transaction().execute(async (tx) => {
      const exists = await tx
        .selectFrom('facilities')
        .select('id')
        .where('name', '=', parsed.name)
        .executeTakeFirst()
      if (exists)
        throw new ValidationError([
          { path: 'name', message: `a facility named ${parsed.name} exists already` },
        ])
      const row = await store.insertFacility(tx, {
        name: parsed.name,
        kind: parsed.kind,
        capacity: parsed.capacity ?? null,
        location: parsed.location ?? null,
      })
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'facility.create',
            entityType: 'facility',
            entityId: row.id,
            before: null,
            after: parsed,
          },
        ],
        clock(),
      )
      return presentFacility({ ...row, occupancy: 0 })
    })
  }

  async function listFacilities() {
    return (await store.listFacilities(db)).map(presentFacility)
  }

  async function listCaptures(limit = 100) {
    return (await store.listCaptures(db, limit)).map((c) => presentCapture(c, c.personCount))
  }

  async function registerCounts() {
    return store.countRegister(db)
  }

  return {
    registerPerson,
    registerCapture,
    getPerson,
    listPersons,
    countPersons,
    listEvents,
    recordEvent,
    recordEvents,
    amendPerson,
    createFacility,
    listFacilities,
    listCaptures,
    registerCounts,
  }
}
export type CustodyService = ReturnType<typeof createCustodyService>

function eventRow(
  personId: string,
  seq: number,
  e: { type: string; occurredOn: string; facilityId: string | null; details: Record<string, unknown> },
  source: string,
  authorId: string,
) {
  return {
    person_id: personId,
    seq,
    type: e.type,
    occurred_on: e.occurredOn,
    facility_id: e.facilityId,
    details: JSON.stringify(e.details),
    source,
    author_id: authorId,
  }
}

export function presentFacility(f: store.FacilityRow & { occupancy: number }) {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    capacity: f.capacity,
    location: f.location,
    occupancy: f.occupancy,
  }
}

export function presentCapture(c: store.CaptureRow, personCount: number) {
  return {
    id: c.id,
    capturedOn: c.captured_on,
    place: c.place,
    capturingUnit: c.capturing_unit,
    source: c.source,
    notes: c.notes,
    personCount,
  }
}

export function encodeCursor(key: [string | number, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return v as [string | number, string]
  } catch {}
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor this server gave out' }])
}
