import type { AuditInput } from '../audit/store'
import type { Actor } from '../auth/actor'
import { DomainError } from '../core/errors'
import type { Romanize } from '../custody/person-row'
import type { WriteContext } from '../db/write'
import type { MissingEvent } from './events'
import { followMerges } from './merge-store'
import { CreateMissing, type CreateMissing as CreateMissingInput } from './model'
import { birthDateKeys, matchReturnee, type Returnee } from './returns'
import { insertReviews } from './review-store'
import { missingSince, newRecordRow, particularsIn, reportRow } from './rows'
import { currentMissingState, type MissingState, missingStateWith } from './state'
import { stateColumns } from './state-columns'
import * as store from './store'

/** The exchange a return comes from: the source of every event it writes. */
export type ReturnSource = { exchangeId: string; exchangeName: string; on: string }

/** What a completed handover wrote in the register for each of ours who came home. */
export type RecordedReturn = {
  ref: string
  missingPersonId: string
  registerNumber: number
  created: boolean
}

/**
 * One of ours who came home whose register record cannot take a return as it stands (confirmed
 * dead, already returned, gone): left for a tracer, named in the audit, never a reason to stop a
 * handover the people have already crossed.
 */
export type ReturnToReview = {
  ref: string
  person: string
  missingPersonId: string
  registerNumber: number | null
  reason: string
}

/** "Шевченко Іван (1990-04-02)": how a refusal names the person who came home. */
const nameOf = (r: Returnee) => {
  const name = [r.surname, r.firstNames].filter(Boolean).join(' ') || r.ref
  return r.dateOfBirth ? `${name} (${r.dateOfBirth})` : name
}

const sourceOf = (s: ReturnSource, stage: number) =>
  `exchange "${s.exchangeName}" of ${s.on}, stage ${stage}`.slice(0, 300)

function returnedEvent(s: ReturnSource, r: Returnee): Omit<MissingEvent, 'seq'> {
  return {
    type: 'returned',
    occurredOn: s.on,
    source: sourceOf(s, r.stage),
    confidence: 'high',
    details: { how: 'exchange', exchangeId: s.exchangeId, stage: r.stage, ref: r.ref },
  }
}

/**
 * A new record for one who came home unknown to the register: reported missing by the exchange
 * (since the capture, when the list gives it) and returned, so nobody who came home is lost.
 * Particulars the register cannot take as written (a date that cannot be) are left out, never guessed.
 */
function recordInput(s: ReturnSource, r: Returnee): CreateMissingInput {
  const full: CreateMissingInput = {
    surname: r.surname || r.ref,
    firstNames: r.firstNames,
    patronymic: r.patronymic,
    dateOfBirth: r.dateOfBirth,
    serviceNumber: r.serviceNumber,
    rank: r.rank,
    ...(r.sex ? { sex: r.sex } : {}),
    reporter: { name: `exchange "${s.exchangeName}"`.slice(0, 200), relation: 'exchange' },
    lastSeen: r.capturedOn.length === 10 && r.capturedOn <= s.on ? { on: r.capturedOn } : {},
    receivedOn: s.on,
    source: sourceOf(s, r.stage),
  }
  if (CreateMissing.safeParse(full).success) return full
  const { dateOfBirth, serviceNumber, rank, lastSeen, ...bare } = full
  return { ...bare, surname: (r.surname || r.ref).slice(0, 200), lastSeen: {} }
}

const entry = (actor: Actor, action: string, id: string, before: unknown, after: unknown): AuditInput => ({
  actorId: actor.id,
  actorName: actor.name,
  action,
  entityType: 'missing_person',
  entityId: id,
  before,
  after,
})

/**
 * Writes "returned" (the exchange, its date and stage; confidence high) on the missing person of
 * each of ours who came home, inside the completion's write: the record the sought list was built
 * from, else one the name engine finds with an agreeing service number or date of birth, else a
 * new record. Locks the records after the exchange and the persons (the pipeline's order).
 * A record that cannot take a return (confirmed dead, already returned, gone) gets no event: the
 * person is listed in `toReview` and in an audit entry on the record, for a tracer to settle.
 */
