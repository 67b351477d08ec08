import { DomainError } from '../core/errors'
import type { EventType, PersonEvent } from './events'
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
}

export const INITIAL_STATE: PersonState = {
  status: 'none',
  facilityId: null,
  facilityBeforeHospital: null,
  health: null,
  lastEventOn: null,
  eventCount: 0,
  confirmed: true,
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

/**
 * Why `event` cannot follow `state`, in words a registrar understands; undefined when it can.
 * Checks order (no event dated before the last one), the transition table, and facility sense.
 */
export function refusalOf(state: PersonState, event: Omit<PersonEvent, 'seq'>): string | undefined {
  if (state.lastEventOn && event.occurredOn < state.lastEventOn) {
    return `a ${event.type} event dated ${event.occurredOn} cannot come after the event of ${state.lastEventOn}`
  }
  if (!ALLOWED_FROM[event.type].includes(state.status)) {
    return `a person who is ${STATUS_LABEL[state.status]} cannot be ${event.type.replace('_', ' ')}`
  }
  if (event.type === 'transferred' && event.facilityId === state.facilityId) {
    return 'a transfer must go to another facility than the one the person is in'
  }
  return undefined
}

/** Applies one event that `refusalOf` accepted. */
export function applyEvent(state: PersonState, event: Omit<PersonEvent, 'seq'>): PersonState {
  const next: PersonState = { ...state, lastEventOn: event.occurredOn, eventCount: state.eventCount + 1 }
  const health = event.details.health as Health | undefined
  if (health) next.health = health
  switch (event.type) {
    case 'captured':
      next.status = 'captured'
      next.confirmed = event.details.confirmation !== 'unconfirmed'
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
      break
  }
  return next
}

/**
 * The current state of a person: a pure fold over their events in sequence order.
 * @throws DomainError INVALID_TRANSITION when the stored history itself is impossible
 */
export function currentState(events: readonly PersonEvent[]): PersonState {
  let state = INITIAL_STATE
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const refusal = refusalOf(state, event)
    if (refusal) throw new DomainError('INVALID_TRANSITION', `Event ${event.seq}: ${refusal}`)
    state = applyEvent(state, event)
  }
  return state
}

/**
 * The state after appending `event` to a history whose state is `state`.
 * @throws DomainError INVALID_TRANSITION with the reason when the event cannot happen now
 */
export function nextState(state: PersonState, event: Omit<PersonEvent, 'seq'>): PersonState {
  const refusal = refusalOf(state, event)
  if (refusal) throw new DomainError('INVALID_TRANSITION', refusal[0]!.toUpperCase() + refusal.slice(1))
  return applyEvent(state, event)
}

export function isHeld(status: PersonState['status']): boolean {
  return (HELD as readonly string[]).includes(status)
}
