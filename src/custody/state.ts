import { DomainError } from '../core/errors'
import { refuseHistoryConflict } from '../core/history-conflict'
import { type EventType, type PersonEvent, STATUS_NEUTRAL_TYPES } from './events'
import type { Health } from './model'

/** Where a person stands now; never stored by hand, always the fold of the events. */
export const PERSON_STATUSES = [
  'captured',
  'interned',
  'hospitalised',
  'escaped',
  'released',
  'repatriated',
  'exchanged',
  'died',
] as const
export type PersonStatus = (typeof PERSON_STATUSES)[number]

export type PersonState = {
  status: PersonStatus | 'none'
  facilityId: string | null
  /** Where the person was held before a hospital stay: discharge returns them there by default. */
  facilityBeforeHospital: string | null
  health: Health | null
  lastEventOn: string | null
  eventCount: number
  confirmed: boolean
  /** The day of the first capture: time held counts from it. */
  capturedOn: string | null
  /** Exchange facts as `factsOf` reads them, kept on the row so the overview reads no events. */
  consentGiven: boolean
  refusedRepatriation: boolean
  proceedingsOpen: boolean
}

const HELD: readonly PersonStatus[] = ['captured', 'interned', 'hospitalised']
const ENDED: readonly PersonStatus[] = ['released', 'repatriated', 'exchanged', 'died']

/**
 * From which statuses each event may happen. Corrections and health bulletins do not move the status;
 * nothing but a correction follows a death, a release or a repatriation.
 */
const ALLOWED_FROM: Record<EventType, readonly (PersonStatus | 'none')[]> = {
  captured: ['none'],
  registered: HELD,
  amended: [...HELD, 'escaped', ...ENDED],
  confirmed: [...HELD, 'escaped', ...ENDED],
  arrived: ['captured'],
  transferred: ['interned'],
  hospitalised: ['captured', 'interned'],
  discharged: ['hospitalised'],
  health_bulletin: HELD,
  died: [...HELD, 'escaped'],
  escaped: HELD,
  recaptured: ['escaped'],
  released: HELD,
  repatriated: HELD,
  exchanged: HELD,
  // facts about a held person; proceedings may close after the person left our power
  consent_given: HELD,
  consent_withdrawn: HELD,
  refused_repatriation: HELD,
  proceedings_opened: [...HELD, 'escaped'],
  proceedings_closed: [...HELD, 'escaped', ...ENDED],
  // an exchange's completion: the person did not cross, so is still held
  did_not_cross: HELD,
  replaced: HELD,
}

export const INITIAL_STATE: PersonState = {
  status: 'none',
  facilityId: null,
  facilityBeforeHospital: null,
  health: null,
  lastEventOn: null,
  eventCount: 0,
  confirmed: true,
  capturedOn: null,
  consentGiven: false,
  refusedRepatriation: false,
  proceedingsOpen: false,
}

const STATUS_LABEL: Record<PersonStatus | 'none', string> = {
  none: 'not yet captured',
  captured: 'captured, not yet at a facility',
  interned: 'held at a facility',
  hospitalised: 'in hospital',
  escaped: 'escaped',
  released: 'released',
  repatriated: 'repatriated',
  exchanged: 'exchanged',
  died: 'dead',
}

/** An event as the rules read it; `seq` is the order it was recorded in. */
type RuleEvent = Omit<PersonEvent, 'seq'>

/**
 * Why `event` cannot follow `state`, in words a registrar understands; undefined when it can.
 * Checks the transition table and facility sense; the date order is the history's, not a rule.
 */
export function refusalOf(state: PersonState, event: RuleEvent): string | undefined {
  if (!ALLOWED_FROM[event.type].includes(state.status)) {
    if (STATUS_NEUTRAL_TYPES.includes(event.type))
      return `${EVENT_WORD[event.type]} cannot be recorded for a person who is ${STATUS_LABEL[state.status]}`
    return `a person who is ${STATUS_LABEL[state.status]} cannot be ${event.type.replace('_', ' ')}`
  }
  if (event.type === 'transferred' && event.facilityId === state.facilityId) {
    return 'a transfer must go to another facility than the one the person is in'
  }
  return undefined
}

/** Applies one event that `refusalOf` accepted. */
export function applyEvent(state: PersonState, event: RuleEvent): PersonState {
  const next: PersonState = { ...state, lastEventOn: event.occurredOn, eventCount: state.eventCount + 1 }
  const health = event.details.health as Health | undefined
  if (health) next.health = health
  switch (event.type) {
    case 'captured':
      next.status = 'captured'
      next.confirmed = event.details.confirmation !== 'unconfirmed'
      next.capturedOn = state.capturedOn ?? event.occurredOn
      break
    // the latest word counts, as in factsOf: a consent ends a refusal, a refusal is no consent
    case 'consent_given':
      next.consentGiven = true
      next.refusedRepatriation = false
      break
    case 'consent_withdrawn':
      next.consentGiven = false
      break
    case 'refused_repatriation':
      next.consentGiven = false
      next.refusedRepatriation = true
      break
    case 'proceedings_opened':
    case 'proceedings_closed':
      next.proceedingsOpen = event.type === 'proceedings_opened'
      break
    case 'arrived':
    case 'transferred':
      next.status = 'interned'
      next.facilityId = event.facilityId
      break
    case 'hospitalised':
      next.status = 'hospitalised'
      next.facilityBeforeHospital = state.facilityId
      next.facilityId = event.facilityId
      break
    case 'discharged':
      next.facilityId = event.facilityId ?? state.facilityBeforeHospital
      next.status = next.facilityId ? 'interned' : 'captured'
      next.facilityBeforeHospital = null
      break
    case 'recaptured':
      next.facilityId = event.facilityId
      next.status = event.facilityId ? 'interned' : 'captured'
      break
    case 'escaped':
    case 'released':
    case 'repatriated':
    case 'exchanged':
    case 'died':
      next.status = event.type === 'died' ? 'died' : event.type
      next.facilityId = null
      break
    case 'confirmed':
      next.confirmed = true
      break
    case 'registered':
    case 'amended':
    case 'health_bulletin':
    case 'did_not_cross':
    case 'replaced':
      break
  }
  return next
}

