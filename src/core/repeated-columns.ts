import type { FieldIssue } from './errors'

/** Two or more columns whose headers name one field, by position (1-based) and header as written. */
export type RepeatedColumns<C extends string> = { field: C; columns: { position: number; header: string }[] }

/**
 * The fields a header row names more than once ("Фамилия" twice, or "Прізвище" and "Surname").
 * The rule every import follows (docs/decisions.md, session 5, helper B): the header alone does
 * not say which column holds the field, so neither is read by position; a person says which.
 */
export function repeatedColumns<C extends string>(
  header: readonly string[],
  fields: readonly (C | undefined | null)[],
): RepeatedColumns<C>[] {
  const byField = new Map<C, { position: number; header: string }[]>()
  fields.forEach((f, i) => {
    if (f) byField.set(f, [...(byField.get(f) ?? []), { position: i + 1, header: header[i]! }])
  })
  return [...byField].filter(([, cols]) => cols.length > 1).map(([field, columns]) => ({ field, columns }))
}

/** "columns 2 "Фамилия" and 5 "Фамилия"" */
export function columnsWords(columns: readonly { position: number; header: string }[]): string {
  const each = columns.map((c) => `${c.position} "${c.header}"`)
  return `columns ${each.slice(0, -1).join(', ')} and ${each.at(-1)}`
}

/** One issue per repeated field, naming its columns and what the reader can do. */
export function repeatedColumnIssues<C extends string>(
  repeated: readonly RepeatedColumns<C>[],
  fieldWord: (f: C) => string,
  remedy: string,
): FieldIssue[] {
  return repeated.map((r) => ({
    path: columnsWords(r.columns),
    message: `${r.columns.length === 2 ? 'both' : 'all'} name the ${fieldWord(r.field)}, and Parley does not guess which to read: ${remedy}`,
  }))
}
