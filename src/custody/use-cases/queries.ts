import { notFound } from '../../core/errors'
import { presentPerson } from '../present'
import type * as store from '../store'
import type { CustodyDeps } from './deps'
import { encodeCursor, presentCapture, presentFacility } from './present-register'

/** The register's reads: pages, counts, histories, facilities, captures. */
export function registerQueries({ db, store: s }: CustodyDeps) {
  /** A page of the register; by default the newest registrations first, 100 at a time. */
  async function listPersons(filter: store.PersonFilter, request: Partial<store.PersonPage> = {}) {
    const page: store.PersonPage = { sort: 'registerNumber', direction: 'desc', limit: 100, ...request }
    const rows = await s.listPersons(db, filter, { ...page, limit: page.limit + 1 })
    const more = rows.length > page.limit
    const items = rows.slice(0, page.limit)
    const last = items[items.length - 1]
    return {
      items: items.map(presentPerson),
      nextCursor: more && last ? encodeCursor([s.sortKeyOf(last), last.id]) : null,
    }
  }

  async function countPersons(filter: store.PersonFilter) {
    const cap = 100_000
    const n = await s.countPersons(db, filter, cap)
    return { total: Math.min(n, cap), capped: n > cap }
  }

  async function listEvents(id: string) {
    const row = await s.findPerson(db, id)
    if (!row) throw notFound('Person', id)
    return s.listEventsOf(db, id)
  }

  async function listFacilities() {
    return (await s.listFacilities(db)).map(presentFacility)
  }

  async function listCaptures(limit = 100) {
    return (await s.listCaptures(db, limit)).map((c) => presentCapture(c, c.personCount))
  }

  async function registerCounts() {
    return s.countRegister(db)
  }

  return { listPersons, countPersons, listEvents, listFacilities, listCaptures, registerCounts }
}