const EVENT_WORD: Record<EventType, string> = {
  captured: 'capture',
  registered: 'registration',
  amended: 'correction',
  confirmed: 'confirmation',
  arrived: 'arrival',
  transferred: 'transfer',
  hospitalised: 'hospitalisation',
  discharged: 'discharge',
  health_bulletin: 'health bulletin',
  died: 'death',
  escaped: 'escape',
  recaptured: 'recapture',
  released: 'release',
  repatriated: 'repatriation',
  exchanged: 'exchange',
  consent_given: 'consent to repatriation',
  consent_withdrawn: 'withdrawal of consent to repatriation',
  refused_repatriation: 'refusal of repatriation (GC III Art. 109)',
  proceedings_opened: 'opening of criminal proceedings',
  proceedings_closed: 'closing of criminal proceedings',
  did_not_cross: 'absence from the crossing',
  replaced: 'replacement at the crossing',
}

/** "the transfer of 2026-03-01": how an error names an event of the history. */
export function eventWords(e: { type: EventType; occurredOn: string }): string {
  return `the ${EVENT_WORD[e.type]} of ${e.occurredOn}`
}

/**
 * Events in the order they happened: by date, then by the order they were recorded (seq), so a
 * late entry takes its place in the history instead of being refused for its date.
 */
export function inHistoryOrder<E extends PersonEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) =>
    a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.seq - b.seq,
  )
}

/**
 * Why a history is impossible: the event that cannot happen, the one before it that it conflicts
 * with (the last event that moved the status), and the rule's words.
 */
export type HistoryConflict = { event: PersonEvent; after: PersonEvent | null; reason: string }

/**
 * Folds a history in date order; corrections of particulars (`amended`) are counted but do not
 * enter the status fold: they say nothing about where the person is.
 */
export function foldHistory(
  events: readonly PersonEvent[],
): { ok: true; state: PersonState } | { ok: false; conflict: HistoryConflict } {
  let state = INITIAL_STATE
  let mover: PersonEvent | null = null
  for (const event of inHistoryOrder(events)) {
    if (event.type === 'amended') {
      state = { ...state, eventCount: state.eventCount + 1, lastEventOn: event.occurredOn }
      continue
    }
    const refusal = refusalOf(state, event)
    if (refusal) return { ok: false, conflict: { event, after: mover, reason: refusal } }
    state = applyEvent(state, event)
    if (
      !['health_bulletin', 'confirmed', 'registered'].includes(event.type) &&
      !STATUS_NEUTRAL_TYPES.includes(event.type)
    )
      mover = event
  }
  return { ok: true, state }
}

/**
 * The current state of a person: a pure fold over their events in date order.
 * @throws DomainError INVALID_TRANSITION naming the event when the stored history itself is impossible
 */
export function currentState(events: readonly PersonEvent[]): PersonState {
  const folded = foldHistory(events)
  if (folded.ok) return folded.state
  const { event, reason } = folded.conflict
  throw new DomainError('INVALID_TRANSITION', `Event ${event.seq} (${eventWords(event)}): ${reason}`)
}

/**
 * The state after adding `event` to `history` wherever its date puts it. Refused only when the
 * history with it becomes impossible; the error names the event it conflicts with.
 * @throws DomainError INVALID_TRANSITION
 */
export function stateWith(history: readonly PersonEvent[], event: RuleEvent): PersonState {
  const seq = history.reduce((m, e) => Math.max(m, e.seq), 0) + 1
  const added: PersonEvent = { ...event, seq }
  const folded = foldHistory([...history, added])
  if (folded.ok) return folded.state
  return refuseHistoryConflict(event, seq, folded.conflict, eventWords)
}

/**
 * The state after `event` follows `state` directly (a history known to end before it).
 * @throws DomainError INVALID_TRANSITION with the reason when the event cannot happen then
 */
export function nextState(state: PersonState, event: RuleEvent): PersonState {
  if (event.type === 'amended')
    return { ...state, eventCount: state.eventCount + 1, lastEventOn: event.occurredOn }
  const refusal = refusalOf(state, event)
  if (refusal) throw new DomainError('INVALID_TRANSITION', cap(refusal))
  return applyEvent(state, event)
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1)

export function isHeld(status: PersonState['status']): boolean {
  return (HELD as readonly string[]).includes(status)
}
