/** Precision, recall and F1 of found pairs against the true ones (pairs as "a|b", order-free). */
export function pairQuality(found: Iterable<[string, string]>, truth: Iterable<[string, string]>) {
  const trueSet = new Set<string>()
  for (const [a, b] of truth) trueSet.add(pairKey(a, b))
  let tp = 0
  let n = 0
  const seen = new Set<string>()
  for (const [a, b] of found) {
    const k = pairKey(a, b)
    if (seen.has(k)) continue
    seen.add(k)
    n++
    if (trueSet.has(k)) tp++
  }
  const precision = n === 0 ? 1 : tp / n
  const recall = trueSet.size === 0 ? 1 : tp / trueSet.size
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return { found: n, truePairs: trueSet.size, truePositives: tp, precision, recall, f1 }
}

function pairKey(a: string, b: string) {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
}

/** Every pair within each group: the true pairs of a deduplication whose truth is "x repeats y". */
export function pairsWithinGroups(groupOf: Map<string, string>): [string, string][] {
  const groups = new Map<string, string[]>()
  for (const [id, g] of groupOf) {
    const members = groups.get(g)
    if (members) members.push(id)
    else groups.set(g, [id])
  }
  const out: [string, string][] = []
  for (const members of groups.values())
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) out.push([members[i]!, members[j]!])
  return out
}
