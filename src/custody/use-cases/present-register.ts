import { ValidationError } from '../../core/errors'
import type * as store from '../store'

export function presentFacility(f: store.FacilityRow & { occupancy: number }) {
  return {
    id: f.id,
    name: f.name,
    kind: f.kind,
    capacity: f.capacity,
    location: f.location,
    occupancy: f.occupancy,
  }
}

export function presentCapture(c: store.CaptureRow, personCount: number) {
  return {
    id: c.id,
    capturedOn: c.captured_on,
    place: c.place,
    capturingUnit: c.capturing_unit,
    source: c.source,
    notes: c.notes,
    personCount,
  }
}

export function encodeCursor(key: [string | number, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

export function decodeCursor(cursor: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string') return v as [string | number, string]
  } catch {}
  throw new ValidationError([{ path: 'cursor', message: 'is not a cursor this server gave out' }])
}
