import { corruptPerson, generatePersons, Random } from '../src/generate'
import { compareNames, nameKey, prepareName, STANDARDS, scoreOnly, transliterate } from '../src/names'
import { areaUnderCurve, readPairSet } from '../src/names/pair-set'
import type { Benchmark } from './lib'
import { sizeToCount } from './support'

/**
 * The name engine's raw speed on one core: full-name comparisons (prepared once, as linkage does),
 * transliterations and name keys per second, over generated names and their corrupted copies; and
 * the quality of the score: its AUC on the labelled pair set (src/names/fixtures/name-pairs.tsv),
 * with the share of same-person pairs at or above the match threshold 0.85 and of different persons
 * below it.
 */
const bench: Benchmark = {
  description: 'name comparisons, transliterations and keys per second (one core)',
  sizes: ['1m', '10m'],
  async run({ size }) {
    const comparisons = sizeToCount(size, 1_000_000)
    const people = [...generatePersons({ seed: 5, count: 2000, nationality: 'mixed' })]
    const random = new Random(6)
    const left = people.map((p) =>
      prepareName({ surname: p.surname, givenName: p.givenName, patronymic: p.patronymic }),
    )
    const right = people.map((p) => {
      const r = corruptPerson(random, p)
      return prepareName(`${r.surname} ${r.givenName} ${r.patronymic}`)
    })
    let t = performance.now()
    let sum = 0
    for (let i = 0; i < comparisons; i++)
      sum += scoreOnly(left[i % left.length]!, right[(i * 7) % right.length]!)
    const compareSeconds = (performance.now() - t) / 1000

    const words = people.flatMap((p) => [p.surname, p.givenName, p.patronymic])
    const rounds = 200_000
    t = performance.now()
    let chars = 0
    for (let i = 0; i < rounds; i++)
      chars += transliterate(words[i % words.length]!, STANDARDS[i % STANDARDS.length]!).length
    const translitSeconds = (performance.now() - t) / 1000
    t = performance.now()
    for (let i = 0; i < rounds; i++) chars += nameKey(words[i % words.length]!).length
    const keySeconds = (performance.now() - t) / 1000
    const pairs = readPairSet()
    const scored = pairs.map((p) => ({ same: p.same, score: compareNames(p.a, p.b).score }))
    const same = scored.filter((p) => p.same)
    const different = scored.filter((p) => !p.same)
    return {
      params: {
        labelledPairs: pairs.length,
        comparisons,
        distinctNames: people.length,
        words: rounds,
        checksum: Math.round(sum + chars) % 1000,
      },
      figures: {
        comparisonsPerSecond: Math.round(comparisons / compareSeconds),
        transliterationsPerSecond: Math.round(rounds / translitSeconds),
        keysPerSecond: Math.round(rounds / keySeconds),
        pairSetAuc: Number(areaUnderCurve(scored).toFixed(4)),
        samePersonAtThreshold: Number((same.filter((p) => p.score >= 0.85).length / same.length).toFixed(3)),
        differentBelowThreshold: Number(
          (different.filter((p) => p.score < 0.85).length / different.length).toFixed(3),
        ),
      },
    }
  },
}
export default bench
