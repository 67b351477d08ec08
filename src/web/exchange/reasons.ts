import type { TFunction } from 'i18next'
import { type Reason, reasonText } from '../../exchange/reasons'
import { ApiError } from '../api'

const SIDES = new Set(['give', 'receive'])

/**
 * A reason, left-out reason or conflict in the operator's language: the code's translation with
 * its parameters (sides and groups translated too); a code no locale knows yet falls back to the
 * English words. `count` feeds the plural forms (Ukrainian has three).
 */
export function reasonLabel(t: TFunction, r: Reason): string {
  const params: Record<string, string | number> = { ...(r.params ?? {}) }
  // persons by name where the server named them (travels with, named requests), never by id
  if (typeof params.names === 'string')
    for (const k of ['ids', 'other'] as const) if (params[k] !== undefined) params[k] = params.names
  const count = params.n ?? params.days ?? params.max ?? params.count
  for (const k of ['side', 'other'])
    if (SIDES.has(String(params[k]))) params[k] = t(`exchangeReasons.sides.${params[k]}`)
  if (typeof params.why === 'string') params.why = reasonLabel(t, { code: params.why })
  if (typeof params.category === 'string') params.category = t(`exchange.groups.${params.category}`)
  if (typeof params.group === 'string')
    params.group = t(`exchange.groups.${params.group}`, {
      defaultValue: t(`exchange.groups.category_${params.group}`, { defaultValue: params.group }),
    })
  if (r.code === 'conflict.quota')
    params.bounds = [
      r.params?.min !== undefined ? t('exchangeReasons.atLeast', { min: r.params.min }) : '',
      r.params?.max !== undefined ? t('exchangeReasons.atMost', { max: r.params.max }) : '',
    ]
      .filter(Boolean)
      .join(', ')
  return t(`exchangeReasons.${r.code.replaceAll('.', '_')}`, {
    ...params,
    ...(typeof count === 'number' ? { count } : {}),
    defaultValue: reasonText(r),
  })
}

/**
 * An API error in words: a refusal carrying a reason code (a substitute who may not cross, an
 * agreement breach) in the operator's language, naming the person; else the server's message.
 */
export function errorLabel(err: unknown, t?: TFunction): string {
  const coded = err instanceof ApiError ? (err.details.reason as Reason | undefined) : undefined
  if (t && coded?.code) {
    const why = reasonLabel(t, coded)
    const person = coded.params?.person
    return person ? t('exchangeReasons.refusal', { person, why }) : why
  }
  return err instanceof Error ? err.message : String(err)
}
