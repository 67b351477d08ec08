/**
 * A count with its noun agreeing ("1 row", "2 rows", "1 person", "3 persons"), for what commands
 * print. English only: the command line speaks English, the web app its reader's language.
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}
