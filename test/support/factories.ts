import type { Actor } from '../../src/auth/actor'
import type { RegisterPerson } from '../../src/custody/model'

export const REGISTRAR: Actor = { id: 'u-registrar', name: 'Test Registrar', role: 'registrar' }

let n = 0
/** A fictitious prisoner of war with the Art. 17 minimum filled in. */
export function buildPerson(overrides: Partial<RegisterPerson> = {}): RegisterPerson {
  n += 1
  return {
    category: 'prisoner_of_war',
    surname: 'Коваленко',
    firstNames: 'Тарас',
    patronymic: 'Іванович',
    rank: 'sergeant',
    serviceNumber: `SN-${100000 + n}`,
    dateOfBirth: '1994-03-12',
    capturedOn: '2026-10-01',
    capturePlace: 'near Kupiansk',
    ...overrides,
  }
}
