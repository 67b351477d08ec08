import type { PersonView } from '../custody/present'
import type { ListField } from './columns'
import type { RowFlag } from './read-rows'

// The register's field rules (custody/present.ts) in a list row's field names.
const FAMILY: ListField[] = ['fatherName']
const IDENTIFYING: ListField[] = ['surname', 'givenName', 'patronymic', 'placeOfBirth', 'serviceNumber']

type Row = {
  values: Partial<Record<ListField, string>>
  written: Partial<Record<ListField, string>>
  flags: RowFlag[]
}

/**
 * A list row as a reader of this role may see it: the family particulars only for full readers; for
 * a pseudonymised reader (the analyst) no names, numbers or places, and the year of birth only. The
 * flags stay (the reader sees that a value is doubtful) without the text of a hidden field.
 */
export function showListRow<T extends Row>(row: T, view: PersonView): T {
  if (view === 'full') return row
  const hidden = new Set<ListField>(view === 'pseudonymised' ? [...FAMILY, ...IDENTIFYING] : FAMILY)
  const strip = (v: Partial<Record<ListField, string>>) => {
    const out = { ...v }
    for (const f of hidden) delete out[f]
    if (view === 'pseudonymised' && out.dateOfBirth) out.dateOfBirth = out.dateOfBirth.slice(0, 4)
    return out
  }
  return {
    ...row,
    values: strip(row.values),
    written: strip(row.written),
    flags: row.flags.map((f) =>
      hidden.has(f.field) || (view === 'pseudonymised' && f.field === 'dateOfBirth')
        ? { ...f, written: '' }
        : f,
    ),
  }
}
