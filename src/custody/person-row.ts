import { nameKey } from '../names/key'
import { missingMinimumParticulars } from './completeness'
import type { PersonParticulars } from './model'
import { yearOf } from './partial-date'
import type { NewPersonRow } from './store'

/** Which alphabet a name is written in, kept beside the name as written. */
export function scriptOf(text: string): 'cyrillic' | 'latin' | 'mixed' | 'other' {
  const cyr = /\p{Script=Cyrillic}/u.test(text)
  const lat = /\p{Script=Latin}/u.test(text)
  if (cyr && lat) return 'mixed'
  if (cyr) return 'cyrillic'
  if (lat) return 'latin'
  return 'other'
}

/** The key of the first given name: the one lists agree on when some write a second. */
export function firstNameKey(firstNames: string | null | undefined): string | null {
  const first = firstNames?.trim().split(/\s+/)[0]
  return first ? nameKey(first) : null
}

/** Latin forms of a name for search and lists abroad; injected so the name engine owns the standard. */
export type Romanize = (text: string) => string

/** Columns of the persons table that come from the particulars. */
export function particularsColumns(
  p: Partial<PersonParticulars> & { category?: string },
  romanize: Romanize,
): Partial<NewPersonRow> {
  const cols: Partial<NewPersonRow> = {}
  const set = <K extends keyof NewPersonRow>(k: K, v: NewPersonRow[K] | undefined) => {
    if (v !== undefined) cols[k] = v
  }
  set('category', p.category)
  if (p.surname !== undefined) {
    cols.surname = p.surname
    cols.surname_latin = scriptOf(p.surname) === 'latin' ? p.surname : romanize(p.surname)
    cols.name_script = scriptOf(`${p.surname} ${p.firstNames ?? ''}`)
    cols.surname_key = nameKey(p.surname)
  }
  if ('firstNames' in p) {
    cols.first_names = p.firstNames ?? null
    cols.first_names_latin = p.firstNames
      ? scriptOf(p.firstNames) === 'latin'
        ? p.firstNames
        : romanize(p.firstNames)
      : null
    cols.first_names_key = firstNameKey(p.firstNames)
  }
  if ('patronymic' in p) cols.patronymic_key = p.patronymic ? nameKey(p.patronymic) : null
  const map: [keyof PersonParticulars, keyof NewPersonRow][] = [
    ['patronymic', 'patronymic'],
    ['sex', 'sex'],
    ['rank', 'rank'],
    ['serviceNumber', 'service_number'],
    ['placeOfBirth', 'place_of_birth'],
    ['powerDependedOn', 'power_depended_on'],
    ['nationality', 'nationality'],
    ['fatherFirstName', 'father_first_name'],
    ['motherMaidenName', 'mother_maiden_name'],
    ['lastResidence', 'last_residence'],
    ['distinguishingMarks', 'distinguishing_marks'],
    ['unit', 'unit'],
  ]
  for (const [from, to] of map) if (from in p) (cols as Record<string, unknown>)[to] = p[from] ?? null
  if ('dateOfBirth' in p) {
    cols.date_of_birth = p.dateOfBirth ?? null
    cols.birth_year = yearOf(p.dateOfBirth)
  }
  if ('nextOfKin' in p) {
    cols.next_of_kin_name = p.nextOfKin?.name ?? null
    cols.next_of_kin_address = p.nextOfKin?.address ?? null
  }
  return cols
}

/** Recomputes the completeness flag from the merged particulars. */
export function completenessColumn(merged: {
  category: string
  surname: string
  first_names: string | null
  rank: string | null
  date_of_birth: string | null
  service_number: string | null
  place_of_birth: string | null
  nationality: string | null
}): boolean {
  return (
    missingMinimumParticulars({
      category: merged.category,
      surname: merged.surname,
      firstNames: merged.first_names,
      rank: merged.rank,
      dateOfBirth: merged.date_of_birth,
      serviceNumber: merged.service_number,
      placeOfBirth: merged.place_of_birth,
      nationality: merged.nationality,
    }).length === 0
  )
}
