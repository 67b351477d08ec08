import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import { can } from '../auth/roles'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import type { MissingService } from '../missing/service'
import * as missingStore from '../missing/store'
import { readSetting, writeSetting } from '../settings/store'
import { findCandidates, type PoolRecord } from './match'
import {
  AddFollowUp,
  CandidateRef,
  CloseEnquiry,
  Decision,
  DraftReply,
  EditReply,
  ENQUIRY_DEFAULTS,
  EnquirySettings,
  SendReply,
  TakeEnquiry,
} from './model'
import { presentCandidate, presentEnquiry, presentFollowUp, presentReply, soughtRecord } from './present'
import { draftReply as draftFromTemplates, type ReplyLanguage } from './reply'
import * as store from './store'
import { byUrgency, urgencyOf } from './urgency'

/** The registers read whole for a search: the missing register and every stored list. */
export type SharedPools = { missing: PoolRecord[]; lists: PoolRecord[] }

export type EnquiryDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  missing: Pick<MissingService, 'createMissingWithin'>
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10)

function entry(actor: Actor, action: string, id: string, after: unknown, before: unknown = null): AuditInput {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    entityType: 'enquiry',
    entityId: id,
    before,
    after,
  }
}

const enquiryWord = (e: { number: number | string }) => `enquiry ${e.number}`

/**
 * Family enquiries: taken by an operator, searched against every register and stored list, the
 * candidates decided by a tracer, answered from templates under the consent given, followed up.
 * Every write goes through the one write pipeline with its audit entry.
 */
