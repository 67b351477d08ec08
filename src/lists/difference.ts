import { givenNameGroups, nameKey } from '../names'
import type { ListField } from './columns'

/** A stored row as the comparison of two versions reads it. */
export type ComparedRow = { rowNo: number; ref: string; values: Partial<Record<ListField, string>> }

export type ListDifference = {
  added: ComparedRow[]
  removed: ComparedRow[]
  changed: { key: string; before: ComparedRow; after: ComparedRow; fields: ListField[] }[]
  unchanged: number
}

/** Fields whose change a person deciding on a later version wants to see. */
const COMPARED: ListField[] = [
  'surname',
  'givenName',
  'patronymic',
  'dateOfBirth',
  'placeOfBirth',
  'serviceNumber',
  'rank',
  'unit',
  'sex',
  'citizenship',
  'capturedOn',
  'capturePlace',
]

/**
 * The key a person keeps from one version of a list to the next: the service number when the row
 * has one (it does not change with spelling), else the surname by its cross-script key, the given
 * name by its group of equivalents and the date of birth, so a version retyped in Russian
 * spellings still finds the same rows (the patronymic is left out: lists often omit it).
 */
export function stableKey(v: Partial<Record<ListField, string>>): string {
  const sn = (v.serviceNumber ?? '').toUpperCase().replace(/[\s-]/g, '')
  if (sn) return `sn:${sn}`
  return `p:${nameKey(v.surname ?? '')}|${givenKey(v.givenName ?? '')}|${v.dateOfBirth ?? ''}`
}

/** A given name by its group of equivalents (Олександр = Александр), else by its name key. */
function givenKey(name: string): string {
  const first = name.trim().split(/\s+/)[0] ?? ''
  const groups = givenNameGroups(first)
  return groups.length > 0 ? `g${Math.min(...groups)}` : nameKey(first)
}

/**
 * What changed from an earlier version of a list to a later one: rows added, rows removed, and rows
 * of one person whose particulars differ (by field). Rows sharing a key are paired in file order, so
 * a person listed twice in both versions is two unchanged rows, not an addition.
 */
export function differenceOf(earlier: readonly ComparedRow[], later: readonly ComparedRow[]): ListDifference {
  const pending = new Map<string, ComparedRow[]>()
  for (const r of earlier) {
    const k = stableKey(r.values)
    const list = pending.get(k)
    if (list) list.push(r)
    else pending.set(k, [r])
  }
  const out: ListDifference = { added: [], removed: [], changed: [], unchanged: 0 }
  for (const r of later) {
    const key = stableKey(r.values)
    const before = pending.get(key)?.shift()
    if (!before) {
      out.added.push(r)
      continue
    }
    const fields = COMPARED.filter((f) => (before.values[f] ?? '') !== (r.values[f] ?? ''))
    if (fields.length > 0) out.changed.push({ key, before, after: r, fields })
    else out.unchanged++
  }
  for (const rest of pending.values()) out.removed.push(...rest)
  out.removed.sort((a, b) => a.rowNo - b.rowNo)
  return out
}
