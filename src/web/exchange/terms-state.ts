import { PRIORITY_CATEGORIES, type PriorityCategory, type Terms } from '../../exchange/model'

/**
 * The terms form's state and the body it sends, kept apart from the form so a test can prove the
 * round trip: every term the API knows comes back as it was unless the operator changed it.
 */
export type QuotaRow = { side: 'give' | 'receive'; group: string; min: number | string; max: number | string }
export type ValueRow = { key: string; value: number | string }
export type TermsState = {
  balance: 'equal' | 'ratio' | 'value'
  ratio: { give: number; receive: number }
  values: ValueRow[]
  valueDefault: number | string
  tolerance: number | string
  maxSize: number | string
  quotas: QuotaRow[]
  exclusions: string
  allowProceedings: boolean
  /** every category in the order shown; `on` says whether it raises a person */
  priorities: { category: PriorityCategory; on: boolean }[]
  youngUpTo: number | string
}

export function stateOf(terms: Terms): TermsState {
  const b = terms.balance
  return {
    balance: b.kind,
    ratio: b.kind === 'ratio' ? { give: b.give, receive: b.receive } : { give: 1, receive: 1 },
    values: b.kind === 'value' ? Object.entries(b.values).map(([key, value]) => ({ key, value })) : [],
    valueDefault: b.kind === 'value' ? b.default : 1,
    tolerance: b.kind === 'value' ? b.tolerance : 0,
    maxSize: terms.maxSize ?? '',
    quotas: terms.quotas.map((q) => ({ side: q.side, group: q.group, min: q.min ?? '', max: q.max ?? '' })),
    exclusions: terms.exclusions.join('\n'),
    allowProceedings: terms.allowProceedings,
    priorities: [
      ...terms.priorities.map((category) => ({ category, on: true })),
      ...PRIORITY_CATEGORIES.filter((c) => !terms.priorities.includes(c)).map((category) => ({
        category,
        on: false,
      })),
    ],
    youngUpTo: terms.youngUpTo ?? '',
  }
}

const num = (v: number | string) => (v === '' ? undefined : Number(v))

export function bodyOf(s: TermsState): Terms {
  const balance: Terms['balance'] =
    s.balance === 'ratio'
      ? { kind: 'ratio', ...s.ratio }
      : s.balance === 'value'
        ? {
            kind: 'value',
            values: Object.fromEntries(
              s.values.filter((v) => v.key.trim() !== '').map((v) => [v.key.trim(), Number(v.value)]),
            ),
            default: num(s.valueDefault) ?? 1,
            tolerance: num(s.tolerance) ?? 0,
          }
        : { kind: 'equal' }
  const maxSize = num(s.maxSize)
  const youngUpTo = num(s.youngUpTo)
  return {
    balance,
    ...(maxSize !== undefined ? { maxSize } : {}),
    quotas: s.quotas.map((q) => ({
      side: q.side,
      group: q.group as Terms['quotas'][number]['group'],
      ...(num(q.min) !== undefined ? { min: num(q.min) } : {}),
      ...(num(q.max) !== undefined ? { max: num(q.max) } : {}),
    })),
    exclusions: s.exclusions
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean),
    allowProceedings: s.allowProceedings,
    priorities: s.priorities.filter((p) => p.on).map((p) => p.category),
    ...(youngUpTo !== undefined ? { youngUpTo } : {}),
  }
}

/** Moves the priority at `i` one place up (-1) or down (+1). */
export function movePriority(list: TermsState['priorities'], i: number, by: -1 | 1) {
  const j = i + by
  if (j < 0 || j >= list.length) return list
  const next = [...list]
  ;[next[i], next[j]] = [next[j]!, next[i]!]
  return next
}
