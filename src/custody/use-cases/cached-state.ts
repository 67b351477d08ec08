import type { PersonState } from '../state'

/** The columns of the person row that cache the fold of their history (rebuildable from it). */
export function cachedStateColumns(state: PersonState) {
  return {
    status: state.status,
    facility_id: state.facilityId,
    health: state.health,
    event_count: state.eventCount,
    last_event_on: state.lastEventOn,
    confirmation: state.confirmed ? 'confirmed' : 'unconfirmed',
  }
}
