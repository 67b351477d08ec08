import type { PersonEvent } from './events'
import { inHistoryOrder } from './state'

/**
 * What every exchange needs to know about a person beyond where they are: whether they consent to
 * repatriation, whether they refused it (GC III Art. 109 (3): a sick or wounded prisoner may not be
 * repatriated against his will), and whether criminal proceedings are pending (Art. 115).
 */
export type PersonFacts = {
  consent: { given: boolean; on: string } | null
  refusedRepatriation: { on: string; heardBy: string | null } | null
  proceedings: { open: boolean; on: string; reference: string | null } | null
}

export const NO_FACTS: PersonFacts = { consent: null, refusedRepatriation: null, proceedings: null }

/** Any event as read (the web's has a plain string type); only the fact kinds count. */
type FactEvent = { seq: number; type: string; occurredOn: string; details: Record<string, unknown> }

/**
 * The facts as the history states them on its last date: the latest word counts. A refusal is also
 * no consent; a consent given after a refusal ends the refusal (the person changed his mind, and
 * that is recorded, dated, like the refusal was).
 */
export function factsOf(events: readonly FactEvent[]): PersonFacts {
  let facts = NO_FACTS
  for (const e of inHistoryOrder(events as unknown as PersonEvent[])) {
    const text = (key: string) => (typeof e.details[key] === 'string' ? (e.details[key] as string) : null)
    switch (e.type) {
      case 'consent_given':
        facts = { ...facts, consent: { given: true, on: e.occurredOn }, refusedRepatriation: null }
        break
      case 'consent_withdrawn':
        facts = { ...facts, consent: { given: false, on: e.occurredOn } }
        break
      case 'refused_repatriation':
        facts = {
          ...facts,
          consent: { given: false, on: e.occurredOn },
          refusedRepatriation: { on: e.occurredOn, heardBy: text('heardBy') },
        }
        break
      case 'proceedings_opened':
      case 'proceedings_closed':
        facts = {
          ...facts,
          proceedings: {
            open: e.type === 'proceedings_opened',
            on: e.occurredOn,
            reference: text('reference') ?? facts.proceedings?.reference ?? null,
          },
        }
        break
    }
  }
  return facts
}

/**
 * The register's filters by fact: each is "the latest of these event kinds is that one", the
 * same reading as `factsOf`, so the list and the person page never disagree.
 */
export const FACT_FILTERS = {
  consent_given: {
    kinds: ['consent_given', 'consent_withdrawn', 'refused_repatriation'],
    latest: 'consent_given',
  },
  refused_repatriation: { kinds: ['consent_given', 'refused_repatriation'], latest: 'refused_repatriation' },
  proceedings_open: { kinds: ['proceedings_opened', 'proceedings_closed'], latest: 'proceedings_opened' },
} as const
export type FactFilter = keyof typeof FACT_FILTERS
export const FACT_FILTER_NAMES = Object.keys(FACT_FILTERS) as FactFilter[]
