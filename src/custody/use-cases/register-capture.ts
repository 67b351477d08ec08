import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import { RegisterCapture, type RegisterCapture as RegisterCaptureInput } from '../model'
import { particularsOf, presentPerson } from '../present'
import { planRegistration } from '../registration'
import { type CustodyDeps, entry, eventRow, requireFacilities, today } from './deps'
import { presentCapture } from './present-register'

/** Registers a group capture and every person taken in it, all or nothing. */
export function registerCapture(deps: CustodyDeps) {
  const { store, write, clock, romanize } = deps
  return async (actor: Actor, input: RegisterCaptureInput) => {
    const parsed = parseInput(RegisterCapture, input)
    if (parsed.capturedOn > today(clock)) {
      throw new ValidationError([
        { path: 'capturedOn', message: `capture date ${parsed.capturedOn} is in the future` },
      ])
    }
    return write(async ({ tx }) => {
      await requireFacilities(deps, tx, [parsed.facilityId], 'facilityId')
      const capture = await store.insertCapture(tx, {
        captured_on: parsed.capturedOn,
        place: parsed.place,
        capturing_unit: parsed.capturingUnit ?? null,
        source: parsed.source,
        notes: parsed.notes ?? null,
        created_by: actor.id,
      })
      const ctx = {
        today: today(clock),
        actorId: actor.id,
        romanize,
        capture: { id: capture.id, capturedOn: capture.captured_on, place: capture.place },
      }
      const plans = parsed.persons.map((p, i) =>
        planRegistration(
          { ...p, source: parsed.source, facilityId: parsed.facilityId },
          ctx,
          `persons.${i}.`,
        ),
      )
      const rows = await store.insertPersons(
        tx,
        plans.map((p) => p.person),
      )
      await store.insertEvents(
        tx,
        rows.flatMap((row, i) =>
          plans[i]!.events.map((e, j) => eventRow(row.id, j + 1, e, parsed.source, actor.id)),
        ),
      )
      const after = {
        capturedOn: capture.captured_on,
        place: capture.place,
        capturingUnit: capture.capturing_unit,
        source: capture.source,
        persons: rows.length,
      }
      return {
        result: { capture: presentCapture(capture, rows.length), persons: rows.map(presentPerson) },
        audit: [
          entry(actor, 'capture.register', 'capture', capture.id, null, after),
          ...rows.map((row) => entry(actor, 'person.register', 'person', row.id, null, particularsOf(row))),
        ],
      }
    })
  }
}
