import { DomainError } from '../core/errors'
import type { Db } from '../db/connection'
import * as lists from '../lists/store'
import { allRows, rowsByNumber, type TheirRow } from './present'
import * as store from './store'

/** Statuses of our record that say the person is no longer where their list puts them. */
const GONE: Record<string, readonly string[]> = {
  missing: ['returned', 'dead', 'found'],
  custody: ['released', 'repatriated', 'exchanged', 'died', 'escaped'],
}

/** Particulars compared between two lists that name one person. */
const COMPARED = ['dateOfBirth', 'serviceNumber', 'unit', 'placeOfBirth', 'patronymic'] as const

const ourName = (o: store.OurRecord) => [o.surname, o.first_names, o.patronymic].filter(Boolean).join(' ')
const theirName = (r: TheirRow) => [r.surname, r.firstNames, r.patronymic].filter(Boolean).join(' ')
const theirRow = (r: TheirRow) => ({
  rowNo: r.rowNo,
  ref: r.ref,
  name: theirName(r),
  dateOfBirth: r.dateOfBirth,
  unit: r.unit,
})

/** Rows of the "reported missing, on no list" class the page shows; the XLSX has them all. */
export const PAGE_LIMIT = 500

/**
 * The discrepancy report of a finished reconciliation, in five classes: on their list but unknown
 * to us; ours reported missing but absent from every list reconciled so far; on their list though
 * our record says back home or dead; listed twice in their list; one person whose particulars two
 * lists give differently. A pair counts as a link when accepted, or above the threshold and not
 * rejected: the report is useful before every pair is decided, and says which links are decided.
 */
export async function discrepancyReport(db: Db, runId: string, opts: { limit?: number } = {}) {
  const limit = opts.limit ?? PAGE_LIMIT
  const run = await store.getRun(db, runId)
  if (!run) throw new DomainError('NOT_FOUND', `reconciliation ${runId} was not found`)
  if (run.status !== 'done')
    throw new DomainError(
      'CONFLICT',
      `reconciliation ${run.number} is ${run.status}: its report exists once it is done`,
    )
  const list = await lists.getList(db, run.list_id)
  const rows = await allRows(db, run.list_id)
  const pairs = await store.pairsOf(db, runId, {})
  const links = pairs.filter((p) => p.decision === 'accepted' || (p.above && p.decision !== 'rejected'))
  const best = new Map<string, store.PairRow>()
  for (const p of links) {
    const b = best.get(p.row_ref)
    if (!b || (p.decision === 'accepted' && b.decision !== 'accepted')) best.set(p.row_ref, p)
  }
  const bestBelow = new Map<string, number>()
  for (const p of pairs)
    if (!p.above && p.decision !== 'rejected')
      bestBelow.set(p.row_ref, Math.max(bestBelow.get(p.row_ref) ?? 0, p.probability))
  const ours = await store.recordsById(
    db,
    run.against,
    links.map((p) => p.record_id),
  )

  const unknownToUs = rows
    .filter((r) => !best.has(r.ref))
    .map((r) => ({ ...theirRow(r), bestBelow: bestBelow.get(r.ref) ?? null }))

  const byRef = new Map(rows.map((r) => [r.ref, r]))
  const gone = GONE[run.against] ?? []
  const listedButGone = [...best.values()]
    .map((p) => ({ p, o: ours.get(p.record_id) }))
    .filter(({ o }) => o && gone.includes(o.status))
    .map(({ p, o }) => ({
      row: theirRow(byRef.get(p.row_ref)!),
      recordId: o!.id,
      registerNumber: o!.register_number,
      name: ourName(o!),
      status: o!.status,
      decided: p.decision === 'accepted',
    }))

  const listedTwice = (await store.duplicatesOf(db, runId)).map((g) => ({
    group: g.group_no,
    rows: (g.row_refs as string[])
      .map((ref) => byRef.get(ref))
      .filter((r): r is TheirRow => !!r)
      .map(theirRow),
  }))

  const missingOnNoList =
    run.against === 'missing' ? await store.missingOnNoList(db, limit) : { rows: [], total: 0 }

  const disagreements = await disagreementsBetweenLists(db, run, [...best.values()], byRef, ours)

  return {
    reconciliation: {
      id: run.id,
      number: Number(run.number),
      against: run.against,
      listId: run.list_id,
      listName: list?.name ?? null,
    },
    unknownToUs: { total: unknownToUs.length, rows: unknownToUs.slice(0, limit) },
    missingOnNoList: {
      total: missingOnNoList.total,
      rows: missingOnNoList.rows.map((m) => ({
        recordId: m.id,
        registerNumber: m.register_number,
        name: [m.surname, m.first_names].filter(Boolean).join(' '),
        dateOfBirth: m.date_of_birth,
        unit: m.unit,
        captivity: m.captivity,
      })),
    },
    listedButGone: { total: listedButGone.length, rows: listedButGone.slice(0, limit) },
    listedTwice: { total: listedTwice.length, rows: listedTwice.slice(0, limit) },
    disagreeBetweenLists: { total: disagreements.length, rows: disagreements.slice(0, limit) },
  }
}
export type DiscrepancyReport = Awaited<ReturnType<typeof discrepancyReport>>

/**
 * Persons this list and another list both name (linked to one record of ours) whose particulars
 * the two lists give differently: a date of birth, a service number, a unit. Empty on either side
 * is not a disagreement; it is only not known.
 */
async function disagreementsBetweenLists(
  db: Db,
  run: store.RunRow,
  links: store.PairRow[],
  byRef: Map<string, TheirRow>,
  ours: Map<string, store.OurRecord>,
) {
  const recordIds = links.map((p) => p.record_id)
  const elsewhere = (await store.linkedPairs(db, run.against, recordIds)).filter(
    (p) => p.list_id !== run.list_id,
  )
  if (elsewhere.length === 0) return []
  const otherRows = new Map<string, Map<number, TheirRow>>()
  for (const listId of new Set(elsewhere.map((p) => p.list_id)))
    otherRows.set(
      listId,
      await rowsByNumber(
        db,
        listId,
        elsewhere.filter((p) => p.list_id === listId).map((p) => p.row_no),
      ),
    )
  const names = new Map<string, string>()
  const out = []
  const seen = new Set<string>()
  for (const p of links) {
    const mine = byRef.get(p.row_ref)
    const o = ours.get(p.record_id)
    if (!mine || !o) continue
    for (const e of elsewhere.filter((x) => x.record_id === p.record_id)) {
      const key = `${p.row_ref}|${e.list_id}|${e.row_no}`
      if (seen.has(key)) continue
      seen.add(key)
      const other = otherRows.get(e.list_id)?.get(e.row_no)
      if (!other) continue
      const fields = COMPARED.filter(
        (f) => mine[f] && other[f] && mine[f].trim().toLowerCase() !== other[f].trim().toLowerCase(),
      )
      if (fields.length === 0) continue
      if (!names.has(e.list_id)) names.set(e.list_id, (await lists.getList(db, e.list_id))?.name ?? e.list_id)
      out.push({
        recordId: o.id,
        registerNumber: o.register_number,
        name: ourName(o),
        row: theirRow(mine),
        other: { listId: e.list_id, listName: names.get(e.list_id)!, ...theirRow(other) },
        fields: fields.map((f) => ({ field: f, here: mine[f], there: other[f] })),
      })
    }
  }
  return out
}
