import type { Db } from '../db/connection'
import { GIVEN_NAME_GROUPS, givenNameGroups, otherLanguageKeys } from '../names/equivalents'
import { nameKey } from '../names/key'
import { type PreparedName, prepareName, scoreOnly, scorePrepared } from '../names/similarity'
import { parseSearchQuery } from './query'
import * as store from './store'

export type SearchHit = {
  id: string
  registerNumber: number
  surname: string
  firstNames: string | null
  patronymic: string | null
  latin: string
  dateOfBirth: string | null
  serviceNumber: string | null
  status: string
  confirmation: string
  facilityId: string | null
  score: number
  matchedBy: 'service number' | 'name key' | 'similar spelling'
  reasons: string[]
}

type Scored = {
  c: store.SearchCandidate
  score: number
  matchedBy: SearchHit['matchedBy']
  name: PreparedName
}

/** Every key a query word may stand for: its own, its given name's other forms, its other language's. */
function keysOf(word: string): string[] {
  const keys = new Set([nameKey(word), ...otherLanguageKeys(word)])
  for (const id of givenNameGroups(word)) {
    const g = GIVEN_NAME_GROUPS[id]!
    for (const form of [...g.uk, ...g.ru, ...g.latin]) keys.add(nameKey(form))
  }
  keys.delete('')
  return [...keys]
}

/** How a date of birth in the query agrees with the person's: a match lifts, a clash lowers. */
function birthAgreement(query: string | undefined, person: string | null): number {
  if (!query || !person) return 0
  if (person === query || person.startsWith(query) || query.startsWith(person)) return 0.08
  const year = Number(query.slice(0, 4))
  const theirs = Number(person.slice(0, 4))
  if (year === theirs) return 0.03
  if (Math.abs(year - theirs) === 1) return 0
  return -0.12
}

/**
 * Finds persons by name in any script and spelling, by date of birth, or by service number, ranked
 * by how alike they are to what was typed, each with why it matched.
 */
export function createSearchService({ db }: { db: Db }) {
  async function searchPersons(
    text: string,
    limit = 20,
  ): Promise<{ query: ReturnType<typeof parseSearchQuery>; hits: SearchHit[] }> {
    const query = parseSearchQuery(text)
    const found = new Map<string, Scored>()
    const wanted = prepareName(query.names.join(' '))
    const add = (rows: store.SearchCandidate[], matchedBy: SearchHit['matchedBy']) => {
      for (const c of rows) {
        if (found.has(c.id)) continue
        const name = prepareName({ surname: c.surname, givenName: c.first_names, patronymic: c.patronymic })
        const score =
          matchedBy === 'service number' && query.names.length === 0
            ? 1
            : scoreOnly(wanted, name) +
              birthAgreement(query.dateOfBirth, c.date_of_birth) +
              (matchedBy === 'service number' ? 0.2 : 0)
        found.set(c.id, { c, score, matchedBy, name })
      }
    }

    if (query.serviceNumber) add(await store.byServiceNumber(db, query.serviceNumber), 'service number')
    if (query.names.length > 0) {
      const keys = [...new Set(query.names.flatMap(keysOf))]
      const birthYear = query.dateOfBirth ? Number(query.dateOfBirth.slice(0, 4)) : undefined
      if (query.names.length > 1) add(await store.bySurnameAndFirstName(db, keys), 'name key')
      if (found.size < limit * 2) add(await store.bySurname(db, keys, birthYear), 'name key')
      const good = [...found.values()].filter((s) => s.score >= 0.9).length
      if (good < limit) {
        // typing errors: the nearest surname keys to each word long enough to carry one
        for (const word of query.names) {
          const key = nameKey(word)
          if (key.length >= 3) add(await store.bySimilarSurname(db, key), 'similar spelling')
        }
      }
    }

    const ranked = [...found.values()]
      .sort((a, b) => b.score - a.score || Number(a.c.register_number) - Number(b.c.register_number))
      .slice(0, limit)
    return {
      query,
      hits: ranked.map(({ c, score, matchedBy, name }) => ({
        id: c.id,
        registerNumber: Number(c.register_number),
        surname: c.surname,
        firstNames: c.first_names,
        patronymic: c.patronymic,
        latin: [c.surname_latin, c.first_names_latin].filter(Boolean).join(' '),
        dateOfBirth: c.date_of_birth,
        serviceNumber: c.service_number,
        status: c.status,
        confirmation: c.confirmation,
        facilityId: c.facility_id,
        score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000,
        matchedBy,
        reasons: [
          ...(matchedBy === 'service number' ? [`service number ${c.service_number}`] : []),
          ...(query.names.length > 0 ? scorePrepared(wanted, name).reasons : []),
          ...(query.dateOfBirth && c.date_of_birth
            ? [`born ${c.date_of_birth} (asked ${query.dateOfBirth})`]
            : []),
        ],
      })),
    }
  }

  return { searchPersons }
}
export type SearchService = ReturnType<typeof createSearchService>
