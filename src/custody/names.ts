import { isUuid } from '../audit/names'
import type { Db } from '../db/connection'

/**
 * The names of persons, facilities and captures among `ids`, as the audit trail shows them: a
 * person as "surname first names (No. n)", a facility by its name, a capture by its place and day.
 */
export async function custodyNamesOf(db: Db, ids: string[]): Promise<Record<string, string>> {
  const uuids = ids.filter(isUuid)
  if (uuids.length === 0) return {}
  const [persons, facilities, captures] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['id', 'surname', 'first_names', 'register_number'])
      .where('id', 'in', uuids)
      .execute(),
    db.selectFrom('facilities').select(['id', 'name']).where('id', 'in', uuids).execute(),
    db.selectFrom('captures').select(['id', 'place', 'captured_on']).where('id', 'in', uuids).execute(),
  ])
  const out: Record<string, string> = {}
  for (const p of persons)
    out[p.id] = `${[p.surname, p.first_names].filter(Boolean).join(' ')} (№ ${Number(p.register_number)})`
  for (const f of facilities) out[f.id] = f.name
  for (const c of captures) out[c.id] = `${c.place}, ${dayOf(c.captured_on)}`
  return out
}

function dayOf(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)
}
