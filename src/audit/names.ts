import type { ChainedAuditRecord } from './chain'

/**
 * Names for ids, from the module that owns them (persons, facilities, captures; users): an id it
 * does not know is left out.
 */
export type NameLookup = (ids: string[]) => Promise<Record<string, string>>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function isUuid(id: string): boolean {
  return UUID.test(id)
}

/**
 * The ids an entry points at: its subject, and the values of `…Id` / `…Ids` fields before and
 * after (a facility moved to, the capture a person came with), so the trail can show names.
 */
export function referencedIds(
  entries: Pick<ChainedAuditRecord, 'entityId' | 'before' | 'after'>[],
): string[] {
  const ids = new Set<string>()
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 2) return
    for (const [key, v] of Object.entries(value)) {
      if (/Ids?$/.test(key)) {
        for (const id of Array.isArray(v) ? v : [v]) if (typeof id === 'string' && id) ids.add(id)
      } else visit(v, depth + 1)
    }
  }
  for (const e of entries) {
    if (e.entityId) ids.add(e.entityId)
    visit(e.before, 0)
    visit(e.after, 0)
  }
  return [...ids]
}

/** Asks every lookup for the ids at once and merges what they know. */
export async function namesOf(ids: string[], lookups: NameLookup[]): Promise<Record<string, string>> {
  if (ids.length === 0) return {}
  const found = await Promise.all(lookups.map((lookup) => lookup(ids)))
  return Object.assign({}, ...found)
}
