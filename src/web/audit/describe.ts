import type { TFunction } from 'i18next'
import { formatDay } from '../dates'
import { fieldLabel } from '../forms'

/** One change of an audit entry as a reader takes it in: "Rank: sergeant → lieutenant". */
export type ChangeLine = { field: string; before?: string; after: string }

/** Who the entry is about and what the reader knows of them: names by id, the person's sex. */
export type Reading = { t: TFunction; language: string; names: Record<string, string>; sex?: string | null }

/**
 * The action in words: "Hospitalised" / "Госпіталізовано". Ukrainian says it impersonally, so
 * the words suit a man and a woman alike. An action this version does not know is shown as its code.
 */
export function actionWords(t: TFunction, action: string): string {
  const key = action.replaceAll('.', '_')
  return t(`auditAction.${key}`, { defaultValue: action })
}

// Kept by the chain for completeness, but nothing a reader needs: derived or internal values, a
// read's paging, and the ids a read disclosed (its count says how many; the API has them all).
const HIDDEN = new Set([
  'nameScript',
  'prevHash',
  'hash',
  'ids',
  'page',
  'sort',
  'direction',
  'limit',
  'before',
  'cursor',
  // how far a job read the trail: bookkeeping, not what it did
  'throughSeq',
])
// Wrappers whose fields read as the entry's own: a search's query, a job's input and result summary.
const TRANSPARENT = new Set(['query', 'input', 'summary'])
// Values the system writes itself as codes, in the reader's words.
const SYSTEM_VALUES: Record<string, Record<string, string>> = {
  source: { registrar: 'audit.sourceRegistrar' },
}
// Values that are codes of a closed list, shown in the reader's words (the status with the person's sex).
const WORDS: Record<string, string> = {
  status: 'status',
  health: 'health',
  category: 'category',
  sex: 'sex',
  kind: 'facilityKind',
  role: 'roles',
  view: 'audit.views',
  confirmation: 'audit.confirmation',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A stored value in the reader's words: ids as names, codes as words, dates as the language writes them. */
export function valueWords(r: Reading, key: string, value: unknown): string {
  const { t } = r
  if (value === null || value === undefined || value === '') return t('form.none')
  if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no')
  if (Array.isArray(value)) {
    if (key === 'ids' || /Ids$/.test(key)) return t('audit.records', { count: value.length })
    return value.map((v) => valueWords(r, key, v)).join(', ')
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    // a summary of other entries (what set a job going): their action in words, how many, by whom
    if (typeof o.action === 'string')
      return [
        actionWords(t, o.action),
        typeof o.count === 'number' && o.count > 1 ? `×${o.count}` : '',
        typeof o.by === 'string' ? `(${o.by})` : '',
      ]
        .filter(Boolean)
        .join(' ')
    return JSON.stringify(value)
  }
  const text = String(value)
  // an id under any key (a read's filter `person`, say) is a name too, or at least not a whole UUID
  if (/Id$/.test(key) || key === 'id' || UUID.test(text)) return r.names[text] ?? `${text.slice(0, 8)}…`
  const system = SYSTEM_VALUES[key]?.[text]
  if (system) return t(system)
  const words = WORDS[key]
  if (words) return t(`${words}.${text}`, { defaultValue: text, context: r.sex ?? undefined })
  if (/^\d{4}(-\d{2}){0,2}$/.test(text) && /On$|^date|Date|^at$/.test(key)) return formatDay(r.language, text)
  return text
}

/** Nested values (next of kin, a search's query) as flat fields: nextOfKin.name -> nextOfKinName. */
function flatten(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (HIDDEN.has(k)) continue
    if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [kk, vv] of Object.entries(flatten(v)))
        out[TRANSPARENT.has(k) ? kk : `${k}${kk[0]!.toUpperCase()}${kk.slice(1)}`] = vv
    else out[k] = v
  }
  return out
}

// The order a registrar reads a change in: where the person is and how, then who they are.
const ORDER = [
  'status',
  'facilityId',
  'health',
  'occurredOn',
  'surname',
  'firstNames',
  'patronymic',
  'sex',
  'category',
  'dateOfBirth',
  'rank',
  'serviceNumber',
  'reason',
]
const rank = (key: string) => {
  const i = ORDER.indexOf(key)
  return i === -1 ? ORDER.length : i
}

/**
 * What an entry changed, field by field, labelled as the forms label them. A creation or a read
 * lists what it recorded (the fields left blank are left out); a change lists what differs.
 */
export function changeLines(r: Reading, before: unknown, after: unknown): ChangeLine[] {
  const b = flatten(before)
  const a = flatten(after)
  const created = before === null || before === undefined || typeof before !== 'object'
  const lines: ChangeLine[] = []
  for (const key of Object.keys(a).sort((x, y) => rank(x) - rank(y))) {
    const field = fieldLabel(r.t, key)
    if (created || !(key in b)) {
      if (a[key] === null || a[key] === '' || a[key] === undefined) continue
      lines.push({ field, after: valueWords(r, key, a[key]) })
    } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key]))
      lines.push({ field, before: valueWords(r, key, b[key]), after: valueWords(r, key, a[key]) })
  }
  return lines
}
