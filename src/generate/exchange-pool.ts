import type { Candidate, Side } from '../exchange/model'
import { generatePersons } from './population'
import { Random } from './random'

export type PoolOptions = {
  seed: number
  give: number
  receive: number
  /** persons named by the other side (give) and by us (receive), split evenly */
  requests: number
  /** the day the exchange is planned for (ages and days held are counted to it) */
  on?: string
}

/**
 * Fictitious exchange pools from the project's generator: the persons we hold (give) and our
 * persons the other side holds (receive), with the attributes the terms look at in plausible
 * shares: a few seriously wounded or sick, some refusals and pending proceedings, small groups who
 * travel together, and named requests.
 */
export function generateExchangePool(o: PoolOptions): Candidate[] {
  const random = new Random(o.seed ^ 0x3c6ef372)
  const on = Date.parse(o.on ?? '2026-11-01')
  const out: Candidate[] = []
  for (const [side, count, nationality, firstId] of [
    ['give', o.give, 'RU', 1],
    ['receive', o.receive, 'UA', 5_000_001],
  ] as const) {
    let group = 0
    for (const p of generatePersons({
      seed: o.seed + (side === 'give' ? 0 : 1),
      count,
      nationality,
      firstId,
      femaleShare: 0.06,
    })) {
      const capturedAt = Date.parse(p.capture.date)
      const wounded = random.chance(0.06)
      const inGroup = random.chance(0.02)
      if (inGroup && random.chance(0.4)) group++
      out.push({
        id: p.id,
        side: side as Side,
        sex: p.sex,
        age: Math.floor((on - Date.parse(p.dateOfBirth)) / (365.25 * 86_400_000)),
        seriouslyWoundedOrSick: wounded,
        daysHeld: Math.max(
          1,
          Math.round(
            (on - (Number.isNaN(capturedAt) ? on - 86_400_000 * random.int(30, 1200) : capturedAt)) /
              86_400_000,
          ),
        ),
        category: random.chance(0.05) ? 'civilian_internee' : 'prisoner_of_war',
        rank: p.rank,
        consent: !random.chance(0.03),
        refusedRepatriation: wounded && random.chance(0.1),
        pendingProceedings: side === 'give' && random.chance(0.04),
        inOpenExchange: random.chance(0.01),
        groupId: inGroup ? `${side}-${group}` : null,
        requested: false,
      })
    }
  }
  // named requests: distinct persons on each side, half each
  for (const side of ['give', 'receive'] as const) {
    const pool = out.filter((c) => c.side === side)
    const want = Math.min(pool.length, Math.floor(o.requests / 2) + (side === 'give' ? o.requests % 2 : 0))
    for (let n = 0, guard = 0; n < want && guard < pool.length * 10; guard++) {
      const c = pool[random.int(0, pool.length - 1)]!
      if (!c.requested) {
        c.requested = true
        n++
      }
    }
  }
  return out
}
