import type { Side } from '../model'
import type { SideDifference } from '../rounds'
import type { RowMatch } from './match'

export type Named = { ref: string; name: string }
export type NamedDifference = {
  added: Named[]
  removed: Named[]
  substituted: { out: Named; in: Named; by: 'operator' | 'list' | null }[]
  /** rows of their list that name no one of our pools: as written, with the nearest persons */
  unmatched: { line: number; written: string; status: string; nearest: Named[] }[]
  /** rows naming a person an earlier row already named */
  repeated: { line: number; written: string; ref: string }[]
}

/** A person's label as a negotiator recognises them: surname, given names, date of birth. */
export type Label = { surname: string; firstNames: string; dateOfBirth: string | null }
export const labelOf = (l: Label | undefined, ref: string) =>
  l ? `${l.surname} ${l.firstNames}${l.dateOfBirth ? ` (${l.dateOfBirth})` : ''}`.trim() : ref

/** The difference of two rounds by name, with the rows of their list that matched no one. */
export function nameDifference(
  diff: Record<Side, SideDifference>,
  matches: readonly RowMatch[],
  nameOf: (ref: string) => string,
): Record<Side, NamedDifference> {
  const named = (ref: string): Named => ({ ref, name: nameOf(ref) })
  const writtenOf = (m: RowMatch) =>
    `${m.written.surname} ${m.written.firstNames}${m.written.dateOfBirth ? ` (${m.written.dateOfBirth})` : ''}`.trim()
  const side = (s: Side): NamedDifference => ({
    added: diff[s].added.map(named),
    removed: diff[s].removed.map(named),
    substituted: diff[s].substituted.map((x) => ({ out: named(x.out), in: named(x.in), by: x.by ?? null })),
    unmatched: matches
      .filter((m) => m.side === s && (m.status === 'unmatched' || m.status === 'ambiguous'))
      .map((m) => ({
        line: m.line,
        written: writtenOf(m),
        status: m.status,
        nearest: m.nearest.map((n) => named(n.ref)),
      })),
    repeated: matches
      .filter((m) => m.side === s && m.status === 'repeated')
      .map((m) => ({ line: m.line, written: writtenOf(m), ref: m.match!.ref })),
  })
  return { give: side('give'), receive: side('receive') }
}
