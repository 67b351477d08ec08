import { type AuditAnchorFiles, loadOrCreateSigningKey } from '../audit/anchor'
import type { AuditInput, appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import type { JobService } from '../jobs/service'
import { createBacklog } from './backlog'
import { type BatchRequest, checkNamed, dueTo, noneDue, writeBatch } from './batch'
import { createBatchJobs, type PreparedOrQueued } from './batch-job'
import type { CardFields } from './card'
import { batchFile, type ExportFormat, signExport } from './export'
import { noticeFigures } from './figures'
import { conventionOf, daysBetween } from './rules'
import {
  type BatchRow,
  batchFiles,
  findBatch,
  findNotice,
  type KeptFileRow,
  keepFile,
  keptFile,
  type ListedNotice,
  listBatches,
  listNotices,
  type NoticeFilter,
  OPEN_STATES,
} from './store'
import { createWeeklyPass } from './weekly-pass'

export type NoticesDeps = {
  db: Db
  audit: { appendAudit: typeof appendAudit }
  clock: Clock
  /** Where the bureau's Ed25519 key lives (outside the database); exports are signed with it. */
  anchor?: AuditAnchorFiles
  /** with jobs, a large batch is prepared by a worker (batch-job.ts) */
  jobs?: JobService
}
export type NoticesService = ReturnType<typeof createNoticesService>

const today = (clock: Clock) => clock().toISOString().slice(0, 10)

/** A notice as the liaison reads it: the person, the duty and its article, the deadline and its age. */
export function showNotice(n: ListedNotice, on: string) {
  return {
    id: n.id,
    number: n.number,
    personId: n.person_id,
    registerNumber: n.register_number,
    name: [n.surname, n.first_names, n.patronymic].filter(Boolean).join(' '),
    nameLatin: [n.surname_latin, n.first_names_latin].filter(Boolean).join(' ') || null,
    kind: n.kind,
    convention: n.convention,
    article: n.article,
    recipient: n.recipient,
    event: { seq: n.event_seq, type: n.event_type, occurredOn: n.occurred_on },
    dueOn: n.due_on,
    // days past the deadline (negative: days left); only open notices can be overdue
    overdueDays: (OPEN_STATES as readonly string[]).includes(n.state) ? daysBetween(n.due_on, on) : null,
    state: n.state,
    withheldFromPower: n.withheld_from_power,
    batchId: n.batch_id,
    supersedes: n.supersedes,
  }
}
export type NoticeOut = ReturnType<typeof showNotice>

export function showBatch(b: BatchRow) {
  return {
    id: b.id,
    number: b.number,
    recipient: b.recipient,
    state: b.state,
    backlog: b.backlog,
    preparedBy: b.prepared_by,
    preparedAt: new Date(b.prepared_at).toISOString(),
    sent: b.sent_at
      ? { at: new Date(b.sent_at).toISOString(), by: b.sent_by, how: b.sent_how, reference: b.sent_reference }
      : null,
    acknowledged: b.acknowledged_at
      ? { at: new Date(b.acknowledged_at).toISOString(), by: b.acknowledged_by, note: b.acknowledgement }
      : null,
  }
}

/** A file kept with its batch: what was exported, its hash, and whether it went out as sent. */
export function showFile(f: KeptFileRow) {
  return {
    id: f.id,
    format: f.format,
    fileName: f.file_name,
    sha256: f.sha256,
    size: Number(f.size),
    exportedBy: f.exported_by,
    exportedAt: new Date(f.exported_at).toISOString(),
    sent: f.sent,
  }
}

const entry = (
  actor: Actor,
  action: string,
  type: string,
  id: string,
  before: unknown,
  after: unknown,
): AuditInput => ({
  actorId: actor.id,
  actorName: actor.name,
  action,
  entityType: type,
  entityId: id,
  before,
  after,
})

export function createNoticesService(deps: NoticesDeps) {
  const { db, clock } = deps
  const write = createWritePipeline(deps)

  async function list(filter: { state?: string; personId?: string; overdue?: boolean }, limit: number) {
    const on = today(clock)
    const f: NoticeFilter = { state: filter.state, personId: filter.personId }
    if (filter.overdue) f.overdueOn = on
    const rows = await listNotices(db, f, limit)
    return rows.map((n) => showNotice(n, on))
  }

  async function getBatch(id: string) {
    const batch = await findBatch(db, id)
    if (!batch) throw notFound('Batch', id)
    const rows = await listNotices(db, { batchId: id }, 100_000)
    const files = await batchFiles(db, id)
    return {
      ...showBatch(batch),
      notices: rows.map((n) => showNotice(n, today(clock))),
      files: files.map(showFile),
    }
  }

  async function batches(limit: number) {
    const rows = await listBatches(db, limit)
    return rows.map((b) => ({ ...showBatch(b), count: Number(b.count ?? 0) }))
  }

  function signingKey() {
    if (!deps.anchor) throw new DomainError('CONFLICT', 'No signing key is configured for this server')
    return loadOrCreateSigningKey(deps.anchor.keyFile)
  }

  /** A batch's file as the recipient gets it, signed, and kept with the batch byte for byte. */
  async function render(batchId: string, format: ExportFormat) {
    const batch = await getBatch(batchId)
    const bytes = await batchFile(batch, batch.notices, format, clock())
    const fileName = `batch-${batch.number}.${format}`
    const key = signingKey()
    return { batch, bytes, fileName, signature: signExport(fileName, bytes, key.privateKey, key.publicKey) }
  }

  /** Exports a batch: the file and its signature, kept with the batch (sent once the batch is marked sent). */
  async function exportBatch(actor: Actor, batchId: string, format: ExportFormat) {
    const { batch, bytes, fileName, signature } = await render(batchId, format)
    const row = await keepFile(db, {
      batch_id: batchId,
      format,
      file_name: fileName,
      bytes,
      sha256: signature.sha256,
      signature: JSON.stringify(signature),
      exported_by: actor.name,
      exported_at: clock(),
    })
    return { batch, bytes, signature, file: showFile(row) }
  }

  /** A kept file's bytes and signature, as they were exported. */
  async function fileOf(batchId: string, fileId: string) {
    const f = await keptFile(db, batchId, fileId)
    if (!f) throw notFound('File', fileId)
    const signature = typeof f.signature === 'string' ? JSON.parse(f.signature) : f.signature
    return {
      fileName: f.file_name,
      format: f.format,
      bytes: Buffer.from(f.bytes),
      sha256: f.sha256,
      signature,
    }
  }

  /** The dashboard's figures: notices overdue now, and per month the median days from event to sent. */
  const figures = (months = 12) => noticeFigures(db, clock, months)

  /**
   * Puts due notices into a new batch to one recipient: the ones named, or every one due to it.
   * A notice that may not go there (an Art. 137 mark, another recipient, not due) refuses the whole
   * batch, naming it; nothing changes then.
   */
  async function prepareBatch(actor: Actor, input: BatchRequest) {
    return write(async ({ tx, now }) => {
      let ids: string[]
      if (input.noticeIds && input.noticeIds.length > 0) {
        ids = await checkNamed(tx, input.recipient, input.noticeIds, { forUpdate: true })
      } else {
        ids = (await dueTo(tx, input.recipient).forUpdate().execute()).map((r) => r.id)
        if (ids.length === 0) throw noneDue(input.recipient)
      }
      const out = await writeBatch(tx, actor, input.recipient, ids, now)
      return { result: { ...showBatch(out.batch), count: out.count }, audit: [out.audit] }
    })
  }

  /** Moves a batch and its notices on: prepared → sent → acknowledged, each step once. */
  function advance(step: 'sent' | 'acknowledged') {
    const from = step === 'sent' ? 'prepared' : 'sent'
    return async (
      actor: Actor,
      batchId: string,
      input: { on: string; how?: string; reference?: string; note?: string },
    ) => {
      if (input.on > today(clock))
        throw new ValidationError([{ path: 'on', message: `${input.on} is in the future` }])
      // a batch sent without an export keeps its CSV as the record of what it said
      const fallback =
        step === 'sent' &&
        deps.anchor &&
        (await batchFiles(db, batchId)).length === 0 &&
        (await findBatch(db, batchId))
          ? await render(batchId, 'csv')
          : null
      return write(async ({ tx, now }) => {
        const batch = await findBatch(tx, batchId, { forUpdate: true })
        if (!batch) throw notFound('Batch', batchId)
        if (batch.state !== from)
          throw new DomainError(
            'INVALID_TRANSITION',
            `Batch ${batch.number} is ${batch.state}; only a ${from} batch can be marked ${step}`,
          )
        const at = new Date(`${input.on}T12:00:00Z`)
        const updated = await tx
          .updateTable('notice_batches')
          .set(
            step === 'sent'
              ? {
                  state: step,
                  sent_at: at,
                  sent_by: actor.name,
                  sent_how: input.how ?? null,
                  sent_reference: input.reference ?? null,
                }
              : {
                  state: step,
                  acknowledged_at: at,
                  acknowledged_by: actor.name,
                  acknowledgement: input.note ?? null,
                },
          )
          .where('id', '=', batchId)
          .returningAll()
          .executeTakeFirstOrThrow()
        const notices = await tx
          .updateTable('notices')
          .set({ state: step, updated_at: now })
          .where('batch_id', '=', batchId)
          .where('state', '=', from)
          .returning(['number', 'person_id'])
          .execute()
        const sentFiles = step === 'sent' ? await keepAsSent(tx, batchId, actor, now, fallback) : []
        return {
          result: showBatch(updated),
          audit: [
            entry(
              actor,
              `notices.batch.${step}`,
              'notice_batch',
              batchId,
              { state: from },
              {
                state: step,
                on: input.on,
                how: input.how,
                reference: input.reference,
                note: input.note,
                count: notices.length,
                ...(step === 'sent' && { files: sentFiles }),
              },
            ),
          ],
        }
      })
    }
  }

  /**
   * Marks a civilian's information as harmful to transmit to the Power (GC IV Art. 137): the
   * person's open notices and every later one go to the Central Agency only, flagged.
   */
  async function withhold(actor: Actor, personId: string, reason: string) {
    return write(async (ctx) => {
      const found = await ctx.lock('persons', [personId])
      if (found.size === 0) throw notFound('Person', personId)
      const person = await ctx.tx
        .selectFrom('persons')
        .select(['category'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow()
      if (conventionOf(person.category) !== 'GC IV')
        throw new ValidationError([
          {
            path: 'personId',
            message:
              "GC IV Art. 137 concerns protected civilians; a prisoner of war's information is forwarded under GC III Art. 122",
          },
        ])
      await ctx.tx
        .insertInto('notice_withholdings')
        .values({ person_id: personId, reason, marked_by: actor.name, marked_at: ctx.now })
        .onConflict((oc) =>
          oc.column('person_id').doUpdateSet({ reason, marked_by: actor.name, marked_at: ctx.now }),
        )
        .execute()
      const changed = await ctx.tx
        .updateTable('notices')
        .set({ withheld_from_power: true, updated_at: ctx.now })
        .where('person_id', '=', personId)
        .where('state', 'in', [...OPEN_STATES])
        .returning('number')
        .execute()
      return {
        result: { personId, reason, notices: changed.length },
        audit: [
          entry(actor, 'notices.withhold', 'person', personId, null, { article: 'GC IV Art. 137', reason }),
        ],
      }
    })
  }

  /** The particulars a card prints, as the register holds them now. */
  async function cardOf(noticeId: string) {
    const notice = await findNotice(db, noticeId)
    if (!notice) throw notFound('Notice', noticeId)
    if (!['capture_card', 'internment_card', 'death_notice'].includes(notice.kind))
      throw new ValidationError([
        {
          path: 'id',
          message: `notice ${notice.number} is a ${notice.kind.replace('_', ' ')}: no printed form (cards and death notices have one)`,
        },
      ])
    const p = await db
      .selectFrom('persons as p')
      .leftJoin('captures as c', 'c.id', 'p.capture_id')
      .selectAll('p')
      .select(['c.place as capture_place'])
      .where('p.id', '=', notice.person_id)
      .executeTakeFirstOrThrow()
    const events = await db
      .selectFrom('person_events as e')
      .leftJoin('facilities as f', 'f.id', 'e.facility_id')
      .select(['e.seq', 'e.type', 'e.occurred_on', 'e.details', 'f.name as facility'])
      .where('e.person_id', '=', notice.person_id)
      .where('e.seq', '<=', notice.event_seq)
      .orderBy('e.seq')
      .execute()
    const captured = events.find((e) => e.type === 'captured')
    // the address the card gives: the last facility the person was taken to up to its event
    const camp = events.filter((e) => e.facility).at(-1)?.facility ?? null
    const fields: CardFields = {
      kind: notice.kind,
      powerDependedOn: p.power_depended_on,
      surname: p.surname,
      firstNames: [p.first_names, p.patronymic].filter(Boolean).join(' ') || null,
      nameLatin: [p.surname_latin, p.first_names_latin].filter(Boolean).join(' ') || null,
      fatherFirstName: p.father_first_name,
      motherMaidenName: p.mother_maiden_name,
      nationality: p.nationality,
      lastResidence: p.last_residence,
      dateOfBirth: p.date_of_birth,
      placeOfBirth: p.place_of_birth,
      rank: p.rank,
      serviceNumber: p.service_number,
      nextOfKinAddress: [p.next_of_kin_name, p.next_of_kin_address].filter(Boolean).join(', ') || null,
      takenOn: captured ? [captured.occurred_on, p.capture_place].filter(Boolean).join(', ') : null,
      comingFrom:
        notice.event_type === 'captured' ? null : (events.filter((e) => e.facility).at(-2)?.facility ?? null),
      health: p.health,
      registerNumber: p.register_number,
      camp,
      date: today(clock),
      article: notice.article,
    }
    const died = notice.kind === 'death_notice' ? events.find((e) => e.type === 'died') : undefined
    if (died) {
      const d = (typeof died.details === 'string' ? JSON.parse(died.details) : died.details) as {
        place?: string
        cause?: string
      }
      fields.death = { on: died.occurred_on, place: d?.place ?? null, cause: d?.cause ?? null }
    }
    return { notice, fields }
  }

  const batchJobs = deps.jobs && createBatchJobs({ db, jobs: deps.jobs, prepareBatch })

  return {
    ...createBacklog({ db, clock, write }),
    /** A batch prepared now ({batch}) or, when large and jobs are wired, queued as a job ({jobId}). */
    prepareOrQueue: async (
      actor: Actor,
      input: BatchRequest,
    ): Promise<PreparedOrQueued<Awaited<ReturnType<typeof prepareBatch>>>> =>
      batchJobs ? batchJobs.prepareOrQueue(actor, input) : { batch: await prepareBatch(actor, input) },
    ...createWeeklyPass({ db, clock, write }),
    cardOf,
    list,
    getBatch,
    batches,
    exportBatch,
    fileOf,
    figures,
    prepareBatch,
    markSent: advance('sent'),
    markAcknowledged: advance('acknowledged'),
    withhold,
    findNotice: (id: string) => findNotice(db, id),
    today: () => today(clock),
  }
}

/** Marks the batch's exports so far as the files sent; with none, keeps the fallback CSV as sent. */
async function keepAsSent(
  tx: Db,
  batchId: string,
  actor: Actor,
  now: Date,
  fallback: { bytes: Buffer; fileName: string; signature: { sha256: string } } | null,
) {
  const marked = await tx
    .updateTable('notice_batch_files')
    .set({ sent: true })
    .where('batch_id', '=', batchId)
    .where('sent', '=', false)
    .returning(['file_name', 'sha256'])
    .execute()
  if (marked.length === 0 && fallback) {
    await keepFile(tx, {
      batch_id: batchId,
      format: 'csv',
      file_name: fallback.fileName,
      bytes: fallback.bytes,
      sha256: fallback.signature.sha256,
      signature: JSON.stringify(fallback.signature),
      exported_by: actor.name,
      exported_at: now,
      sent: true,
    })
    marked.push({ file_name: fallback.fileName, sha256: fallback.signature.sha256 })
  }
  return marked.map((f) => ({ file: f.file_name, sha256: f.sha256 }))
}
