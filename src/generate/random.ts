/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same population on every
 * machine, which tests, benchmarks and ground truth depend on. Never Math.random here.
 */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  /** A normally distributed value (Box-Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** A child generator, so one part's draws do not shift another's. */
  fork(salt: number): Random {
    return new Random(Math.imul(this.state ^ salt, 0x85ebca6b) ^ salt)
  }
}

/** Draws items by weight in O(log n): a cumulative table searched by bisection. */
export class WeightedTable<T> {
  private readonly cumulative: Float64Array
  private readonly total: number

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length)
      throw new Error('weighted table needs items and weights')
    this.cumulative = new Float64Array(items.length)
    let sum = 0
    for (let i = 0; i < items.length; i++) {
      sum += weights[i]!
      this.cumulative[i] = sum
    }
    this.total = sum
  }

  draw(random: Random): T {
    const x = random.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo]!
  }
}

/** Weights for a list ordered from most to least common when only ranks are known (Zipf, s = 1). */
export function zipfWeights(n: number, s = 1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s)
}
