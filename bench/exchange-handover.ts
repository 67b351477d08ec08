import { stringify } from 'csv-stringify/sync'
import { generatePersons } from '../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../src/generate/scenarios'
import { startTestServer } from '../test/support/test-server'
import { percentile } from './lib'
import { BENCH_ACTOR } from './support'

/**
 * The tablet's tap through the HTTP API at a handover of `perSide` persons each way: a real
 * server on loopback over PGlite, the exchange planned, agreed and started through the services,
 * then each tap timed from request to answer (what the operator waits for when the page is not
 * optimistic; the page shows the result at once and this is the confirmation behind it).
 */
export async function handoverTapLatency(perSide: number, taps = 30) {
  const server = await startTestServer()
  try {
    const { personImport, exchanges } = server.parley.services
    const held = [...generatePersons({ seed: 81, count: perSide + 50, nationality: 'RU' })]
    await personImport.importPersons(BENCH_ACTOR, {
      name: 'held.csv',
      content: stringify([
        REGISTER_COLUMNS,
        ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 81)[c] ?? '')),
      ]),
    })
    const ids = await server.parley.conn.db.selectFrom('persons').select('id').execute()
    const e = await exchanges.createExchange(BENCH_ACTOR, {
      name: 'Handover benchmark',
      counterpart: 'the other side',
      terms: { maxSize: perSide },
      stages: [0.39, 0.307, 0.303].map((f) => Math.max(1, Math.round(f * perSide))),
    })
    await exchanges.annotateGive(
      BENCH_ACTOR,
      e.id,
      ids.map((p) => ({ personId: p.id, consent: true })),
    )
    const ours = [...generatePersons({ seed: 82, count: perSide + 50, nationality: 'UA', firstId: 500_000 })]
    const sought = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex', 'captured_on'],
      ...ours.map((p) => [p.id, p.surname, p.givenName, p.dateOfBirth, p.sex, p.capture.date]),
    ])
    await exchanges.importSought(BENCH_ACTOR, e.id, 'sought.csv', Buffer.from(sought))
    let t = performance.now()
    await exchanges.plan(BENCH_ACTOR, e.id, { save: true })
    const planMs = performance.now() - t
    await exchanges.setStatus(BENCH_ACTOR, e.id, 'agreed', { reason: 'benchmark' })
    await exchanges.startHandover(BENCH_ACTOR, e.id)

    const origin = new URL(server.url).origin
    const signIn = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(server.adminCredentials),
    })
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`)
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${origin}/api/v1${path}`, {
        method,
        headers: { cookie, origin, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    t = performance.now()
    const sheet = (await call('GET', `/exchanges/${e.id}/handover/sheet`)) as {
      rows: { side: string; ref: string }[]
    }
    const sheetMs = performance.now() - t
    const tapMs: number[] = []
    for (const r of sheet.rows.slice(0, taps)) {
      t = performance.now()
      await call('POST', `/exchanges/${e.id}/handover/check`, {
        side: r.side,
        ref: r.ref,
        outcome: 'crossed',
      })
      tapMs.push(performance.now() - t)
    }
    return {
      handoverPersons: sheet.rows.length,
      handoverPlanMs: Math.round(planMs),
      handoverSheetMs: Math.round(sheetMs),
      handoverTapP50Ms: Math.round(percentile(tapMs, 50)),
      handoverTapP95Ms: Math.round(percentile(tapMs, 95)),
      handoverTaps: tapMs.length,
    }
  } finally {
    await server.close()
  }
}
