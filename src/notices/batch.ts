import type { AuditInput } from '../audit/store'
import type { Actor } from '../auth/actor'
import { ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { mayJoinBatch, type Recipient, recipientWord } from './rules'
import { type BatchRow, OPEN_STATES } from './store'

/** What a liaison asks to batch: the named due notices, or every one due to the recipient. */
export type BatchRequest = { recipient: Recipient; noticeIds?: string[] }

type Candidate = {
  id: string
  number: number
  state: string
  recipient: string
  withheld_from_power: boolean
}

/** Why a named notice may not join a batch to `recipient`, or null when it may. */
function refusal(n: Candidate | undefined, id: string, recipient: Recipient): string | null {
  if (!n) return `no notice ${id}`
  if (n.state !== 'due') return `notice ${n.number} is ${n.state}, not due`
  const why = mayJoinBatch({ recipient: n.recipient, withheldFromPower: n.withheld_from_power }, recipient)
  return why ? `notice ${n.number} may not go to the ${recipientWord(recipient)}: ${why}` : null
}

const CANDIDATE = ['id', 'number', 'state', 'recipient', 'withheld_from_power'] as const

/**
 * Checks named notices (`offset` numbers their paths in the request), locking them when
 * `forUpdate`: every one must be due and allowed to go to the recipient.
 * @throws ValidationError naming each notice that may not join, by its path noticeIds.N
 */
export async function checkNamed(
  tx: Db,
  recipient: Recipient,
  ids: readonly string[],
  opts: { forUpdate?: boolean; offset?: number } = {},
): Promise<string[]> {
  if (ids.length === 0) return []
  let q = tx.selectFrom('notices').select(CANDIDATE).where('id', 'in', ids)
  if (opts.forUpdate) q = q.forUpdate()
  const found = new Map((await q.execute()).map((n) => [n.id, n]))
  const issues = ids.flatMap((id, i) => {
    const why = refusal(found.get(id), id, recipient)
    return why ? [{ path: `noticeIds.${(opts.offset ?? 0) + i}`, message: why }] : []
  })
  if (issues.length > 0) throw new ValidationError(issues)
  return [...found.keys()]
}

/** The notices due to the recipient now (not the Art. 137 ones for the Power), earliest deadline first. */
export function dueTo(tx: Db, recipient: Recipient) {
  let q = tx
    .selectFrom('notices')
    .select(['id', 'due_on', 'number'])
    .where('state', '=', 'due')
    .where('recipient', '=', recipient)
  if (recipient === 'power') q = q.where('withheld_from_power', '=', false)
  return q.orderBy('due_on').orderBy('number')
}

export const noneDue = (recipient: Recipient) =>
  new ValidationError([
    { path: 'recipient', message: `no notices are due to the ${recipientWord(recipient)}` },
  ])

/**
 * Writes the batch: a new prepared batch holding `ids`, each notice moved to prepared in it, and
 * the one audit entry naming every notice and person. The caller has locked and checked the notices.
 */
export async function writeBatch(
  tx: Db,
  actor: Actor,
  recipient: Recipient,
  ids: readonly string[],
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<{ batch: BatchRow; count: number; audit: AuditInput }> {
  const batch = await tx
    .insertInto('notice_batches')
    .values({ recipient, state: 'prepared', prepared_by: actor.name, prepared_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
  const notices = []
  for (let i = 0; i < ids.length; i += 400) {
    notices.push(
      ...(await tx
        .updateTable('notices')
        .set({ state: 'prepared', batch_id: batch.id, updated_at: now })
        .where('id', 'in', ids.slice(i, i + 400))
        .returning(['number', 'person_id'])
        .execute()),
    )
  }
  return {
    batch,
    count: notices.length,
    audit: {
      actorId: actor.id,
      actorName: actor.name,
      action: 'notices.batch.prepare',
      entityType: 'notice_batch',
      entityId: batch.id,
      before: null,
      after: {
        recipient: batch.recipient,
        count: notices.length,
        notices: notices.map((n) => n.number),
        persons: [...new Set(notices.map((n) => n.person_id))],
        ...extra,
      },
    },
  }
}

/**
 * Of the notices a job chose, locks those still due and allowed to the recipient (another batch
 * may have taken some meanwhile; a withholding may have barred some from the Power) and answers
 * their ids, in the order chosen.
 */
export async function stillDue(tx: Db, recipient: Recipient, ids: readonly string[]): Promise<string[]> {
  const kept = new Set<string>()
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = await tx
      .selectFrom('notices')
      .select(CANDIDATE)
      .where('id', 'in', ids.slice(i, i + 2000))
      .where('state', 'in', [...OPEN_STATES])
      .forUpdate()
      .execute()
    for (const n of rows) if (!refusal(n, n.id, recipient)) kept.add(n.id)
  }
  return ids.filter((id) => kept.has(id))
}
