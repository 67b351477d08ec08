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
}
