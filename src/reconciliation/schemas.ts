import { z } from 'zod'

/** Response shapes of /reconciliations, documented once for the API and the web's typed client. */
export const RunOut = z
  .object({
    id: z.uuid(),
    number: z.number().int().describe('The run as people name it: reconciliation 12'),
    listId: z.uuid(),
    listName: z.string().nullable(),
    against: z.enum(['missing', 'custody']),
    threshold: z.number(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.object({
      stage: z.string().nullable().describe('reading, prepare, train, score, duplicates, saving, done'),
      done: z.number(),
      total: z.number(),
    }),
    cancelRequested: z.boolean(),
    summary: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'listRows, registerRecords, candidates, pairs, above, below, rowsWithPair, duplicateGroups, seconds',
      ),
    error: z.string().nullable().describe('Why a failed run failed'),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Reconciliation' })

export const RunsOut = z.object({ items: z.array(RunOut) })

const Side = {
  surname: z.string().nullable().optional(),
  firstNames: z.string().nullable().optional(),
  patronymic: z.string().nullable().optional(),
  dateOfBirth: z.string().nullable().optional(),
  placeOfBirth: z.string().nullable().optional(),
  serviceNumber: z.string().nullable().optional(),
  unit: z.string().nullable().optional(),
}

export const PairOut = z
  .object({
    rank: z.number().int().describe('Place in the queue, best first'),
    probability: z.number(),
    matchWeight: z.number(),
    above: z.boolean().describe('At or above the run threshold'),
    decision: z.enum(['accepted', 'rejected', 'unsure']).nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    eventSeq: z.number().nullable().describe('The "captivity confirmed" event an acceptance wrote'),
    evidence: z.object({
      fields: z.array(z.object({ field: z.string(), level: z.string(), weight: z.number() })),
      prior: z.number(),
      weight: z.number(),
      probability: z.number(),
    }),
    rowNo: z.number().int(),
    rowRef: z.string(),
    recordId: z.uuid(),
    theirs: z
      .object({
        rowNo: z.number(),
        ref: z.string(),
        ...Side,
        written: z.record(z.string(), z.string()).nullable().optional().describe('Every cell as written'),
      })
      .nullable(),
    ours: z
      .object({
        id: z.uuid(),
        registerNumber: z.number(),
        ...Side,
        rank: z.string().nullable(),
        status: z.string(),
        captivity: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'ReconciliationPair' })

export const QueueOut = z.object({
  pairs: z.array(PairOut),
  total: z.number().describe('Pairs matching the filter'),
  pending: z.number().describe('Of them, not decided yet'),
  nextAfter: z.number().nullable(),
})

export const SampleOut = z.object({
  minProbability: z.number(),
  count: z.number().describe('Pending pairs in the band: send it back to accept the band'),
  pairs: z.array(PairOut),
})

/** What a bulk acceptance job answers as its result (GET /jobs/{id}). */
export const BulkOut = z
  .object({
    accepted: z.number(),
    skipped: z.array(z.object({ rank: z.number(), rowNo: z.number(), reason: z.string() })),
  })
  .meta({ id: 'BulkAcceptResult' })

export const BulkQueued = z.object({
  jobId: z.uuid().describe('The job accepting the band: GET /jobs/{jobId} for progress and result'),
})

const Row = z.object({
  rowNo: z.number(),
  ref: z.string(),
  name: z.string(),
  dateOfBirth: z.string(),
  unit: z.string(),
})
const section = <T extends z.ZodType>(row: T) => z.object({ total: z.number(), rows: z.array(row) })

export const ReportOut = z
  .object({
    reconciliation: z.object({
      id: z.uuid(),
      number: z.number(),
      against: z.string(),
      listId: z.uuid(),
      listName: z.string().nullable(),
    }),
    unknownToUs: section(Row.extend({ bestBelow: z.number().nullable() })),
    missingOnNoList: section(
      z.object({
        recordId: z.uuid(),
        registerNumber: z.number(),
        name: z.string(),
        dateOfBirth: z.string().nullable(),
        unit: z.string().nullable(),
        captivity: z.string(),
      }),
    ),
    listedButGone: section(
      z.object({
        row: Row,
        recordId: z.uuid(),
        registerNumber: z.number(),
        name: z.string(),
        status: z.string(),
        decided: z.boolean(),
      }),
    ),
    listedTwice: section(z.object({ group: z.number(), rows: z.array(Row) })),
    disagreeBetweenLists: section(
      z.object({
        recordId: z.uuid(),
        registerNumber: z.number(),
        name: z.string(),
        row: Row,
        other: Row.extend({ listId: z.uuid(), listName: z.string() }),
        fields: z.array(z.object({ field: z.string(), here: z.string(), there: z.string() })),
      }),
    ),
  })
  .meta({ id: 'DiscrepancyReport' })