export async function recordReturnsWithin(
  ctx: WriteContext,
  actor: Actor,
  returnees: readonly Returnee[],
  s: ReturnSource,
  romanize: Romanize,
): Promise<{ recorded: RecordedReturn[]; toReview: ReturnToReview[]; audit: AuditInput[] }> {
  if (!returnees.length) return { recorded: [], toReview: [], audit: [] }
  // a sought list built before a merge names the absorbed record: its return goes on the kept one
  const linked = returnees.flatMap((r) => (r.missingPersonId ? [r.missingPersonId] : []))
  const lives = linked.length ? await followMerges(ctx.tx, linked) : new Map<string, string>()
  returnees = returnees.map((r) =>
    r.missingPersonId ? { ...r, missingPersonId: lives.get(r.missingPersonId) ?? r.missingPersonId } : r,
  )
  const unlinked = returnees.filter((r) => !r.missingPersonId)
  const dates = birthDateKeys(unlinked)
  const alike = await store.openRecordsAlike(ctx.tx, {
    serviceNumbers: [...new Set(unlinked.map((r) => r.serviceNumber).filter(Boolean))],
    birthDates: dates.exact,
    birthYears: dates.years,
  })
  const taken = new Set(returnees.flatMap((r) => (r.missingPersonId ? [r.missingPersonId] : [])))
  const found = new Map<string, string>()
  for (const r of returnees) {
    const m = matchReturnee(r, alike, taken)
    if (m.kind === 'none') continue
    found.set(r.ref, m.id)
    taken.add(m.id)
  }
  const ids = [...new Set(found.values())]
  await ctx.lock('missing_persons', ids)
  const records = new Map((await store.findMissingMany(ctx.tx, ids)).map((x) => [x.id, x]))
  const histories = await store.missingEventsOfMany(ctx.tx, ids)
  const recorded: RecordedReturn[] = []
  const toReview: ReturnToReview[] = []
  const audit: AuditInput[] = []
  const reviews: Parameters<typeof insertReviews>[1] = []
  const leaveForReview = (r: Returnee, id: string, registerNumber: number | null, reason: string) => {
    toReview.push({ ref: r.ref, person: nameOf(r), missingPersonId: id, registerNumber, reason })
    if (registerNumber !== null)
      reviews.push({
        missing_person_id: id,
        person: nameOf(r),
        exchange_name: s.exchangeName,
        returned_on: s.on,
        source: sourceOf(s, r.stage),
        reason,
        raised_at: ctx.now,
      })
    audit.push(
      entry(actor, 'missing.return.review', id, null, {
        person: nameOf(r),
        exchange: s.exchangeName,
        on: s.on,
        reason,
      }),
    )
  }
  const newEvents: store.NewMissingEventRow[] = []
  for (const r of returnees) {
    const id = found.get(r.ref)
    if (!id) continue
    const record = records.get(id)
    if (!record) {
      leaveForReview(r, id, null, 'the missing person the sought list names is no longer in the register')
      continue
    }
    const history = histories.get(id) ?? []
    const event = returnedEvent(s, r)
    let after: MissingState
    try {
      after = missingStateWith(history, event)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      leaveForReview(r, id, record.register_number, err.message)
      continue
    }
    const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
    newEvents.push(eventRowOf(id, seq, event, actor.id))
    await store.updateMissing(ctx.tx, id, {
      ...stateColumns(after),
      updated_at: ctx.now,
      version: record.version + 1,
    })
    recorded.push({ ref: r.ref, missingPersonId: id, registerNumber: record.register_number, created: false })
    audit.push(
      entry(
        actor,
        'missing.event.returned',
        id,
        { status: record.status, captivity: record.captivity },
        { status: 'returned', captivity: after.captivity, ...event, ...event.details },
      ),
    )
  }
  const strangers = returnees.filter((r) => !found.has(r.ref))
  const inputs = strangers.map((r) => CreateMissing.parse(recordInput(s, r)))
  const fresh = strangers.map((r, i) => {
    const reported: Omit<MissingEvent, 'seq'> = {
      type: 'reported_missing',
      occurredOn: missingSince(inputs[i]!, s.on),
      source: sourceOf(s, r.stage),
      confidence: 'high',
      details: { exchangeId: s.exchangeId, ref: r.ref },
    }
    return [reported, returnedEvent(s, r)] as const
  })
  const created = await store.insertMissing(
    ctx.tx,
    inputs.map((input, i) => {
      const [reported, returned] = fresh[i]!
      const after = currentMissingState([
        { ...reported, seq: 1 },
        { ...returned, seq: 2 },
      ])
      return {
        ...newRecordRow(input, { romanize, actorId: actor.id, today: s.on }),
        ...stateColumns(after),
      }
    }),
  )
  await store.insertReports(
    ctx.tx,
    created.map((row, i) =>
      reportRow(row.id, 1, inputs[i]!, particularsIn(inputs[i]!), { actorId: actor.id, today: s.on }),
    ),
  )
  for (const [i, row] of created.entries()) {
    const [reported, returned] = fresh[i]!
    newEvents.push(eventRowOf(row.id, 1, reported, actor.id), eventRowOf(row.id, 2, returned, actor.id))
    recorded.push({
      ref: strangers[i]!.ref,
      missingPersonId: row.id,
      registerNumber: row.register_number,
      created: true,
    })
    audit.push(
      entry(actor, 'missing.register', row.id, null, { surname: row.surname, source: reported.source }),
      entry(
        actor,
        'missing.event.returned',
        row.id,
        { status: 'missing' },
        { status: 'returned', ...returned },
      ),
    )
  }
  await store.insertMissingEvents(ctx.tx, newEvents)
  await insertReviews(ctx.tx, reviews)
  return { recorded, toReview, audit }
}

function eventRowOf(
  id: string,
  seq: number,
  e: Omit<MissingEvent, 'seq'>,
  authorId: string,
): store.NewMissingEventRow {
  return {
    missing_person_id: id,
    seq,
    type: e.type,
    occurred_on: e.occurredOn,
    source: e.source,
    confidence: e.confidence,
    details: JSON.stringify(e.details),
    author_id: authorId,
  }
}
