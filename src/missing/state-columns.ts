import type { MissingState } from './state'

/** The status cache on missing_persons, from a fold (a record is never "none": it has its report). */
export const stateColumns = (after: MissingState) => ({
  status: after.status === 'none' ? 'missing' : after.status,
  captivity: after.captivity,
  death_reported: after.deathReported,
  body_repatriated: after.bodyRepatriated,
  last_facility: after.lastFacility,
  last_event_on: after.lastEventOn,
  event_count: after.eventCount,
})
