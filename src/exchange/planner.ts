import loadHighs from 'highs'
import { explain, infeasible } from './explain'
import { greedyApplies, greedyPlan } from './greedy'
import type { Candidate, Plan, Terms } from './model'
import { type Reason, reason } from './reasons'
import { type Pools, type Unit, unitsOf } from './units'

type Highs = Awaited<ReturnType<typeof loadHighs>>
let highsRuntime: Promise<Highs> | undefined
const solver = () => {
  highsRuntime ??= loadHighs()
  return highsRuntime
}

// A term that cannot be met costs this much per unit of shortfall in the diagnostic solve: far
// above any plan's worth, so the solver meets every term it can and names the rest.
const PENALTY = 1e7

/**
 * Plans an exchange: the persons to give and to ask for that best serve the priorities while
 * meeting every term. Terms the greedy method solves exactly take it (instant); the rest go to a
 * mixed-integer programme solved by HiGHS. When the terms cannot all be met, the plan is marked
 * infeasible and names the terms in conflict.
 */
export async function planExchange(
  candidates: readonly Candidate[],
  terms: Terms,
  opts: { method?: 'auto' | 'greedy' | 'milp'; timeLimitSeconds?: number } = {},
): Promise<Plan> {
  const pools = unitsOf(candidates, terms)
  const method = opts.method ?? 'auto'
  if (method === 'greedy' || (method === 'auto' && greedyApplies(pools, terms))) {
    if (!greedyApplies(pools, terms))
      throw new Error('these terms need the MILP planner (quotas, groups or a value table)')
    return greedyPlan(pools, terms)
  }
  const highs = await solver()
  const kept = programmeUnits(pools, terms)
  const sub = { ...pools, units: kept.map((j) => pools.units[j]!) }
  const full = (chosen: boolean[]) => {
    const out = pools.units.map(() => false)
    kept.forEach((j, k) => {
      out[j] = chosen[k] ?? false
    })
    return out
  }
  const hard = solveMilp(highs, sub, terms, false, opts.timeLimitSeconds ?? 60)
  if (hard.status === 'optimal' || hard.status === 'time limit')
    return explain(pools, terms, full(hard.chosen), {
      method: 'milp',
      proven: hard.status === 'optimal',
      objective: hard.objective,
    })
  const relaxed = solveMilp(highs, pools, terms, true, opts.timeLimitSeconds ?? 60)
  return infeasible(
    explain(pools, terms, relaxed.chosen, { method: 'milp', proven: false, objective: Number.NaN }),
    relaxed.violated.length ? relaxed.violated : [reason('conflict.unmeetable')],
  )
}

/**
 * The units that can be in an optimal plan. Units alike in everything the terms look at (side,
 * size, value, quota groups) and not named are interchangeable, and a side holds at most
 * `maxSize` persons, so only the best `maxSize / size` of each kind can ever be chosen: swapping a
 * lower one for an unchosen better one meets the same terms with more worth. The rest never
 * enter the programme, which makes it smaller without changing its optimum.
 */
function programmeUnits(pools: Pools, terms: Terms): number[] {
  const all = pools.units.map((_, j) => j)
  if (terms.maxSize === undefined) return all
  const kinds = new Map<string, number[]>()
  for (const j of all) {
    const u = pools.units[j]!
    const key = u.requested ? `named:${j}` : `${u.side}|${u.size}|${u.value}|${u.quotaCounts.join(',')}`
    const list = kinds.get(key)
    if (list) list.push(j)
    else kinds.set(key, [j])
  }
  const kept: number[] = []
  for (const js of kinds.values()) {
    const first = pools.units[js[0]!]!
    const room = Math.floor(terms.maxSize / first.size)
    // a named unit stays whatever its size: the programme must say why it cannot be met
    if (first.requested || js.length <= room) kept.push(...js)
    else kept.push(...js.sort((a, b) => pools.units[b]!.weight - pools.units[a]!.weight).slice(0, room))
  }
  return kept.sort((a, b) => a - b)
}

type Row = { lower: number; upper: number; coef: (u: Unit) => number; term: Reason }

