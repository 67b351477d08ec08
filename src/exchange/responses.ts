import { z } from 'zod'
import { PRIORITY_CATEGORIES } from './model'

// The answers of the exchange routes, as the API documents them and the web app's types are
// generated from (npm run gen:api). Shared shapes are registered once by id.

const Side = z.enum(['give', 'receive'])
const count = z.number().int()

/** A reason, refusal or breach as a code with parameters, for the web app to translate. */
export const Reason = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
  .meta({ id: 'ExchangeReason' })

export const Terms = z
  .object({
    balance: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('equal') }),
      z.object({ kind: z.literal('ratio'), give: z.number(), receive: z.number() }),
      z.object({
        kind: z.literal('value'),
        values: z.record(z.string(), z.number()),
        default: z.number(),
        tolerance: z.number(),
      }),
    ]),
    maxSize: z.number().int().optional(),
    quotas: z.array(
      z.object({
        side: Side,
        group: z.string().describe('a priority or category:NAME'),
        min: count.optional(),
        max: count.optional(),
      }),
    ),
    exclusions: z.array(z.string()),
    allowProceedings: z.boolean(),
    priorities: z.array(z.enum(PRIORITY_CATEGORIES)),
    youngUpTo: z.number().int().optional(),
  })
  .meta({ id: 'ExchangeTerms' })

export const Exchange = z
  .object({
    id: z.uuid(),
    name: z.string(),
    counterpart: z.string(),
    mediator: z.string().nullable(),
    venue: z.string().nullable(),
    status: z.string().describe('draft, proposed, agreed, in_handover, completed, cancelled'),
    terms: Terms,
    stages: z.array(count).describe('Handover stages and their sizes'),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Exchange' })

export const ExchangeWithCounts = Exchange.extend({
  annotated: count.describe('Persons we hold with an annotation for this exchange'),
  sought: count.describe('Persons of ours on the list the other side holds'),
  rounds: count,
}).meta({ id: 'ExchangeWithCounts' })

export const Breach = z
  .object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
  .meta({ id: 'AgreementBreach' })

export const ExchangeWithBreaches = Exchange.extend({ breaches: z.array(Breach) })

/** What a negotiator recognises a person by. */
export const PersonLabel = z
  .object({ surname: z.string(), firstNames: z.string(), dateOfBirth: z.string().nullable() })
  .meta({ id: 'ExchangePersonLabel' })

const Inclusion = z.object({
  id: z.string(),
  side: Side,
  reasons: z.array(z.string()).describe('Why, in English words'),
  codes: z.array(Reason).describe('Why, as codes to translate'),
})
export const PlanView = z
  .object({
    round: count.nullable().describe('The round it was saved as (save=true)'),
    people: z.record(z.string(), PersonLabel).describe('Names of those the plan proposes, by id'),
    feasible: z.boolean(),
    give: z.array(Inclusion),
    receive: z.array(Inclusion),
    leftOut: z.array(z.object({ id: z.string(), side: Side, reason: z.string(), code: Reason })),
    conflicts: z.array(z.string()),
    conflictCodes: z.array(Reason),
    objective: z.number(),
    method: z.enum(['greedy', 'milp']),
    proven: z.boolean().describe('The solver proved the plan optimal'),
  })
  .meta({ id: 'ExchangePlan' })

export const SideDifference = z
  .object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    substituted: z.array(
      z.object({ out: z.string(), in: z.string(), by: z.enum(['operator', 'list']).optional() }),
    ),
  })
  .meta({ id: 'RoundSideDifference' })

export const Round = z
  .object({
    n: count,
    kind: z.enum(['proposal', 'counter']),
    give: z.array(z.string()),
    receive: z.array(z.string()),
    detail: z.unknown().describe('What the round was made from (e.g. unmatched rows of a counter-list)'),
    createdAt: z.string(),
    difference: z.object({ give: SideDifference, receive: SideDifference }).nullable(),
  })
  .meta({ id: 'ExchangeRound' })

const StageCounts = z.object({
  agreed: count,
  crossed: count,
  noShow: count,
  refused: count,
  substituted: count,
})
export const Handover = z
  .object({
    exchange: Exchange,
    rows: z.array(
      z.object({
        side: Side,
        ref: z.string(),
        stage: count,
        outcome: z.string(),
        substituteRef: z.string().nullable(),
        person: PersonLabel.nullable(),
        substitute: PersonLabel.nullable(),
      }),
    ),
    report: z.object({
      stages: z.array(z.object({ stage: count, give: StageCounts, receive: StageCounts })),
      pending: count,
    }),
    returned: z.array(
      z.object({
        ref: z.string(),
        stage: count,
        replacedRef: z.string().nullable(),
        surname: z.string(),
        firstNames: z.string().nullable(),
        dateOfBirth: z.string().nullable(),
        serviceNumber: z.string().nullable(),
        returnedOn: z.string(),
      }),
    ),
  })
  .meta({ id: 'Handover' })

