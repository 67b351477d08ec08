import type { Terms } from '../model'
import type * as store from '../store'

export function presentExchange(e: store.ExchangeRow) {
  return {
    id: e.id,
    name: e.name,
    counterpart: e.counterpart,
    mediator: e.mediator,
    venue: e.venue,
    status: e.status,
    terms: e.terms as Terms,
    stages: e.stages as number[],
    createdBy: e.created_by,
    createdAt: e.created_at,
    updatedAt: e.updated_at,
  }
}
