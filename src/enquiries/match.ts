import { comparePair } from '../linkage/compare'
import { explainPair } from '../linkage/engine'
import { buildModel, probabilityOf, scorerOf } from '../linkage/model'
import { Preparer } from '../linkage/prepare'
import type { LinkRecord } from '../linkage/record'
import { weightOf } from '../linkage/score'

/**
 * The chance of each field's level for one person's two records (m) and for two strangers (u), in
 * the engine's level order (src/linkage/compare.ts). A family's enquiry is one record: there is no
 * list to train on, so these are fixed, set from what the trained models on the generated lists
 * show, rounded, and kept here where a reviewer can read them. Level 0 ("missing") weighs nothing.
 */
const M_U: Record<string, [number, number][]> = {
  surname: [
    [1, 1],
    [0.03, 0.95],
    [0.05, 0.035],
    [0.12, 0.01],
    [0.8, 0.005],
  ],
  given_name: [
    [1, 1],
    [0.03, 0.9],
    [0.05, 0.05],
    [0.12, 0.03],
    [0.8, 0.02],
  ],
  patronymic: [
    [1, 1],
    [0.05, 0.9],
    [0.05, 0.04],
    [0.1, 0.03],
    [0.8, 0.03],
  ],
  date_of_birth: [
    [1, 1],
    [0.03, 0.95],
    [0.02, 0.03],
    [0.05, 0.005],
    [0.03, 0.012],
    [0.04, 0.0025],
    [0.03, 0.0001],
    [0.8, 0.0001],
  ],
  service_number: [
    [1, 1],
    [0.05, 0.999],
    [0.05, 0.0009],
    [0.9, 0.0001],
  ],
  place_of_birth: [
    [1, 1],
    [0.2, 0.9],
    [0.1, 0.05],
    [0.7, 0.05],
  ],
  unit: [
    [1, 1],
    [0.3, 0.9],
    [0.7, 0.1],
  ],
  email: [
    [1, 1],
    [0.5, 0.98],
    [0.1, 0.01],
    [0.4, 0.01],
  ],
}

const FIELDS = Object.keys(M_U)
const ENQUIRY_MODEL = buildModel(
  FIELDS.map((f) => M_U[f]!.map(([m]) => m)),
  FIELDS.map((f) => M_U[f]!.map(([, u]) => u)),
  1,
  { iterations: 0, converged: true, matchShareOfCandidates: 0, fromLabels: 0 },
)

/** A record of a register or a list that may be the sought person, with where it comes from. */
export type PoolRecord = {
  source: 'custody' | 'missing' | 'list'
  ref: string
  /** the name as written, to show */
  label: string
  born: string
  /** what else a tracer needs to recognise it: the list and row, the status */
  detail: string
  record: LinkRecord
}

export type FieldEvidence = { field: string; level: string; weight: number }
export type Candidate = Omit<PoolRecord, 'record'> & {
  probability: number
  weight: number
  evidence: { fields: FieldEvidence[]; prior: number }
}

/** Candidates below this chance of being the sought person are not shown to the tracer. */
export const CANDIDATE_PROBABILITY = 0.3
export const MAX_CANDIDATES = 25

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits

/**
 * Scores the sought person against every record of the pool through the linkage engine's own
 * comparisons (names across alphabets and language forms, dates with their slips, service numbers)
 * and weighs each field's level with the fixed model above. The prior is one true record among
 * `universe` (every record the search covered, not only those read for comparison), so a common
 * name alone does not make a candidate. Name frequency is left out: the pool is a pre-selection
 * by name and would make every agreeing name look common.
 */
export function findCandidates(
  sought: LinkRecord,
  pool: readonly PoolRecord[],
  universe: number,
): Candidate[] {
  if (pool.length === 0) return []
  const preparer = new Preparer()
  const left = preparer.prepare([sought])
  const right = preparer.prepare(pool.map((p) => p.record))
  const words = preparer.vocabulary.words
  const prior = Math.log2(1 / Math.max(2, universe))
  const scorer = scorerOf(ENQUIRY_MODEL, prior, right, words.length)
  scorer.surnameTf = new Float32Array(words.length)
  scorer.givenTf = new Float32Array(words.length)
  const out: Candidate[] = []
  for (let j = 0; j < pool.length; j++) {
    const pattern = comparePair(left, 0, right, j, words)
    const weight = weightOf(scorer, pattern, right, j)
    const probability = probabilityOf(weight)
    if (probability < CANDIDATE_PROBABILITY) continue
    const explained = explainPair({ scorer, right }, { left: 0, right: j, weight, pattern })
    const { record, ...shown } = pool[j]!
    out.push({
      ...shown,
      probability: round(probability, 4),
      weight: round(weight, 2),
      evidence: {
        fields: explained.fields.map((f) => ({ ...f, weight: round(f.weight, 2) })),
        prior: round(explained.prior, 2),
      },
    })
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, MAX_CANDIDATES)
}
