/**
 * A field path as the operator reads it: `row 2.date_of_birth` and `persons.3.dateOfBirth` become
 * "row 2, date of birth" and "persons 3, date of birth", so every message names fields one way,
 * in words, whichever layer (a file's header, a schema's key) reported them.
 */
export function fieldWords(path: string): string {
  if (path === '' || path.startsWith('-')) return path
  const parts: string[] = []
  for (const segment of path.split('.')) {
    // only the code's spellings change: a column named as in the file (ПІБ, Name) stays as it is
    const words = segment
      .replace(/([a-z0-9])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`)
      .replace(/_/g, ' ')
      .trim()
    // an index belongs to the collection before it: "persons 3", not "persons, 3"
    if (/^\d+$/.test(words) && parts.length > 0) parts[parts.length - 1] += ` ${words}`
    else if (words) parts.push(words)
  }
  return parts.join(', ')
}
