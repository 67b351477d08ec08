import type { Side } from './model'

export type RoundLists = { give: string[]; receive: string[] }
export type SideDifference = {
  added: string[]
  removed: string[]
  substituted: { out: string; in: string }[]
}

/**
 * What changed from one round's lists to the next, per side. Persons dropped and persons added in
 * the same round are read as substitutions, pairwise in list order (the other side's usual
 * answer is "not this one, that one"); the rest are plain additions or removals.
 */
export function diffRounds(before: RoundLists, after: RoundLists): Record<Side, SideDifference> {
  const side = (a: string[], b: string[]): SideDifference => {
    const inA = new Set(a)
    const inB = new Set(b)
    const removed = a.filter((id) => !inB.has(id))
    const added = b.filter((id) => !inA.has(id))
    const n = Math.min(removed.length, added.length)
    return {
      substituted: removed.slice(0, n).map((out, k) => ({ out, in: added[k]! })),
      removed: removed.slice(n),
      added: added.slice(n),
    }
  }
  return { give: side(before.give, after.give), receive: side(before.receive, after.receive) }
}

/**
 * Assigns the agreed lists to handover stages in order (the lists come in priority order, so the
 * seriously wounded cross first). With no stages, everyone is in stage 1.
 */
export function assignStages(ids: readonly string[], stages: readonly number[]): Map<string, number> {
  const out = new Map<string, number>()
  let stage = 0
  let used = 0
  for (const id of ids) {
    while (stages.length > 0 && stage < stages.length - 1 && used >= stages[stage]!) {
      stage++
      used = 0
    }
    out.set(id, stage + 1)
    used++
  }
  return out
}

export type HandoverRow = {
  side: Side
  ref: string
  stage: number
  outcome: string
  substituteRef: string | null
}

/** Who actually crossed against what was agreed, per stage and side. */
export function handoverReport(rows: readonly HandoverRow[]) {
  const stages = [...new Set(rows.map((r) => r.stage))].sort((a, b) => a - b)
  const count = (side: Side, stage: number, outcome?: string) =>
    rows.filter(
      (r) => r.side === side && r.stage === stage && (outcome === undefined || r.outcome === outcome),
    ).length
  return {
    stages: stages.map((stage) => ({
      stage,
      give: {
        agreed: count('give', stage),
        crossed: count('give', stage, 'crossed') + count('give', stage, 'substituted'),
        noShow: count('give', stage, 'no_show'),
        refused: count('give', stage, 'refused'),
        substituted: count('give', stage, 'substituted'),
      },
      receive: {
        agreed: count('receive', stage),
        crossed: count('receive', stage, 'crossed') + count('receive', stage, 'substituted'),
        noShow: count('receive', stage, 'no_show'),
        refused: count('receive', stage, 'refused'),
        substituted: count('receive', stage, 'substituted'),
      },
    })),
    pending: rows.filter((r) => r.outcome === 'pending').length,
  }
}
