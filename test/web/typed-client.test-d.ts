// Compiled by `tsc --noEmit` (tsconfig includes test/), never run: each @ts-expect-error below must
// meet an error, so tsc fails if the web app's client stops checking calls against the API's types.
import { http, ok } from '../../src/web/api'

export async function wellFormedCalls() {
  const page = await ok(http.GET('/persons', { params: { query: { q: 'Шевченко', limit: 50 } } }))
  const surnames: (string | undefined)[] = page.items.map((p) => p.surname)
  const person = await ok(http.GET('/persons/{id}', { params: { path: { id: page.items[0]!.id } } }))
  const version: number = person.version
  const { user } = await ok(http.GET('/session'))
  const role: 'admin' | 'registrar' | 'tracer' | 'analyst' | 'negotiator' | 'liaison' | 'auditor' = user.role
  await ok(http.POST('/facilities', { body: { name: 'Camp 1', kind: 'camp' } }))
  return { surnames, version, role }
}

export async function wrongBody() {
  // @ts-expect-error a facility's kind is one of camp, transit_camp, hospital, detention_centre
  await ok(http.POST('/facilities', { body: { name: 'Camp 1', kind: 'castle' } }))
  // @ts-expect-error registering a person needs a surname
  await ok(http.POST('/persons', { body: { category: 'prisoner_of_war' } }))
  const id = { params: { path: { id: 'x' } } }
  const transfer = { type: 'transferred', occurredOn: '2025-03-01' } as const
  // @ts-expect-error a transfer names the facility transferred to
  await ok(http.POST('/persons/{id}/events', { ...id, body: transfer }))
  // @ts-expect-error a correction says why
  await ok(http.PATCH('/persons/{id}', { ...id, body: { changes: { rank: 'sergeant' } } }))
  const found = { type: 'found', occurredOn: '2025-03-01', source: 'ICRC' } as const
  // @ts-expect-error a missing person's event says how sure its source is
  await ok(http.POST('/missing/{id}/events', { ...id, body: found }))
}

export async function wrongPath() {
  // @ts-expect-error there is no route /prisoners
  await ok(http.GET('/prisoners'))
  // @ts-expect-error /persons/{id} needs the id
  await ok(http.GET('/persons/{id}', {}))
}

export async function wrongAnswer() {
  const counts = await ok(http.GET('/persons/count', { params: { query: {} } }))
  // @ts-expect-error the count answers { total, capped }, not a list
  counts.items
  const events = await ok(http.GET('/persons/{id}/events', { params: { path: { id: 'x' } } }))
  const health: string | undefined = events.items[0]!.details.health
  // @ts-expect-error a did_not_cross reason is text, not a number
  const reason: number | undefined = events.items[0]!.details.reason
  return { health, reason }
}
