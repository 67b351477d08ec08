import { ValidationError } from '../core/errors'
import type { PersonEvent } from './events'
import type { RegisterPersonParsed } from './model'
import { completenessColumn, particularsColumns, type Romanize } from './person-row'
import { applyEvent, INITIAL_STATE, type PersonState } from './state'
import type { NewPersonRow } from './store'

export type RegistrationContext = {
  today: string
  actorId: string
  romanize: Romanize
  capture?: { id: string; capturedOn: string; place: string }
  sourceKey?: string
}

export type PlannedRegistration = {
  person: NewPersonRow
  events: Omit<PersonEvent, 'seq'>[]
  state: PersonState
}

/**
 * The row and the first events of a newly registered person: captured (on the capture date),
 * registered (today) and, when a facility is named, arrived (today). Pure, so a whole group capture
 * or an import file is planned, and every row checked, before anything is written.
 * @throws ValidationError when the capture date is in the future
 */
export function planRegistration(
  input: RegisterPersonParsed,
  ctx: RegistrationContext,
  fieldPrefix = '',
): PlannedRegistration {
  const capturedOn = ctx.capture?.capturedOn ?? input.capturedOn ?? ctx.today
  if (capturedOn > ctx.today) {
    throw new ValidationError([
      { path: `${fieldPrefix}capturedOn`, message: `capture date ${capturedOn} is in the future` },
    ])
  }
  if (input.dateOfBirth && input.dateOfBirth > capturedOn) {
    throw new ValidationError([
      {
        path: `${fieldPrefix}dateOfBirth`,
        message: `date of birth ${input.dateOfBirth} is after the capture`,
      },
    ])
  }
  const events: Omit<PersonEvent, 'seq'>[] = [
    {
      type: 'captured',
      occurredOn: capturedOn,
      facilityId: null,
      details: {
        place: ctx.capture?.place ?? input.capturePlace ?? null,
        captureId: ctx.capture?.id ?? null,
        confirmation: input.confirmation,
        source: input.source,
      },
    },
    { type: 'registered', occurredOn: ctx.today, facilityId: null, details: {} },
  ]
  if (input.facilityId)
    events.push({ type: 'arrived', occurredOn: ctx.today, facilityId: input.facilityId, details: {} })
  let state = INITIAL_STATE
  for (const e of events) state = applyEvent(state, e)

  const cols = particularsColumns(input, ctx.romanize)
  const person = {
    ...cols,
    category: input.category,
    surname: input.surname,
    name_script: cols.name_script ?? 'other',
    confirmation: input.confirmation,
    capture_id: ctx.capture?.id ?? null,
    status: state.status,
    facility_id: state.facilityId,
    health: state.health,
    event_count: state.eventCount,
    last_event_on: state.lastEventOn,
    captured_on: state.capturedOn,
    consent_given: state.consentGiven,
    refused_repatriation: state.refusedRepatriation,
    proceedings_open: state.proceedingsOpen,
    source_key: ctx.sourceKey ?? null,
    created_by: ctx.actorId,
    version: 1,
  } as NewPersonRow
  person.art17_complete = completenessColumn({
    category: input.category,
    surname: input.surname,
    first_names: person.first_names ?? null,
    rank: person.rank ?? null,
    date_of_birth: person.date_of_birth ?? null,
    service_number: person.service_number ?? null,
    place_of_birth: person.place_of_birth ?? null,
    nationality: person.nationality ?? null,
  })
  return { person, events, state }
}
