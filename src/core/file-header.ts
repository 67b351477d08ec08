import { type FieldIssue, ValidationError } from './errors'

/** A header as users write it: "Date of birth", "дата-народження " and "date_of_birth" are one. */
export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-'ʼ’`]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

export type MappedHeader<C extends string> = {
  /** the field of each column, in order; undefined where no field claims the header */
  fields: (C | undefined)[]
  unknown: string[]
  duplicated: string[]
}

/** A reader of header rows for one kind of file, from each field's headers in uk/ru/en. */
export function headerReader<C extends string>(columns: Record<C, readonly string[]>) {
  const byAlias = new Map<string, C>(
    (Object.entries(columns) as [C, readonly string[]][]).flatMap(([field, aliases]) =>
      aliases.map((a) => [normaliseHeader(a), field] as const),
    ),
  )
  return (header: string[]): MappedHeader<C> => {
    const fields = header.map((h) => byAlias.get(normaliseHeader(h)))
    const unknown = header.filter((h, i) => !fields[i] && h.trim() !== '')
    const seen = new Set<C>()
    const duplicated: string[] = []
    fields.forEach((f, i) => {
      if (!f) return
      if (seen.has(f)) duplicated.push(header[i]!)
      seen.add(f)
    })
    return { fields, unknown, duplicated }
  }
}

/**
 * Refuses a header row that cannot be read: unknown columns (listing the known ones), a second
 * column for one field, a required field without a column.
 * @throws ValidationError naming each column
 */
export function refuseUnreadableHeader<C extends string>(
  mapped: MappedHeader<C>,
  columns: Record<C, readonly string[]>,
  required: readonly { field: C; path: string; message: string }[],
): void {
  const known = Object.values<readonly string[]>(columns)
    .map((a) => a[0])
    .join(', ')
  const issues: FieldIssue[] = [
    ...mapped.unknown.map((h) => ({ path: `column ${h}`, message: `unknown column (known: ${known})` })),
    ...mapped.duplicated.map((h) => ({ path: `column ${h}`, message: 'a second column for the same field' })),
    ...required
      .filter((r) => !mapped.fields.includes(r.field))
      .map(({ path, message }) => ({ path, message })),
  ]
  if (issues.length > 0)
    throw new ValidationError(
      issues,
      `The file's columns cannot be read: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    )
}
