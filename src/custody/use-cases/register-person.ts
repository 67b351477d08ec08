import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import { RegisterPerson, type RegisterPerson as RegisterPersonInput } from '../model'
import { particularsOf, presentPerson } from '../present'
import { planRegistration } from '../registration'
import { type CustodyDeps, entry, eventRow, requireFacilities, today } from './deps'

/**
 * Registers one person who fell into our power, with the captured/registered (and arrived) events.
 * @throws ValidationError naming each bad field; nothing is stored then
 */
export function registerPerson(deps: CustodyDeps) {
  const { store, write, clock, romanize } = deps
  return async (actor: Actor, input: RegisterPersonInput) => {
    const parsed = parseInput(RegisterPerson, input)
    return write(async ({ tx }) => {
      await requireFacilities(deps, tx, [parsed.facilityId], 'facilityId')
      let capture: { id: string; capturedOn: string; place: string } | undefined
      if (parsed.captureId) {
        const c = await store.findCapture(tx, parsed.captureId)
        if (!c) throw new ValidationError([{ path: 'captureId', message: `no capture ${parsed.captureId}` }])
        capture = { id: c.id, capturedOn: c.captured_on, place: c.place }
      }
      const plan = planRegistration(parsed, { today: today(clock), actorId: actor.id, romanize, capture })
      const [row] = await store.insertPersons(tx, [plan.person])
      await store.insertEvents(
        tx,
        plan.events.map((e, i) => eventRow(row!.id, i + 1, e, parsed.source, actor.id)),
      )
      return {
        result: presentPerson(row!),
        audit: [entry(actor, 'person.register', 'person', row!.id, null, particularsOf(row!))],
      }
    })
  }
}
