import type { RegisterSearch } from './Figure'

const KEYS = [
  'status',
  'category',
  'facilityId',
  'fact',
  'sex',
  'health',
  'confirmation',
  'registeredFrom',
  'registeredTo',
] as const

/**
 * The register's address as the dashboard's figures write it (/register?held=true&facilityId=...):
 * strings only, anything else dropped; the API checks the values themselves.
 */
export function registerSearch(s: Record<string, unknown>): RegisterSearch & { confirmation?: string } {
  const out: Record<string, string> = {}
  for (const k of KEYS) if (typeof s[k] === 'string' && s[k]) out[k] = s[k] as string
  if (s.held === 'true' || s.held === true) out.held = 'true'
  return out
}
