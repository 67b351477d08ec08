import type { Db } from '../db/connection'
import * as lists from '../lists/store'
import type { OurRecord, PairRow, RunRow } from './store'

export function presentRun(run: RunRow, listName: string | null) {
  return {
    id: run.id,
    number: Number(run.number),
    listId: run.list_id,
    listName,
    against: run.against as 'missing' | 'custody',
    threshold: run.threshold,
    status: run.status as 'queued' | 'running' | 'done' | 'failed' | 'cancelled',
    progress: { stage: run.stage, done: run.done, total: run.total },
    cancelRequested: Boolean(run.cancel_requested),
    summary: (run.summary ?? null) as Record<string, unknown> | null,
    error: run.error,
    createdBy: run.created_by,
    createdAt: new Date(run.created_at).toISOString(),
    startedAt: run.started_at ? new Date(run.started_at).toISOString() : null,
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
  }
}
export type PresentedRun = ReturnType<typeof presentRun>

/** A row of their list as the list gives it: the fields read, and every cell as written when kept. */
export type TheirRow = {
  rowNo: number
  ref: string
  surname: string
  firstNames: string
  patronymic: string
  dateOfBirth: string
  placeOfBirth: string
  serviceNumber: string
  unit: string
  written: Record<string, string> | null
}

type ListRow = Awaited<ReturnType<typeof lists.listRows>>[number]

export function theirRowOf(r: ListRow): TheirRow {
  const written = (r as { written?: unknown }).written
  return {
    rowNo: r.row_no,
    ref: r.row_ref,
    surname: r.surname,
    firstNames: r.first_names,
    patronymic: r.patronymic,
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    serviceNumber: r.service_number,
    unit: r.unit,
    written: written && typeof written === 'object' ? (written as Record<string, string>) : null,
  }
}

/** Rows of a list by their numbers, through the lists module's paged reader. */
export async function rowsByNumber(db: Db, listId: string, numbers: readonly number[]) {
  const out = new Map<number, TheirRow>()
  const wanted = [...new Set(numbers)].sort((a, b) => a - b)
  // a run of near numbers is read as one page; scattered ones one by one
  for (let i = 0; i < wanted.length; ) {
    const from = wanted[i]!
    let j = i
    while (j + 1 < wanted.length && wanted[j + 1]! - from < 200) j++
    const rows = await lists.listRows(db, listId, from - 1, wanted[j]! - from + 1)
    for (const r of rows) out.set(r.row_no, theirRowOf(r))
    i = j + 1
  }
  return out
}

/** Every row of a list, in file order. */
export async function allRows(db: Db, listId: string): Promise<TheirRow[]> {
  const out: TheirRow[] = []
  for (let after = 0; ; ) {
    const rows = await lists.listRows(db, listId, after, 10_000)
    if (rows.length === 0) return out
    for (const r of rows) out.push(theirRowOf(r))
    after = rows.at(-1)!.row_no
  }
}

export function presentOurs(r: OurRecord) {
  return {
    id: r.id,
    registerNumber: r.register_number,
    surname: r.surname,
    firstNames: r.first_names,
    patronymic: r.patronymic,
    dateOfBirth: r.date_of_birth,
    placeOfBirth: r.place_of_birth,
    serviceNumber: r.service_number,
    unit: r.unit,
    rank: r.rank,
    status: r.status,
    captivity: r.captivity,
  }
}

export type Evidence = {
  fields: { field: string; level: string; weight: number }[]
  prior: number
  weight: number
  probability: number
}

export function presentPair(p: PairRow, theirs: TheirRow | undefined, ours: OurRecord | undefined) {
  return {
    rank: p.rank,
    probability: p.probability,
    matchWeight: p.match_weight,
    above: p.above,
    decision: p.decision as 'accepted' | 'rejected' | 'unsure' | null,
    decidedBy: p.decided_by,
    decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
    eventSeq: p.event_seq,
    evidence: p.evidence as Evidence,
    rowNo: p.row_no,
    rowRef: p.row_ref,
    recordId: p.record_id,
    theirs: theirs ?? null,
    ours: ours ? presentOurs(ours) : null,
  }
}
export type PresentedPair = ReturnType<typeof presentPair>

/** What an analyst may see of a pair: pseudonymised, like the registers (names and numbers left out). */
export function pseudonymisedPair(p: PresentedPair): PresentedPair {
  const hide = <T extends Record<string, unknown> | null>(o: T): T => {
    if (!o) return o
    const out: Record<string, unknown> = { ...o }
    for (const k of ['surname', 'firstNames', 'patronymic', 'serviceNumber', 'placeOfBirth', 'written'])
      delete out[k]
    if (typeof out.dateOfBirth === 'string') out.dateOfBirth = out.dateOfBirth.slice(0, 4)
    return out as T
  }
  return { ...p, theirs: hide(p.theirs), ours: hide(p.ours) }
}
