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
    captured_on: state.capturedOn,
    consent_given: state.consentGiven,
    refused_repatriation: state.refusedRepatriation,
    proceedings_open: state.proceedingsOpen,
  }
}
