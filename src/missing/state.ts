import { DomainError } from '../core/errors'
import { refuseHistoryConflict } from '../core/history-conflict'
import type { MissingEvent, MissingEventType } from './events'
import { effectiveHistory } from './history'

/**
 * Where a sought person stands: missing until returned, found or confirmed dead, whatever is learnt
 * of their captivity meanwhile (the brief, section 7.7: keep a person "missing" even when captivity
 * is confirmed but the place is unknown).
 */
export const MISSING_STATUSES = ['missing', 'returned', 'dead', 'found'] as const
export type MissingStatus = (typeof MISSING_STATUSES)[number]

/** What is known of their captivity, apart from the status: none, indicated or confirmed. */
export const CAPTIVITY = ['none', 'indicated', 'confirmed'] as const
export type Captivity = (typeof CAPTIVITY)[number]

export type MissingState = {
  status: MissingStatus | 'none'
  captivity: Captivity
  /** A death reported by a source not sure enough to close the case: the person stays missing. */
  deathReported: boolean
  bodyRepatriated: boolean
  /** The facility the person was last seen in, when one was named. */
  lastFacility: string | null
  lastEventOn: string | null
  eventCount: number
}

export const INITIAL_MISSING_STATE: MissingState = {
  status: 'none',
  captivity: 'none',
  deathReported: false,
  bodyRepatriated: false,
  lastFacility: null,
  lastEventOn: null,
  eventCount: 0,
}

type RuleEvent = Omit<MissingEvent, 'seq'>

const WORD: Record<MissingEventType, string> = {
  reported_missing: 'report of going missing',
  captivity_indicated: 'indication of captivity',
  captivity_confirmed: 'confirmation of captivity',
  seen_in_facility: 'sighting in a facility',
  returned: 'return',
  died: 'death',
  body_repatriated: 'repatriation of the body',
  found: 'finding',
}

const STATE_WORDS: Record<MissingStatus | 'none', string> = {
  none: 'not yet reported missing',
  missing: 'missing',
  returned: 'back home',
  dead: 'confirmed dead',
  found: 'found',
}

/** "the return of 2026-03-01": how an error names an event of the history. */
export function missingEventWords(e: { type: MissingEventType; occurredOn: string }): string {
  return `the ${WORD[e.type]} of ${e.occurredOn}`
}

/** A death closes the case only when its source is sure; a rumour of death leaves the person missing. */
const closesAsDead = (e: RuleEvent) =>
  e.type === 'body_repatriated' || (e.type === 'died' && e.confidence === 'high')

/** Why `event` cannot follow `state`, in a tracer's words; undefined when it can. */
export function refusalOf(state: MissingState, event: RuleEvent): string | undefined {
  const s = state.status
  if (event.type === 'reported_missing') {
    if (s === 'none' || s === 'missing') return undefined
    return `a person who is ${STATE_WORDS[s]} cannot be reported missing again in the same record`
  }
  if (s === 'none') return 'nothing can be known of a person before they went missing'
  if (event.type === 'body_repatriated') {
    if (state.bodyRepatriated) return 'the body was already repatriated'
    if (s === 'missing' || s === 'dead') return undefined
    return `a person who is ${STATE_WORDS[s]} has no body to repatriate`
  }
  if (s === 'missing') return undefined
  if (s === 'dead' && event.type === 'died') return 'the death is already confirmed'
  return `a ${WORD[event.type]} cannot follow for a person who is ${STATE_WORDS[s]}`
}

/** Applies one event `refusalOf` accepted. */
export function applyEvent(state: MissingState, event: RuleEvent): MissingState {
  const next: MissingState = { ...state, lastEventOn: event.occurredOn, eventCount: state.eventCount + 1 }
  switch (event.type) {
    case 'reported_missing':
      next.status = 'missing'
      break
    case 'captivity_indicated':
      if (next.captivity === 'none') next.captivity = 'indicated'
      break
    case 'captivity_confirmed':
      next.captivity = 'confirmed'
      break
    case 'seen_in_facility':
      if (next.captivity === 'none') next.captivity = 'indicated'
      next.lastFacility = String(event.details.facility ?? '') || null
      break
    case 'returned':
      next.status = 'returned'
      break
    case 'found':
      next.status = 'found'
      break
    case 'died':
      if (closesAsDead(event)) next.status = 'dead'
      else next.deathReported = true
      break
    case 'body_repatriated':
      next.status = 'dead'
      next.bodyRepatriated = true
      break
  }
  return next
}

/** Events in the order they happened: by date, then by the order they were recorded. */
export function inHistoryOrder<E extends MissingEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) =>
    a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.seq - b.seq,
  )
}

export type MissingConflict = { event: MissingEvent; after: MissingEvent | null; reason: string }

/**
 * Folds a history in date order, or names the first event that cannot happen where it stands.
 * Corrected events are read as corrected and retracted ones not at all (history.ts).
 */
export function foldMissing(
  events: readonly MissingEvent[],
): { ok: true; state: MissingState } | { ok: false; conflict: MissingConflict } {
  let state = INITIAL_MISSING_STATE
  let before: MissingEvent | null = null
  for (const event of inHistoryOrder(effectiveHistory(events))) {
    const reason = refusalOf(state, event)
    if (reason) return { ok: false, conflict: { event, after: before, reason } }
    state = applyEvent(state, event)
    before = event
  }
  return { ok: true, state }
}

/**
 * The state after adding `event` wherever its date puts it; refused only when the history with it
 * becomes impossible, naming the event it conflicts with.
 * @throws DomainError INVALID_TRANSITION
 */
export function missingStateWith(history: readonly MissingEvent[], event: RuleEvent): MissingState {
  const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
  const folded = foldMissing([...history, { ...event, seq }])
  if (folded.ok) return folded.state
  return refuseHistoryConflict(event, seq, folded.conflict, missingEventWords)
}

/**
 * The state of a stored history.
 * @throws DomainError INVALID_TRANSITION when the stored history itself is impossible
 */
export function currentMissingState(events: readonly MissingEvent[]): MissingState {
  const folded = foldMissing(events)
  if (folded.ok) return folded.state
  const { event, reason } = folded.conflict
  throw new DomainError('INVALID_TRANSITION', `Event ${event.seq} (${missingEventWords(event)}): ${reason}`)
}