export function createEnquiryService(deps: EnquiryDeps) {
  const { db, clock } = deps
  const write = createWritePipeline({ db, audit: deps.audit, clock })

  function notAfterToday(date: string | undefined, path: string) {
    const today = dayOf(clock())
    if (date && date > today) throw new ValidationError([{ path, message: `${date} is in the future` }])
  }

  async function loadLocked(tx: Db, id: string) {
    const e = await store.lockEnquiry(tx, id)
    if (!e) throw notFound('Enquiry', id)
    return e
  }

  function refuseClosed(e: store.EnquiryRow) {
    if (e.state === 'closed')
      throw new DomainError(
        'INVALID_TRANSITION',
        `${enquiryWord(e)} was closed on ${e.closed_on}; nothing was changed`,
      )
  }

  /**
   * Takes an enquiry: about a record of the register (linked), or about someone not yet there (a
   * new record, the enquirer its reporter, in the same transaction). The sought person is then
   * searched at once.
   * @throws ValidationError naming the field (missingPersonId when no such record exists)
   */
  async function takeEnquiry(actor: Actor, input: unknown) {
    const parsed = parseInput(TakeEnquiry, input)
    notAfterToday(parsed.receivedOn, 'receivedOn')
    notAfterToday(parsed.consent.givenOn, 'consent.givenOn')
    const receivedOn = parsed.receivedOn ?? dayOf(clock())
    const created = await write(async (ctx) => {
      let personId = parsed.missingPersonId
      const audit: AuditInput[] = []
      if (personId) {
        const found = await ctx.lock('missing_persons', [personId])
        if (!found.has(personId))
          throw new ValidationError([
            { path: 'missingPersonId', message: `no record ${personId} in the missing-persons register` },
          ])
      } else {
        const made = await deps.missing.createMissingWithin(ctx, actor, {
          ...parsed.person!,
          reporter: parsed.enquirer,
          consent: parsed.consent,
          receivedOn,
          source: `enquiry by ${parsed.channel.replace('_', ' ')}`,
        })
        personId = made.result.id
        audit.push(...made.audit)
      }
      const row = await store.insertEnquiry(ctx.tx, {
        missing_person_id: personId,
        channel: parsed.channel,
        enquirer_name: parsed.enquirer.name,
        enquirer_relation: parsed.enquirer.relation ?? null,
        enquirer_contact: parsed.enquirer.contact ?? null,
        enquirer_language: parsed.enquirer.language,
        consent_use: parsed.consent.use,
        consent_share_icrc: parsed.consent.shareIcrc,
        consent_share_other_side: parsed.consent.shareOtherSide,
        consent_share_public: parsed.consent.sharePublic,
        consent_given_on: parsed.consent.givenOn ?? null,
        received_on: receivedOn,
        note: parsed.note ?? null,
        created_by: actor.id,
        updated_at: ctx.now,
        version: 1,
      })
      audit.push(
        entry(actor, 'enquiry.take', row.id, {
          number: Number(row.number),
          missingPersonId: personId,
          created: !parsed.missingPersonId,
          channel: row.channel,
          enquirer: {
            name: row.enquirer_name,
            relation: row.enquirer_relation,
            language: row.enquirer_language,
          },
          consent: parsed.consent,
        }),
      )
      return { result: row, audit }
    })
    await searchAgain(actor, created.id)
    return getEnquiry(created.id)
  }

  /**
   * Searches the sought person, as the register now knows them, against the custody register, the
   * rest of the missing register and every stored list; undecided candidates are replaced.
   */
  async function searchAgain(actor: Actor, id: string) {
    await searchOne(actor, id, 'search', await sharedPools())
    return getEnquiry(id)
  }

  /** The whole missing register and every stored list: read once for a run over many enquiries. */
  async function sharedPools(): Promise<SharedPools> {
    const [missing, lists] = await Promise.all([store.missingPool(db), store.listPool(db)])
    return { missing, lists }
  }

  /**
   * One enquiry searched and its findings stored, audited as `enquiry.search` (a tracer's) or, when
   * the automatic search found someone new, `enquiry.research` naming the job. A closed enquiry or
   * one gone meanwhile is left alone by the automatic search.
   * @returns how many candidates were found for the first time
   */
  async function searchOne(
    actor: Actor,
    id: string,
    by: 'search' | 'research',
    shared: SharedPools,
    jobId?: string,
  ): Promise<number> {
    const e = await store.findEnquiry(db, id)
    if (!e) throw notFound('Enquiry', id)
    const person = await missingStore.findMissing(db, e.missing_person_id)
    if (!person) throw notFound('Missing person', e.missing_person_id)
    const sought = soughtRecord(person)
    const custody = await store.custodyPool(db, sought)
    const missing = shared.missing.filter((m) => m.ref !== person.id)
    const universe = custody.universe + missing.length + shared.lists.length
    const found = findCandidates(sought, [...custody.pool, ...missing, ...shared.lists], universe)
    return write(async (ctx) => {
      const locked = await loadLocked(ctx.tx, id)
      if (by === 'research' && locked.state !== 'open') return { result: 0, audit: [] }
      const fresh = await store.storeCandidates(ctx.tx, id, found, ctx.now, by)
      await store.updateEnquiry(ctx.tx, id, { searched_at: ctx.now, updated_at: ctx.now })
      const summary = {
        candidates: found.length,
        new: fresh,
        searched: universe,
        best: found[0] ? { source: found[0].source, probability: found[0].probability } : null,
      }
      // every automatic pass would otherwise write an entry per open enquiry: only news is written
      const audit =
        by === 'search'
          ? [entry(actor, 'enquiry.search', id, summary)]
          : fresh > 0
            ? [entry(actor, 'enquiry.research', id, { ...summary, job: jobId })]
            : []
      return { result: fresh, audit }
    })
  }

  /** The tracer's decision on a candidate, audited with the candidate as shown. @throws NOT_FOUND */
  async function decide(actor: Actor, id: string, input: unknown) {
    const key = parseInput(CandidateRef, input)
    const d = parseInput(Decision, input)
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      refuseClosed(e)
      const c = await store.findCandidate(ctx.tx, id, key.source, key.ref)
      if (!c)
        throw new DomainError('NOT_FOUND', `${enquiryWord(e)} has no candidate ${key.source} ${key.ref}`)
      await store.decideCandidate(
        ctx.tx,
        { id, ...key },
        {
          decision: d.decision,
          by: actor.id,
          at: ctx.now,
          note: d.note ?? null,
        },
      )
      await store.updateEnquiry(ctx.tx, id, { updated_at: ctx.now, version: e.version + 1 })
      return {
        result: null,
        audit: [
          entry(
            actor,
            `enquiry.candidate.${d.decision === 'confirmed' ? 'confirm' : 'reject'}`,
            id,
            { source: c.source, ref: c.ref, label: c.label, probability: c.probability, note: d.note },
            { decision: c.decision },
          ),
        ],
      }
    })
    return getEnquiry(id)
  }

  /** A reply drafted from the templates in the enquirer's language (or the one asked for). */
  async function draftReply(actor: Actor, id: string, input: unknown) {
    const { language } = parseInput(DraftReply, input ?? {})
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      refuseClosed(e)
      const person = await missingStore.findMissing(ctx.tx, e.missing_person_id)
      const candidates = await store.listCandidates(ctx.tx, id)
      const onList = candidates.some((c) => c.source === 'list' && c.decision === 'confirmed')
      const captivity = (person!.captivity === 'none' && onList ? 'indicated' : person!.captivity) as
        | 'none'
        | 'indicated'
        | 'confirmed'
      const lang = (language ?? e.enquirer_language) as ReplyLanguage
      const draft = draftFromTemplates({
        language: lang,
        enquiryNumber: Number(e.number),
        receivedOn: e.received_on,
        enquirerName: e.enquirer_name,
        sought: [person!.surname, person!.first_names, person!.patronymic].filter(Boolean).join(' '),
        consent: { use: e.consent_use, shareIcrc: e.consent_share_icrc },
        status: person!.status as 'missing',
        captivity,
        lastKnownOn: person!.last_event_on,
        facility: person!.last_facility,
        roleMayShowFacility: can(actor.role, 'particulars.read'),
      })
      const seq = (await store.listReplies(ctx.tx, id)).length + 1
      await store.insertReply(ctx.tx, {
        enquiry_id: id,
        seq,
        language: lang,
        body: draft.body,
        withheld: JSON.stringify(draft.withheld),
        drafted_by: actor.id,
        drafted_at: ctx.now,
        updated_at: ctx.now,
      })
      return {
        result: null,
        audit: [
          entry(actor, 'enquiry.reply.draft', id, { reply: seq, language: lang, withheld: draft.withheld }),
        ],
      }
    })
    return getEnquiry(id)
  }

  async function loadReply(tx: Db, e: store.EnquiryRow, seq: number) {
    const reply = (await store.listReplies(tx, e.id)).find((r) => r.seq === seq)
    if (!reply) throw new DomainError('NOT_FOUND', `${enquiryWord(e)} has no reply ${seq}`)
    if (reply.sent_on)
      throw new DomainError(
        'INVALID_TRANSITION',
        `reply ${seq} of ${enquiryWord(e)} was sent on ${reply.sent_on} and cannot be changed`,
      )
    return reply
  }

  /** The tracer's words in place of the draft's, until the reply is sent. */
  async function editReply(actor: Actor, id: string, seq: number, input: unknown) {
    const { body } = parseInput(EditReply, input)
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      const reply = await loadReply(ctx.tx, e, seq)
      await store.updateReply(ctx.tx, id, seq, { body, updated_at: ctx.now })
      return {
        result: null,
        audit: [
          entry(actor, 'enquiry.reply.edit', id, { reply: seq, body }, { reply: seq, body: reply.body }),
        ],
      }
    })
    return getEnquiry(id)
  }

  /** Records how and when the reply went out; the enquiry counts as answered from that day. */
  async function sendReply(actor: Actor, id: string, seq: number, input: unknown) {
    const parsed = parseInput(SendReply, input)
    notAfterToday(parsed.sentOn, 'sentOn')
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      await loadReply(ctx.tx, e, seq)
      const sentOn = parsed.sentOn ?? dayOf(ctx.now)
      if (sentOn < e.received_on)
        throw new ValidationError([
          { path: 'sentOn', message: `${sentOn} is before the enquiry came in (${e.received_on})` },
        ])
      await store.updateReply(ctx.tx, id, seq, { sent_how: parsed.how, sent_on: sentOn, sent_by: actor.id })
      await store.updateEnquiry(ctx.tx, id, {
        answered_on: e.answered_on ?? sentOn,
        updated_at: ctx.now,
        version: e.version + 1,
      })
      return {
        result: null,
        audit: [entry(actor, 'enquiry.reply.send', id, { reply: seq, how: parsed.how, sentOn })],
      }
    })
    return getEnquiry(id)
  }

  async function addFollowUp(actor: Actor, id: string, input: unknown) {
    const parsed = parseInput(AddFollowUp, input)
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      refuseClosed(e)
      if (parsed.dueOn < e.received_on)
        throw new ValidationError([
          { path: 'dueOn', message: `${parsed.dueOn} is before the enquiry came in (${e.received_on})` },
        ])
      const seq = (await store.listFollowUps(ctx.tx, id)).length + 1
      await store.insertFollowUp(ctx.tx, {
        enquiry_id: id,
        seq,
        due_on: parsed.dueOn,
        what: parsed.what,
        created_by: actor.id,
      })
      return {
        result: null,
        audit: [
          entry(actor, 'enquiry.follow_up.add', id, {
            followUp: seq,
            dueOn: parsed.dueOn,
            what: parsed.what,
          }),
        ],
      }
    })
    return getEnquiry(id)
  }

  async function completeFollowUp(actor: Actor, id: string, seq: number) {
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      const done = await store.markFollowUpDone(ctx.tx, id, seq, dayOf(ctx.now), actor.id)
      if (!done) throw new DomainError('NOT_FOUND', `${enquiryWord(e)} has no follow-up ${seq}`)
      return { result: null, audit: [entry(actor, 'enquiry.follow_up.done', id, { followUp: seq })] }
    })
    return getEnquiry(id)
  }

  async function closeEnquiry(actor: Actor, id: string, input: unknown) {
    const { reason } = parseInput(CloseEnquiry, input)
    await write(async (ctx) => {
      const e = await loadLocked(ctx.tx, id)
      refuseClosed(e)
      await store.updateEnquiry(ctx.tx, id, {
        state: 'closed',
        closed_on: dayOf(ctx.now),
        closed_reason: reason,
        updated_at: ctx.now,
        version: e.version + 1,
      })
      return { result: null, audit: [entry(actor, 'enquiry.close', id, { reason }, { state: e.state })] }
    })
    return getEnquiry(id)
  }

  async function readSettings(): Promise<EnquirySettings> {
    const parsed = EnquirySettings.partial().safeParse(await readSetting(db, 'enquiries'))
    return { ...ENQUIRY_DEFAULTS, ...(parsed.success ? parsed.data : {}) }
  }

  async function updateSettings(actor: Actor, input: unknown): Promise<EnquirySettings> {
    const next = parseInput(EnquirySettings, input)
    const before = await readSettings()
    return write(async (ctx) => {
      await writeSetting(ctx.tx, 'enquiries', next, ctx.now)
      return {
        result: next,
        audit: [
          {
            actorId: actor.id,
            actorName: actor.name,
            action: 'settings.enquiries.update',
            entityType: 'settings',
            entityId: 'enquiries',
            before,
            after: next,
          },
        ],
      }
    })
  }

  /** Whether a list or a register changed after the enquiry was last searched. */
  const staleSince = (searchedAt: Date | null, changed: Date | null) =>
    !searchedAt || (changed !== null && changed > searchedAt)

  /** One enquiry with its sought person, candidates, replies, follow-ups and urgency. @throws NOT_FOUND */
  async function getEnquiry(id: string) {
    const [row] = await store.listEnquiries(db, { id })
    if (!row) throw notFound('Enquiry', id)
    const [candidates, replies, followUps, settings, changed, news] = await Promise.all([
      store.listCandidates(db, id),
      store.listReplies(db, id),
      store.listFollowUps(db, id),
      readSettings(),
      store.lastRegisterChange(db),
      store.newCandidateCounts(db, [id]),
    ])
    const urgency = urgencyOf(
      {
        receivedOn: row.received_on,
        answeredOn: row.answered_on,
        nextFollowUpOn: row.next_follow_up_on,
        closedOn: row.closed_on,
      },
      dayOf(clock()),
      settings.overdueAfterDays,
    )
    return {
      ...presentEnquiry(row, urgency, staleSince(row.searched_at, changed), news.get(id) ?? 0),
      candidates: candidates.map(presentCandidate),
      replies: replies.map(presentReply),
      followUps: followUps.map(presentFollowUp),
    }
  }

  /**
   * Enquiries, the open ones by default, most urgent first: overdue (a follow-up's date passed, or
   * unanswered longer than the setting), then by days overdue, then by age.
   */
  async function listEnquiries(filter: { state?: 'open' | 'closed' | 'all'; missingPersonId?: string } = {}) {
    const state = filter.state ?? 'open'
    const [rows, settings, changed, news] = await Promise.all([
      store.listEnquiries(db, {
        state: state === 'all' ? undefined : state,
        missingPersonId: filter.missingPersonId,
      }),
      readSettings(),
      store.lastRegisterChange(db),
      store.newCandidateCounts(db),
    ])
    const today = dayOf(clock())
    const items = rows
      .map((r) =>
        presentEnquiry(
          r,
          urgencyOf(
            {
              receivedOn: r.received_on,
              answeredOn: r.answered_on,
              nextFollowUpOn: r.next_follow_up_on,
              closedOn: r.closed_on,
            },
            today,
            settings.overdueAfterDays,
          ),
          staleSince(r.searched_at, changed),
          news.get(r.id) ?? 0,
        ),
      )
      .sort(byUrgency)
    return { items, overdueAfterDays: settings.overdueAfterDays, today }
  }

  return {
    takeEnquiry,
    searchAgain,
    searchOne,
    sharedPools,
    decide,
    draftReply,
    editReply,
    sendReply,
    addFollowUp,
    completeFollowUp,
    closeEnquiry,
    getEnquiry,
    listEnquiries,
    readSettings,
    updateSettings,
  }
}
export type EnquiryService = ReturnType<typeof createEnquiryService>
