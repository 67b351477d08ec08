import type { Side } from './model'

export type RoundLists = { give: string[]; receive: string[] }
export type SideDifference = {
  added: string[]
  removed: string[]
  substituted: { out: string; in: string; by?: 'operator' | 'list' }[]
}

/** A substitution someone said: the operator paired two persons, or the other side's list did. */
export type Pairing = { side: Side; out: string; in: string; source: 'operator' | 'list' }

/**
 * What changed from one round's lists to the next, per side: persons added and removed. A removed
 * and an added person are a substitution only where a pairing says so (the operator's, or the other
 * side's "replaces" column); never by list order, which would invent pairs. A pairing whose persons
 * are not removed and added in this round is ignored.
 */
export function diffRounds(
  before: RoundLists,
  after: RoundLists,
  pairings: readonly Pairing[] = [],
): Record<Side, SideDifference> {
  const side = (s: Side, a: string[], b: string[]): SideDifference => {
    const inA = new Set(a)
    const inB = new Set(b)
    const removed = [...new Set(a.filter((id) => !inB.has(id)))]
    const added = [...new Set(b.filter((id) => !inA.has(id)))]
    const out = new Set(removed)
    const inn = new Set(added)
    const substituted: SideDifference['substituted'] = []
    for (const p of pairings)
      if (p.side === s && out.has(p.out) && inn.has(p.in)) {
        substituted.push({ out: p.out, in: p.in, by: p.source })
        out.delete(p.out)
        inn.delete(p.in)
      }
    return { added: added.filter((r) => inn.has(r)), removed: removed.filter((r) => out.has(r)), substituted }
  }
  return {
    give: side('give', before.give, after.give),
    receive: side('receive', before.receive, after.receive),
  }
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
