import type { Db } from '../db/connection'
import { addDays, type Convention, withinDays } from './rules'

const OPEN = ['due', 'prepared']
const SENT = ['sent', 'acknowledged']

/**
 * What a correction of a person's particulars does to the notices about the person:
 * - before sending (due or prepared), each is replaced: superseded, and a copy takes its place with
 *   the same deadline (the Convention's clock started at the event) and, if prepared, in the same
 *   batch, so the batch goes out with the corrected particulars;
 * - after sending, the Agency holds wrong particulars: the latest sent notice that carries them
 *   (the card, the Art. 122 notification of the person falling into our power, the death notice)
 *   is superseded and a new one is due, naming the one it corrects, within the rule's time from
 *   the correction. Notices of later events (a transfer) name the person but are not re-sent.
 */
export async function correctNotices(
  tx: Db,
  personId: string,
  on: string,
  now: Date,
  targetDays: number,
): Promise<{ replaced: number; resent: number }> {
  // read before the update: a prepared one's copy takes the batch the original leaves
  const open = await tx
    .selectFrom('notices')
    .selectAll()
    .where('person_id', '=', personId)
    .where('state', 'in', OPEN)
    .forUpdate()
    .execute()
  if (open.length > 0)
    await tx
      .updateTable('notices')
      .set({ state: 'superseded', batch_id: null, updated_at: now })
      .where(
        'id',
        'in',
        open.map((n) => n.id),
      )
      .execute()
  const sent = await tx
    .selectFrom('notices')
    .selectAll()
    .where('person_id', '=', personId)
    .where('state', 'in', SENT)
    .where((eb) =>
      eb.or([
        eb('kind', 'in', ['capture_card', 'internment_card', 'death_notice']),
        eb.and([eb('kind', '=', 'notification'), eb('event_type', 'in', ['captured', 'confirmed'])]),
      ]),
    )
    .orderBy('occurred_on', 'desc')
    .orderBy('number', 'desc')
    .execute()
  const latest = new Map<string, (typeof sent)[number]>()
  for (const n of sent) if (!latest.has(n.kind)) latest.set(n.kind, n)
  const resend = [...latest.values()]
  if (resend.length > 0)
    await tx
      .updateTable('notices')
      .set({ state: 'superseded', updated_at: now })
      .where(
        'id',
        'in',
        resend.map((n) => n.id),
      )
      .execute()
  const copy = (old: (typeof open)[number]) => ({
    person_id: old.person_id,
    kind: old.kind,
    convention: old.convention,
    article: old.article,
    recipient: old.recipient,
    event_seq: old.event_seq,
    event_type: old.event_type,
    occurred_on: old.occurred_on,
    withheld_from_power: old.withheld_from_power,
    supersedes: old.id,
    created_at: now,
    updated_at: now,
  })
  const rows = [
    ...open.map((old) => ({ ...copy(old), due_on: old.due_on, state: old.state, batch_id: old.batch_id })),
    ...resend.map((old) => ({
      ...copy(old),
      due_on: addDays(on, withinDays(old.kind, old.convention as Convention, targetDays)),
      state: 'due',
      batch_id: null,
    })),
  ]
  if (rows.length > 0) await tx.insertInto('notices').values(rows).execute()
  return { replaced: open.length, resent: resend.length }
}