export const HandoverStarted = Handover.extend({
  listedTwice: z.array(z.object({ side: Side, ref: z.string(), name: z.string() })),
})

export const CheckedOff = z.object({
  side: Side,
  ref: z.string(),
  outcome: z.enum(['pending', 'crossed', 'no_show', 'refused', 'substituted']),
  substituteRef: z.string().nullable(),
})

export const SheetPerson = z
  .object({
    surname: z.string(),
    firstNames: z.string(),
    dateOfBirth: z.string().nullable(),
    serviceNumber: z.string().nullable(),
    wounded: z.boolean(),
    keys: z.array(z.string()).describe('Name keys of each word: a search in any alphabet meets them'),
  })
  .meta({ id: 'HandoverSheetPerson' })

export const HandoverSheet = z.object({
  rows: z.array(
    z.object({
      side: Side,
      ref: z.string(),
      stage: count,
      outcome: z.string(),
      substituteRef: z.string().nullable(),
      person: SheetPerson.nullable(),
      substitute: SheetPerson.nullable(),
    }),
  ),
})

export const SubstituteCandidates = z.object({
  candidates: z.array(SheetPerson.extend({ ref: z.string() })),
})

export const ListCounts = z
  .object({
    rows: count,
    persons: count,
    flaggedRows: count,
    duplicateGroups: count,
    undecidedDuplicates: count,
  })
  .meta({ id: 'ReceivedListCounts' })

export const ReceivedList = z.object({
  counts: ListCounts,
  rows: z.array(z.object({ line: count, ref: z.string(), written: z.unknown(), flags: z.unknown() })),
})

export const Duplicates = z
  .object({
    counts: ListCounts,
    groups: z.array(
      z.object({
        key: z.string(),
        decision: z.enum(['merge', 'keep_both']).nullable(),
        keep: z.string().nullable(),
        decidedBy: z.string().nullable(),
        decidedAt: z.string().nullable(),
        rows: z.array(
          z.object({
            ref: z.string(),
            line: count.nullable(),
            written: z.record(z.string(), z.string()).nullable().describe('The row as written, by column'),
            flags: z.record(z.string(), z.unknown()),
          }),
        ),
        evidence: z.array(
          z.object({
            a: z.string(),
            b: z.string(),
            score: z.number(),
            agreed: z.array(z.string()),
            date: z.enum(['same', 'day_month_swapped', 'partial', 'unknown', 'different']),
            reasons: z.array(z.string()),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ReceivedDuplicates' })

const Named = z.object({ ref: z.string(), name: z.string() })
export const NamedDifference = z
  .object({
    added: z.array(Named),
    removed: z.array(Named),
    substituted: z.array(z.object({ out: Named, in: Named, by: z.enum(['operator', 'list']).nullable() })),
    unmatched: z.array(
      z.object({ line: count, written: z.string(), status: z.string(), nearest: z.array(Named) }),
    ),
    repeated: z.array(z.object({ line: count, written: z.string(), ref: z.string() })),
  })
  .meta({ id: 'NamedDifference' })

const RowMatch = z.object({
  line: count,
  side: Side,
  written: z.object({ surname: z.string(), firstNames: z.string(), dateOfBirth: z.string() }),
  status: z.enum(['matched', 'repeated', 'ambiguous', 'unmatched']),
  match: z.unknown().describe('The person matched, with the evidence'),
  nearest: z.array(z.unknown()),
  replaces: z.string(),
})

export const RoundDifference = z.object({
  round: count,
  kind: z.enum(['proposal', 'counter']),
  before: count.nullable(),
  difference: z.object({ give: NamedDifference, receive: NamedDifference }),
  matches: z.array(RowMatch),
})

export const CounterRecorded = z.object({
  round: count,
  counts: z.object({
    round: count,
    give: count,
    receive: count,
    unmatched: count,
    repeated: count,
    rows: count,
  }),
  unmatched: z.array(z.string()),
  matches: z.array(RowMatch),
  difference: z.object({ give: SideDifference, receive: SideDifference }).nullable(),
  named: z.object({ give: NamedDifference, receive: NamedDifference }).nullable(),
})

export const Agreement = z.object({
  round: count.nullable(),
  give: count,
  receive: count,
  breaches: z.array(Breach),
})

export const Pairing = z.object({ round: count, side: Side, out: z.string(), in: z.string() })