/** The rows of the programme, each naming the term it stands for. */
function rowsOf(terms: Terms): Row[] {
  const rows: Row[] = []
  const sign = (u: Unit) => (u.side === 'give' ? 1 : -1)
  const b = terms.balance
  if (b.kind === 'equal')
    rows.push({ lower: 0, upper: 0, coef: (u) => sign(u) * u.size, term: reason('conflict.equal') })
  else if (b.kind === 'ratio')
    rows.push({
      lower: 0,
      upper: 0,
      coef: (u) => (u.side === 'give' ? b.receive : -b.give) * u.size,
      term: reason('conflict.ratio', { give: b.give, receive: b.receive }),
    })
  else
    rows.push({
      lower: -b.tolerance,
      upper: b.tolerance,
      coef: (u) => sign(u) * u.value,
      term: reason('conflict.value', { tolerance: b.tolerance }),
    })
  if (terms.maxSize !== undefined)
    for (const side of ['give', 'receive'] as const)
      rows.push({
        lower: 0,
        upper: terms.maxSize,
        coef: (u) => (u.side === side ? u.size : 0),
        term: reason('conflict.maxSize', { max: terms.maxSize, side }),
      })
  terms.quotas.forEach((q, k) => {
    rows.push({
      lower: q.min ?? 0,
      upper: q.max ?? Number.POSITIVE_INFINITY,
      coef: (u) => u.quotaCounts[k]!,
      term: reason('conflict.quota', {
        group: q.group.replace('category:', ''),
        side: q.side,
        ...(q.min !== undefined ? { min: q.min } : {}),
        ...(q.max !== undefined ? { max: q.max } : {}),
      }),
    })
  })
  return rows
}

type Solved = {
  status: 'optimal' | 'time limit' | 'infeasible'
  chosen: boolean[]
  objective: number
  violated: Reason[]
}

/**
 * Builds the programme in compressed sparse columns and solves it. `relaxed` turns every term into
 * a soft one with a slack column, and named requests into a large bonus, to find which terms
 * conflict when the hard programme has no solution.
 */
function solveMilp(highs: Highs, pools: Pools, terms: Terms, relaxed: boolean, timeLimit: number): Solved {
  const { units } = pools
  const rows = rowsOf(terms)
  const n = units.length
  // HiGHS calls a model without columns "empty" whatever its rows say: decide it here
  if (n === 0 && !relaxed)
    return rows.every((r) => r.lower <= 0 && r.upper >= 0)
      ? { status: 'optimal', chosen: [], objective: 0, violated: [] }
      : { status: 'infeasible', chosen: [], objective: Number.NaN, violated: [] }
  const slackCols = relaxed ? rows.length * 2 : 0
  const numCols = n + slackCols
  const starts: number[] = [0]
  const indices: number[] = []
  const values: number[] = []
  const colCost = new Float64Array(numCols)
  const colLower = new Float64Array(numCols)
  const colUpper = new Float64Array(numCols).fill(1)
  const integrality = new Int32Array(numCols)
  units.forEach((u, j) => {
    rows.forEach((r, i) => {
      const c = r.coef(u)
      if (c !== 0) {
        indices.push(i)
        values.push(c)
      }
    })
    starts.push(indices.length)
    colCost[j] = u.weight + (relaxed && u.requested ? PENALTY : 0)
    colLower[j] = !relaxed && u.requested ? 1 : 0
    integrality[j] = 1
  })
  for (let i = 0; i < rows.length && relaxed; i++) {
    // slack below and above the row's bounds, each priced at the penalty
    for (const s of [1, -1]) {
      indices.push(i)
      values.push(s)
      starts.push(indices.length)
      const col = n + i * 2 + (s === 1 ? 0 : 1)
      colCost[col] = -PENALTY
      colUpper[col] = Number.POSITIVE_INFINITY
    }
  }
  const inf = highs.infinity
  return highs.withModel(
    {
      numCols,
      numRows: rows.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower,
      colUpper: colUpper.map((x) => (x === Number.POSITIVE_INFINITY ? inf : x)),
      rowLower: rows.map((r) => (r.lower === Number.NEGATIVE_INFINITY ? -inf : r.lower)),
      rowUpper: rows.map((r) => (r.upper === Number.POSITIVE_INFINITY ? inf : r.upper)),
      matrix: { format: 'csc', numRows: rows.length, numCols, starts, indices, values },
      integrality: integrality as unknown as Int32Array,
    },
    (model) => {
      // presolve dominated dense exchange models in our measurements (exchange.md §4.7)
      model.options.set({
        output_flag: false,
        time_limit: timeLimit,
        random_seed: 1,
        presolve: 'off',
        mip_rel_gap: 0,
      })
      model.run()
      const status = model.getModelStatus()
      const codes = highs.constants.modelStatus
      if (status !== codes.optimal && status !== codes.timeLimit)
        return {
          status: 'infeasible' as const,
          chosen: units.map(() => false),
          objective: Number.NaN,
          violated: [],
        }
      const x = model.getSolution().colValue
      const violated = relaxed
        ? rows.filter((_, i) => x[n + i * 2]! > 1e-6 || x[n + i * 2 + 1]! > 1e-6).map((r) => r.term)
        : []
      if (relaxed)
        for (const [j, u] of units.entries())
          if (u.requested && x[j]! < 0.5)
            violated.push(
              reason('conflict.namedRequest', { ids: u.members.map((m) => m.id).join(', '), side: u.side }),
            )
      return {
        status: status === codes.optimal ? ('optimal' as const) : ('time limit' as const),
        chosen: units.map((_, j) => x[j]! > 0.5),
        objective: model.getObjectiveValue(),
        violated,
      }
    },
  )
}
