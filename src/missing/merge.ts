import { PARTICULAR_FIELDS, type SoughtParticulars } from './model'

export type Stated = Partial<SoughtParticulars>

/**
 * The record's particulars after another report: what the record did not know is filled in from
 * the report; what it knew stays, and where the report says otherwise the field is named as a
 * disagreement for a tracer to settle (each report keeps what it said, with its source).
 */
export function mergeParticulars(
  record: Stated,
  report: Stated,
): { merged: Stated; filled: (keyof SoughtParticulars)[]; disagreements: (keyof SoughtParticulars)[] } {
  const merged: Stated = { ...record }
  const filled: (keyof SoughtParticulars)[] = []
  const disagreements: (keyof SoughtParticulars)[] = []
  for (const field of PARTICULAR_FIELDS) {
    const said = report[field]
    if (said === undefined || said === null || said === '') continue
    const known = record[field]
    if (known === undefined || known === null || known === '') {
      ;(merged as Record<string, unknown>)[field] = said
      filled.push(field)
    } else if (comparable(known) !== comparable(said)) disagreements.push(field)
  }
  return { merged, filled, disagreements }
}

const comparable = (v: unknown) => String(v).normalize('NFKC').trim().toLocaleLowerCase()
