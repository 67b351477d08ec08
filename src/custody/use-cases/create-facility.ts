import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import { CreateFacility, type CreateFacility as CreateFacilityInput } from '../model'
import { type CustodyDeps, entry } from './deps'
import { presentFacility } from './present-register'

/** Adds a facility; two with one name would make every list ambiguous. */
export function createFacility({ store, write }: CustodyDeps) {
  return async (actor: Actor, input: CreateFacilityInput) => {
    const parsed = parseInput(CreateFacility, input)
    return write(async ({ tx }) => {
      const exists = await tx
        .selectFrom('facilities')
        .select('id')
        .where('name', '=', parsed.name)
        .executeTakeFirst()
      if (exists)
        throw new ValidationError([
          { path: 'name', message: `a facility named ${parsed.name} exists already` },
        ])
      const row = await store.insertFacility(tx, {
        name: parsed.name,
        kind: parsed.kind,
        capacity: parsed.capacity ?? null,
        location: parsed.location ?? null,
      })
      return {
        result: presentFacility({ ...row, occupancy: 0 }),
        audit: [entry(actor, 'facility.create', 'facility', row.id, null, parsed)],
      }
    })
  }
}
