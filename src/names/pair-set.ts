import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** One labelled pair of the name pair set: two spellings, whether they are one person, and how they differ. */
export type LabelledPair = { a: string; b: string; same: boolean; kind: string }

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'name-pairs.tsv')

/** The labelled pair set (src/names/fixtures/name-pairs.tsv, built by build-pairs.ts). */
export function readPairSet(file = FIXTURE): LabelledPair[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [a, b, same, kind] = line.split('\t')
      return { a: a!, b: b!, same: same === '1', kind: kind ?? '' }
    })
}

/**
 * Area under the ROC curve: the chance that a same-person pair scores above a different-person
 * pair (ties count half). 1 separates perfectly, 0.5 is a coin.
 */
export function areaUnderCurve(scored: { score: number; same: boolean }[]): number {
  const sorted = [...scored].sort((x, y) => x.score - y.score)
  let rankSum = 0
  let positives = 0
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++
    const midRank = (i + 1 + j) / 2
    for (let k = i; k < j; k++)
      if (sorted[k]!.same) {
        rankSum += midRank
        positives++
      }
    i = j
  }
  const negatives = sorted.length - positives
  if (positives === 0 || negatives === 0) return Number.NaN
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
