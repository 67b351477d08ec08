import { prepareName, scorePrepared } from '../names'

/** One of ours who came home in an exchange, as the exchange's sought list knew them. */
export type Returnee = {
  ref: string
  stage: number
  surname: string
  firstNames: string
  patronymic: string
  /** ISO, possibly partial ('1990', '1990-04'); '' when the list gave none we could read */
  dateOfBirth: string
  serviceNumber: string
  sex: 'male' | 'female' | null
  rank: string
  capturedOn: string
  /** the register's record the sought list was built from, when it was */
  missingPersonId: string | null
}

/** A record of the register a returnee may be. */
export type OpenRecord = {
  id: string
  register_number: number
  surname: string
  first_names: string | null
  patronymic: string | null
  date_of_birth: string | null
  service_number: string | null
}

export type ReturneeMatch =
  | { kind: 'linked'; id: string }
  | { kind: 'matched'; id: string; by: 'service_number' | 'date_of_birth'; score: number }
  | { kind: 'none' }

/** Names at least this alike (the counter-list's bar) with a number or a birth date that agree. */
export const RETURN_NAME_SCORE = 0.85

/** Two partial dates agree when one is the other or a part of it ('1990' and '1990-04-02'). */
export function datesAgree(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  return a.startsWith(b) || b.startsWith(a)
}

const sameNumber = (a: string | null, b: string | null) =>
  !!a && !!b && a.replace(/[\s-]/g, '').toUpperCase() === b.replace(/[\s-]/g, '').toUpperCase()

/**
 * Which open record of the register a returnee is: the one the sought list was built from, else
 * the record whose name the name engine finds alike (any alphabet, language forms) and whose
 * service number or date of birth agrees. A service number that disagrees rules a record out; a
 * name alone never matches (namesakes are common), so such a returnee gets a record of their own.
 * Records in `taken` (already matched to another returnee of this exchange) are not candidates.
 */
export function matchReturnee(
  r: Returnee,
  records: readonly OpenRecord[],
  taken: ReadonlySet<string>,
): ReturneeMatch {
  if (r.missingPersonId) return { kind: 'linked', id: r.missingPersonId }
  const name = prepareName({ surname: r.surname, givenName: r.firstNames, patronymic: r.patronymic })
  let best: Extract<ReturneeMatch, { kind: 'matched' }> | null = null
  let bestNumber = Number.POSITIVE_INFINITY
  for (const x of records) {
    if (taken.has(x.id)) continue
    const numberAgrees = sameNumber(r.serviceNumber, x.service_number)
    if (!numberAgrees && r.serviceNumber && x.service_number) continue
    const dateAgrees = datesAgree(r.dateOfBirth, x.date_of_birth)
    if (!numberAgrees && !dateAgrees) continue
    const { score } = scorePrepared(
      name,
      prepareName({ surname: x.surname, givenName: x.first_names, patronymic: x.patronymic }),
    )
    if (score < RETURN_NAME_SCORE) continue
    const by = numberAgrees ? ('service_number' as const) : ('date_of_birth' as const)
    // the number before the date, then the likelier name, then the older record (its reports came first)
    const better =
      !best ||
      (by === 'service_number' && best.by !== 'service_number') ||
      (by === best.by && (score > best.score || (score === best.score && x.register_number < bestNumber)))
    if (better) {
      best = { kind: 'matched', id: x.id, by, score }
      bestNumber = x.register_number
    }
  }
  return best ?? { kind: 'none' }
}

/** The birth-date values a record may hold for these returnees to be found by it (partial dates too). */
export function birthDateKeys(returnees: readonly Returnee[]): { exact: string[]; years: string[] } {
  const exact = new Set<string>()
  const years = new Set<string>()
  for (const r of returnees) {
    const d = r.dateOfBirth
    if (!/^\d{4}/.test(d)) continue
    exact.add(d.slice(0, 4))
    if (d.length >= 7) exact.add(d.slice(0, 7))
    if (d.length >= 10) exact.add(d.slice(0, 10))
    // a returnee known by the year only may be any record born that year
    if (d.length < 10) years.add(d.slice(0, 4))
  }
  return { exact: [...exact], years: [...years] }
}
