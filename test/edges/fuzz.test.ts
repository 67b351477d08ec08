import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

/**
 * Every write route of the API, fed random and hostile bodies: never a 5xx, and a refused request
 * stores nothing (row counts and the audit chain's length are unchanged). FUZZ_RUNS sets the
 * inputs per route (`npm run fuzz` runs 10,000 each).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 25)

// Routes set aside while a defect this test found is open; empty now (POST /audit/checkpoints
// answered 500 when the test app shared one checkpoint file across databases: fixed 2026-11-30).
const KNOWN_DEFECTS = new Set<string>()

let t: Awaited<ReturnType<typeof createTestApp>>
let admin: Awaited<ReturnType<typeof t.as>>
let routes: { method: string; path: string }[] = []

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.as('admin')
  const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>
  }
  routes = Object.entries(doc.paths)
    .flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: p })),
    )
    // signing out or changing one's own password ends the fuzzing session, not a defect
    .filter((r) => !r.path.startsWith('/session') && !KNOWN_DEFECTS.has(`${r.method} ${r.path}`))
}, 300_000)
afterAll(async () => {
  await t?.close()
  await dropTestTemplate()
})

async function stored() {
  const db = t.parley.conn.db
  const { rows } = await sql<{ n: number }>`
    select (select count(*) from audit_log) + (select count(*) from persons)
         + (select count(*) from person_events) + (select count(*) from lists) as n`.execute(db)
  return Number(rows[0]!.n)
}

const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff', '=HYPERLINK("x")', '', ' ', '9'.repeat(400)),
  fc.constantFrom('2026-02-30', '1990', '12.03.1995', '0000-00-00', '-1', 'NaN', 'null'),
)
const FIELDS = [
  'surname',
  'firstNames',
  'patronymic',
  'category',
  'dateOfBirth',
  'capturedOn',
  'reason',
  'type',
  'occurredOn',
  'facilityId',
  'name',
  'role',
  'username',
  'password',
  'kind',
  'left',
  'right',
  'persons',
  'events',
  'terms',
  'counterpart',
  'notes',
  'details',
  'confirmation',
  'sex',
  'rank',
]
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    hostileText,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...FIELDS), tie('v'), { maxKeys: 4 }),
  ),
})).v
const body = fc.oneof(fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 }), fc.jsonValue(), value)
const param = fc.constantFrom(randomUUID(), '1', 'x', '%00', '%ED%A0%80', 'list:1')

describe('fuzzing every write route', () => {
  it('answers each hostile request below 500 and stores nothing when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(10)
    const failures: string[] = []
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(body, param, async (b, p) => {
          const path = `/api/v1${route.path.replace(/\{[^}]+\}/g, p)}`
          const before = await stored()
          const res = await admin.request(route.method, path, JSON.stringify(b))
          if (res.status >= 500)
            failures.push(`${route.method} ${route.path} ${res.status} ${JSON.stringify(b)}`)
          expect(res.status, `${route.method} ${path} with ${JSON.stringify(b)}`).toBeLessThan(500)
          if (res.status >= 400)
            expect(await stored(), `${route.method} ${path} stored a refused request`).toBe(before)
        }),
        { numRuns: RUNS },
      )
    }
    expect(failures).toEqual([])
  }, 1_800_000)
})
