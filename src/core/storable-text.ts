import { type FieldIssue, ValidationError } from './errors'

// NUL cannot be stored in PostgreSQL text or jsonb; half of a UTF-16 surrogate pair is not a
// character at all and cannot be encoded as UTF-8. Either reaching the database is a failed query.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this finds
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Why `text` cannot be stored, in a registrar's words, or null when it can. */
export function unstorableReason(text: string): string | null {
  const m = UNSTORABLE.exec(text)
  if (!m) return null
  return m[0] === '\u0000'
    ? `contains a NUL character (at position ${m.index + 1}), which cannot be stored`
    : `contains half of a character (a lone UTF-16 surrogate at position ${m.index + 1}), which cannot be stored`
}

/**
 * Every string (and object key) in `value` that cannot be stored, with its path (`persons.3.surname`).
 * Stops after `max` issues.
 */
export function unstorableTextIssues(value: unknown, prefix = '', max = 20): FieldIssue[] {
  const issues: FieldIssue[] = []
  const walk = (v: unknown, path: string) => {
    if (issues.length >= max) return
    if (typeof v === 'string') {
      const why = unstorableReason(v)
      if (why) issues.push({ path, message: why })
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(item, path ? `${path}.${i}` : String(i))
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const keyWhy = unstorableReason(k)
        if (keyWhy) issues.push({ path: path || '(body)', message: `a field name ${keyWhy}` })
        else walk(item, path ? `${path}.${k}` : k)
      }
    }
  }
  walk(value, prefix)
  return issues
}

/**
 * Refuses text PostgreSQL would refuse, naming the field, before it reaches a query.
 * @throws ValidationError naming each field
 */
export function assertStorableText(value: unknown, prefix = ''): void {
  const issues = unstorableTextIssues(value, prefix)
  if (issues.length > 0) throw new ValidationError(issues)
}
