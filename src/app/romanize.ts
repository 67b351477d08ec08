/**
 * Latin form of a name as written, stored beside it for search and for lists sent abroad.
 * Placeholder until the name engine (src/names) lands: returns the name unchanged.
 */
export function romanizeName(text: string): string {
  return text
}
