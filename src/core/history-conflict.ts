import { DomainError } from './errors'

type Dated = { seq: number; type: string; occurredOn: string }

/**
 * Refuses an event that would make a dated history impossible (a custody record's or a missing
 * person's), in the same words for both: the new event and the one it conflicts with.
 * @param conflict the fold's conflict: the first event that could not follow, and what it followed
 * @param addedSeq the sequence number the new event was given
 * @throws DomainError INVALID_TRANSITION, with the conflicting event in `details.conflictsWith`
 */
export function refuseHistoryConflict<R, E extends R & Dated>(
  added: R,
  addedSeq: number,
  conflict: { event: E; after: E | null; reason: string },
  words: (e: R) => string,
): never {
  const { event: bad, after, reason } = conflict
  const said = words(added)
  const what = `${said[0]!.toUpperCase()}${said.slice(1)} cannot be recorded`
  const message =
    bad.seq === addedSeq
      ? after
        ? `${what}: after ${words(after)}, ${reason}`
        : `${what}: ${reason}`
      : `${what}: it would make ${words(bad)} impossible (${reason})`
  const conflictsWith = bad.seq === addedSeq ? after : bad
  throw new DomainError('INVALID_TRANSITION', message, {
    details: conflictsWith
      ? {
          conflictsWith: {
            seq: conflictsWith.seq,
            type: conflictsWith.type,
            occurredOn: conflictsWith.occurredOn,
          },
        }
      : undefined,
  })
}
