import type { Db } from '../db/connection'
import { GIVEN_NAME_GROUPS, givenNameGroups, otherLanguageKeys } from '../names/equivalents'
import { nameKey } from '../names/key'
import { type PreparedName, prepareName, scoreOnly, scorePrepared } from '../names/similarity'
import { parseSearchQuery, type SearchQuery } from './query'
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

type Scored = { c: store.SearchCandidate; score: number; name: PreparedName }

/** Keys a query word may stand for: its own, its given name's other forms, its other language's. */
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
  // day and month written the other way round
  if (query.length === 10 && person.length === 10 && query.slice(0, 4) === person.slice(0, 4)) {
    if (query.slice(5, 7) === person.slice(8, 10) && query.slice(8, 10) === person.slice(5, 7)) return 0.06
  }
  const diff = Math.abs(Number(query.slice(0, 4)) - Number(person.slice(0, 4)))
  if (diff === 0) return 0.03
  if (diff === 1) return person.slice(4) === query.slice(4) ? 0.05 : 0
  return -0.12
}

const GOOD = 0.85

/**
 * Finds persons by name in any script and spelling, by date of birth, or by service number, ranked
 * by how alike they are to what was typed, each with why it matched. Candidates come by name key
 * (exact, then the register's nearest keys for typing errors), narrowed by birth year when a date
 * is given; every candidate is then scored against the whole query.
 */
export function createSearchService({ db }: { db: Db }) {
  async function searchPersons(text: string, limit = 20): Promise<{ query: SearchQuery; hits: SearchHit[] }> {
    const query = parseSearchQuery(text)
    const found = new Map<string, Scored>()
    const wanted = prepareName(query.names.join(' '))
    const fuzzyKeys = new Set<string>()
    const add = (rows: store.SearchCandidate[], bonus = 0) => {
      for (const c of rows) {
        if (found.has(c.id)) continue
        const name = prepareName({ surname: c.surname, givenName: c.first_names, patronymic: c.patronymic })
        const nameScore = query.names.length > 0 ? scoreOnly(wanted, name) : 0.8
        found.set(c.id, {
          c,
          name,
          score: nameScore + birthAgreement(query.dateOfBirth, c.date_of_birth) + bonus,
        })
      }
    }
    // a name that agrees almost entirely and the same date of birth: no need to look further
    const sure = () => {
      for (const s of found.values()) if (s.score >= 1) return true
      return false
    }
    const good = () => {
      let n = 0
      for (const s of found.values()) if (s.score >= GOOD) n++
      return n
    }

    if (query.serviceNumber) add(await store.byServiceNumber(db, query.serviceNumber), 0.3)
    // a date of birth alone ("1996-03-14", "14.03.1996"): everyone born then
    if (query.dateOfBirth && query.names.length === 0 && !query.serviceNumber)
      add(await store.byDateOfBirth(db, query.dateOfBirth))
    if (query.names.length > 0) {
      const keys = new Set(query.names.flatMap(keysOf))
      const year = query.dateOfBirth ? Number(query.dateOfBirth.slice(0, 4)) : undefined
      const years = year ? { from: year - 1, to: year + 1 } : undefined
      // most queries find their person by the words' own keys; only the rest pay for the fuzzy step
      if (query.names.length > 1 && years) add(await store.bySurnameAndFirstName(db, [...keys], years))
      if (!sure()) {
        // the register's own keys nearest to each word: a typing error lands beside the true key
        const words = query.names.map(nameKey).filter((k) => k.length >= 3)
        for (const near of await store.nearestKeys(db, words, 6))
          if (near.similarity >= 0.3 && !keys.has(near.key)) {
            keys.add(near.key)
            fuzzyKeys.add(near.key)
          }
      }
      const keyList = [...keys]
      if (query.names.length > 1 && (fuzzyKeys.size > 0 || !years))
        add(await store.bySurnameAndFirstName(db, keyList, years))
      if (good() < 1) add(await store.bySurname(db, keyList, years))
      // a date of birth that is wrong by more than a year must not hide the person
      if (years && good() < 1 && query.names.length > 1)
        add(await store.bySurnameAndFirstName(db, keyList, undefined))
    }

    const ranked = [...found.values()]
      .sort((a, b) => b.score - a.score || Number(a.c.register_number) - Number(b.c.register_number))
      .slice(0, limit)
    return { query, hits: ranked.map((s) => present(s, query, wanted, fuzzyKeys)) }
  }

  return { searchPersons }
}
export type SearchService = ReturnType<typeof createSearchService>

function present(
  { c, score, name }: Scored,
  query: SearchQuery,
  wanted: PreparedName,
  fuzzyKeys: Set<string>,
): SearchHit {
  const bySpelling = fuzzyKeys.has(c.surname_key ?? '') || fuzzyKeys.has(c.first_names_key ?? '')
  const byNumber = !!query.serviceNumber && c.service_number === query.serviceNumber
  return {
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
    matchedBy: byNumber ? 'service number' : bySpelling ? 'similar spelling' : 'name key',
    reasons: [
      ...(byNumber ? [`service number ${c.service_number}`] : []),
      ...(query.names.length > 0 ? scorePrepared(wanted, name).reasons : []),
      ...(query.dateOfBirth && c.date_of_birth
        ? [`born ${c.date_of_birth} (asked ${query.dateOfBirth})`]
        : []),
    ],
  }
}
