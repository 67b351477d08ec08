import { notFound } from '../core/errors'
import type { Db } from '../db/connection'
import { prepareName, scorePrepared } from '../names'
import { recordsAlike } from './merge-store'
import { presentMissing } from './present'
import { datesAgree } from './returns'
import * as store from './store'

/** Names at least this alike count as one person's when a number or a birth date agrees too. */
export const DUPLICATE_NAME_SCORE = 0.85
/** Names this alike are shown even with nothing else to go on (a family may not know the date). */
export const DUPLICATE_NAME_ALONE = 0.95

export type DuplicateEvidence = 'service_number' | 'date_of_birth' | 'name'

const sameNumber = (a: string | null, b: string | null) =>
  !!a && !!b && a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase()

/**
 * Records of the register that may be the same person as `r`, likeliest first: the name engine
 * (any alphabet, language forms) on the names, with the service number and date of birth as the
 * evidence beside it. A service number that disagrees rules a record out; a name alone must be
 * nearly the same to be shown, since namesakes are common.
 */
export function rankDuplicates(r: store.MissingRow, candidates: readonly store.MissingRow[], limit = 10) {
  const name = prepareName({ surname: r.surname, givenName: r.first_names, patronymic: r.patronymic })
  const out: { row: store.MissingRow; score: number; evidence: DuplicateEvidence[] }[] = []
  for (const x of candidates) {
    const numberAgrees = sameNumber(r.service_number, x.service_number)
    if (!numberAgrees && r.service_number && x.service_number) continue
    const dateAgrees = datesAgree(r.date_of_birth, x.date_of_birth)
    if (
      !dateAgrees &&
      r.date_of_birth &&
      x.date_of_birth &&
      r.date_of_birth.slice(0, 4) !== x.date_of_birth.slice(0, 4)
    )
      continue
    const { score } = scorePrepared(
      name,
      prepareName({ surname: x.surname, givenName: x.first_names, patronymic: x.patronymic }),
    )
    const bar = numberAgrees || dateAgrees ? DUPLICATE_NAME_SCORE : DUPLICATE_NAME_ALONE
    if (score < bar) continue
    const evidence: DuplicateEvidence[] = ['name']
    if (numberAgrees) evidence.push('service_number')
    if (dateAgrees) evidence.push('date_of_birth')
    out.push({ row: x, score, evidence })
  }
  return out.sort((a, b) => b.evidence.length - a.evidence.length || b.score - a.score).slice(0, limit)
}

/** The possible duplicates of one record, for its page. @throws NOT_FOUND */
export async function possibleDuplicates(db: Db, id: string) {
  const r = await store.findMissing(db, id)
  if (!r) throw notFound('Missing person', id)
  if (r.merged_into) return []
  return rankDuplicates(r, await recordsAlike(db, r)).map((d) => ({
    person: presentMissing(d.row),
    score: Math.round(d.score * 1000) / 1000,
    evidence: d.evidence,
  }))
}
