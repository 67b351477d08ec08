import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { corruptPerson } from '../../src/generate/corrupt'
import { scenarioMissing } from '../../src/generate/missing'
import { generatePersons } from '../../src/generate/population'
import { Random } from '../../src/generate/random'
import type { Client } from '../support/test-app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

// Generous limits: each test clones a database and runs the linkage engine on a shared machine.
const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => {
  await t?.parley.services.reconciliation.runs.idle()
  await t?.close()
})
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const SEED = 1526
const REGISTER = 40
const LISTED = 30
const today = () => new Date().toISOString().slice(0, 10)

// Russian spellings of our people, as the other side writes them: names in their Russian forms,
// nothing else changed, so the pairs the test decides are the register's own persons.
const RUSSIAN = {
  other_language: 1,
  transliterated: 0,
  informal_latin: 0,
  typo: 0,
  swapped_names: 0,
  patronymic_missing: 0,
  dob_day_month_swapped: 0,
  dob_year_off: 0,
  unit_missing: 0,
}

/** The register (generator-made), imported as a tracer's office would, with the records by service number. */
async function importRegister() {
  const rows = [...scenarioMissing({ seed: SEED, persons: REGISTER })]
  await t.parley.services.missingImport(ADMIN, {
    name: 'register.csv',
    content: Buffer.from(stringify(rows, { header: true })),
  })
  const records = await t.parley.conn.db
    .selectFrom('missing_persons')
    .select(['id', 'service_number', 'status', 'captivity', 'register_number', 'surname'])
    .execute()
  return new Map(records.map((r) => [r.service_number!, r]))
}

/**
 * Their list: the first LISTED persons of the register in Russian spellings, three strangers,
 * and three persons written twice.
 */
function theirList() {
  const people = [...generatePersons({ seed: SEED, count: REGISTER, nationality: 'UA' })]
  const random = new Random(SEED)
  const rows = people.slice(0, LISTED).map((p, i) => {
    const r = corruptPerson(random, p, RUSSIAN)
    return {
      row_id: `R${i + 1}`,
      surname: r.surname,
      first_names: r.givenName,
      patronymic: r.patronymic,
      date_of_birth: r.dateOfBirth,
      unit: r.unit,
      sn: p.serviceNumber,
    }
  })
  const strangers = [...generatePersons({ seed: SEED + 1, count: 3, nationality: 'RU', firstId: 9_000_001 })]
  strangers.forEach((p, i) => {
    rows.push({
      row_id: `S${i + 1}`,
      surname: p.surname,
      first_names: p.givenName,
      patronymic: p.patronymic,
      date_of_birth: p.dateOfBirth,
      unit: '',
      sn: '',
    })
  })
  for (const k of [0, 1, 2]) {
    const r = corruptPerson(random, people[k]!, RUSSIAN)
    rows.push({
      row_id: `D${k + 1}`,
      surname: r.surname,
      first_names: r.givenName,
      patronymic: r.patronymic,
      date_of_birth: r.dateOfBirth,
      unit: r.unit,
      sn: people[k]!.serviceNumber,
    })
  }
  return rows
}

async function storeList(name: string, rows: Record<string, string>[]) {
  const csv = stringify(
    rows.map(({ sn, ...r }) => r),
    { header: true },
  )
  const list = await t.parley.services.lists.importList(ADMIN, {
    name,
    counterpart: 'the other side',
    fileName: `${name}.csv`,
    content: Buffer.from(csv),
  })
  return list.id
}

async function reconcile(c: Client, listId: string, against = 'missing') {
  const started = await c.json('POST', '/api/v1/reconciliations', { listId, against })
  expect(started.status).toBe(202)
  await t.parley.services.reconciliation.runs.idle()
  const run = await c.json('GET', `/api/v1/reconciliations/${started.body.id}`)
  return run.body
}

type Pair = {
  rank: number
  probability: number
  decision: string | null
  rowRef: string
  recordId: string
  evidence: { fields: { field: string; level: string; weight: number }[] }
  theirs: { surname?: string }
  ours: { surname?: string; registerNumber: number }
}

async function queue(c: Client, id: string, q = 'limit=500') {
  const r = await c.json('GET', `/api/v1/reconciliations/${id}/pairs?${q}`)
  expect(r.status).toBe(200)
  return r.body as { pairs: Pair[]; total: number; pending: number }
}

async function historyOf(c: Client, id: string) {
  const r = await c.json('GET', `/api/v1/missing/${id}`)
  return r.body as {
    person: { status: string; captivity: string }
    events: { seq: number; type: string; source: string }[]
  }
}

describe('reconciliation of a received list with the missing-persons register', SLOW, () => {
  it('runs, queues pairs with evidence, accepts, corrects, bulk-accepts and reports every class', async () => {
    const bySn = await importRegister()
    const rows = theirList()
    const listId = await storeList('Список 1', rows)
    // one listed person came home before the list arrived: their list is out of date
    const home = [...bySn.values()].find(
      (r) => r.status === 'missing' && rows.slice(3, LISTED).some((x) => x.sn === r.service_number),
    )!
    await t.parley.services.missing.recordEvent(ADMIN, home.id, {
      type: 'returned',
      occurredOn: today(),
      source: 'release',
      confidence: 'high',
    })

    const tracer = await t.as('tracer')
    const run = await reconcile(tracer, listId)
    expect(run).toMatchObject({ status: 'done', against: 'missing', error: null })
    expect(run.summary).toMatchObject({ listRows: LISTED + 6, registerRecords: REGISTER })
    // the run is a job: the same id, its state and summary on the jobs list of every instance
    const job = await tracer.json('GET', `/api/v1/jobs/${run.id}`)
    expect(job.body).toMatchObject({ kind: 'reconciliation', status: 'done', attempts: 1 })
    expect(job.body.result).toMatchObject({ pairs: run.summary.pairs })
    expect(run.summary.duplicateGroups).toBeGreaterThanOrEqual(3)

    const above = await queue(tracer, run.id, 'band=above&limit=500')
    const truth = new Map(rows.map((r) => [r.row_id, bySn.get(r.sn)?.id]))
    const right = above.pairs.filter((p) => truth.get(p.rowRef) === p.recordId)
    // each listed person found in Russian spelling, with the evidence of every field
    expect(new Set(right.map((p) => p.rowRef)).size).toBeGreaterThanOrEqual(LISTED + 3 - 2)
    expect(right[0]!.evidence.fields.map((f) => f.field)).toContain('surname')
    expect(right[0]!.theirs.surname).toBeTruthy()
    expect(right[0]!.ours.surname).toBeTruthy()

    // accept: captivity confirmed on the person, with the list, its date and the row as source
    const pick = right.find((p) => {
      const r = bySn.get(rows.find((x) => x.row_id === p.rowRef)!.sn)!
      return p.recordId !== home.id && r.status === 'missing' && r.captivity === 'none'
    })!
    const accepted = await tracer.json(
      'POST',
      `/api/v1/reconciliations/${run.id}/pairs/${pick.rank}/decision`,
      {
        decision: 'accepted',
      },
    )
    expect(accepted.status).toBe(200)
    expect(accepted.body.decision).toBe('accepted')
    let history = await historyOf(tracer, pick.recordId)
    expect(history.person.captivity).toBe('confirmed')
    expect(history.person.status).toBe('missing')
    const rowNo = rows.findIndex((r) => r.row_id === pick.rowRef) + 1
    expect(history.events.at(-1)).toMatchObject({
      type: 'captivity_confirmed',
      source: `list "Список 1" of ${today()}, row ${rowNo}`,
    })

    // the same row cannot be accepted as a second person
    const other = (await queue(tracer, run.id, 'limit=500')).pairs.find(
      (p) => p.rowRef === pick.rowRef && p.rank !== pick.rank,
    )
    if (other) {
      const clash = await tracer.json(
        'POST',
        `/api/v1/reconciliations/${run.id}/pairs/${other.rank}/decision`,
        {
          decision: 'accepted',
        },
      )
      expect(clash.status).toBe(409)
      expect(clash.body.detail).toContain(`row ${rowNo} of the list is accepted already`)
    }

    // rejecting it afterwards is a correction: the event is retracted, the person as before
    const rejected = await tracer.json(
      'POST',
      `/api/v1/reconciliations/${run.id}/pairs/${pick.rank}/decision`,
      {
        decision: 'rejected',
        note: 'another person of the same name',
      },
    )
    expect(rejected.status).toBe(200)
    history = await historyOf(tracer, pick.recordId)
    expect(history.person.captivity).toBe('none')
    const audit = await t.parley.services.audit.listEntries({
      entityType: 'reconciliation',
      entityId: run.id,
      limit: 100,
    })
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'reconciliation.start',
        'reconciliation.done',
        'reconciliation.pair.accepted',
        'reconciliation.pair.corrected',
      ]),
    )

    // the person who came home: the register refuses, naming them, and nothing changes
    const homePair = right.find((p) => p.recordId === home.id)!
    const refused = await tracer.json(
      'POST',
      `/api/v1/reconciliations/${run.id}/pairs/${homePair.rank}/decision`,
      {
        decision: 'accepted',
      },
    )
    expect(refused.status).toBe(409)
    expect(refused.body.detail).toContain(`No. ${home.register_number} ${home.surname}`)
    expect((await historyOf(tracer, home.id)).person.status).toBe('returned')

    // bulk acceptance above 0.99, after a sample of ten; a stale count is refused
    const sample = await tracer.json('GET', `/api/v1/reconciliations/${run.id}/sample?min=0.99&size=10`)
    expect(sample.status).toBe(200)
    expect(sample.body.pairs.length).toBe(Math.min(10, sample.body.count))
    expect(sample.body.pairs.every((p: Pair) => p.probability >= 0.99)).toBe(true)
    const stale = await tracer.json('POST', `/api/v1/reconciliations/${run.id}/bulk-accept`, {
      minProbability: 0.99,
      count: sample.body.count + 1,
    })
    expect(stale.status).toBe(409)
    const bulk = await tracer.json('POST', `/api/v1/reconciliations/${run.id}/bulk-accept`, {
      minProbability: 0.99,
      count: sample.body.count,
    })
    // a job: 202 with its id, its progress and result on the jobs API
    expect(bulk.status).toBe(202)
    const again = await tracer.json('POST', `/api/v1/reconciliations/${run.id}/bulk-accept`, {
      minProbability: 0.99,
      count: sample.body.count,
    })
    // a second acceptance of the band while the first goes on (or after it) is refused
    expect(again.status).toBe(409)
    await t.parley.services.jobs.idle()
    const bulkJob = await tracer.json('GET', `/api/v1/jobs/${bulk.body.jobId}`)
    expect(bulkJob.body).toMatchObject({ kind: 'reconciliation.bulk_accept', status: 'done' })
    expect(bulkJob.body.progress).toMatchObject({ done: sample.body.count, total: sample.body.count })
    const result = bulkJob.body.result
    expect(result.accepted).toBeGreaterThan(LISTED / 2)
    // the person who came home is skipped with the register's reason
    expect(result.skipped.map((s: { reason: string }) => s.reason).join(' ')).toContain(home.surname)
    const bulkAudit = await t.parley.services.audit.listEntries({
      entityType: 'reconciliation',
      entityId: run.id,
      action: 'reconciliation.bulk_accept',
      limit: 5,
    })
    expect(bulkAudit[0]?.after).toMatchObject({ accepted: result.accepted, band: sample.body.count })

    // a second list names two of the same persons with another unit
    const second = rows.slice(3, 5).map((r, i) => ({ ...r, row_id: `B${i + 1}`, unit: 'інша частина' }))
    const list2 = await storeList('Список 2', second)
    const run2 = await reconcile(tracer, list2)
    expect(run2.status).toBe('done')

    const report = await tracer.json('GET', `/api/v1/reconciliations/${run.id}/report`)
    expect(report.status).toBe(200)
    const r = report.body
    expect(r.unknownToUs.rows.map((x: { ref: string }) => x.ref)).toEqual(
      expect.arrayContaining(['S1', 'S2', 'S3']),
    )
    const offList = unlistedStillMissing(bySn, rows)
    expect(offList.length).toBeGreaterThan(0)
    expect(r.missingOnNoList.rows.map((x: { recordId: string }) => x.recordId)).toEqual(
      expect.arrayContaining(offList),
    )
    expect(r.listedButGone.rows.map((x: { recordId: string }) => x.recordId)).toContain(home.id)
    expect(r.listedTwice.total).toBeGreaterThanOrEqual(3)
    expect(r.disagreeBetweenLists.total).toBeGreaterThanOrEqual(1)
    expect(r.disagreeBetweenLists.rows[0].fields.map((f: { field: string }) => f.field)).toContain('unit')

    const xlsx = await t.app.request(`/api/v1/reconciliations/${run.id}/report.xlsx?lang=uk`, {
      headers: { cookie: tracer.cookie },
    })
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000)

    // the accepted are eligible for the exchange's "ours they hold" list
    const negotiator = await t.as('negotiator')
    const ex = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Обмін 26',
      counterpart: 'the other side',
      terms: { maxSize: 100 },
      stages: [100],
    })
    const built = await negotiator.json('POST', `/api/v1/exchanges/${ex.body.id}/sought/from-missing`)
    expect(built.status).toBe(200)
    const pool = await t.parley.conn.db
      .selectFrom('exchange_pool')
      .select(['attrs'])
      .where('exchange_id', '=', ex.body.id)
      .where('side', '=', 'receive')
      .execute()
    const inPool = new Set(pool.map((p) => (p.attrs as { missingPersonId: string }).missingPersonId))
    const acceptedNow = (await queue(tracer, run.id, 'decision=accepted&limit=500')).pairs
    expect(acceptedNow.length).toBe(result.accepted)
    for (const p of acceptedNow) expect(inPool.has(p.recordId)).toBe(true)
  })

  it('refuses what a role may not do, names what does not exist, cancels, and says why a run failed', async () => {
    await importRegister()
    const listId = await storeList('Список 3', theirList())
    const tracer = await t.as('tracer')

    const registrar = await t.as('registrar')
    expect((await registrar.json('POST', '/api/v1/reconciliations', { listId })).status).toBe(403)
    const unknown = await tracer.json('POST', '/api/v1/reconciliations', {
      listId: '00000000-0000-4000-8000-000000000000',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.issues[0]).toMatchObject({ path: 'listId' })

    // a run against the custody register, which holds nobody: it fails and says why
    const failed = await reconcile(tracer, listId, 'custody')
    expect(failed.status).toBe('failed')
    expect(failed.error).toContain('custody register is empty')

    // cancelled before it could finish: nothing saved
    const started = await tracer.json('POST', '/api/v1/reconciliations', { listId })
    const cancel = await tracer.json('POST', `/api/v1/reconciliations/${started.body.id}/cancel`)
    expect(cancel.status).toBe(200)
    await t.parley.services.reconciliation.runs.idle()
    const cancelled = await tracer.json('GET', `/api/v1/reconciliations/${started.body.id}`)
    expect(cancelled.body.status).toBe('cancelled')
    expect((await tracer.json('GET', `/api/v1/jobs/${started.body.id}`)).body.status).toBe('cancelled')
    expect((await tracer.json('POST', `/api/v1/reconciliations/${started.body.id}/cancel`)).status).toBe(409)
    expect((await queue(tracer, started.body.id)).total).toBe(0)

    const run = await reconcile(tracer, listId)
    expect(run.status).toBe('done')
    const missingPair = await tracer.json('POST', `/api/v1/reconciliations/${run.id}/pairs/99999/decision`, {
      decision: 'accepted',
    })
    expect(missingPair.status).toBe(404)
    expect(missingPair.body.detail).toContain('pair 99999')
    const badDecision = await tracer.json('POST', `/api/v1/reconciliations/${run.id}/pairs/1/decision`, {
      decision: 'maybe',
    })
    expect(badDecision.status).toBe(400)
    expect(badDecision.body.issues[0].path).toBe('decision')

    // analysts read the queue pseudonymised and decide nothing
    const analyst = await t.as('analyst')
    const seen = await queue(analyst, run.id, 'limit=5')
    expect(seen.pairs[0]!.ours.surname).toBeUndefined()
    expect(seen.pairs[0]!.ours.registerNumber).toBeGreaterThan(0)
    const denied = await analyst.json('POST', `/api/v1/reconciliations/${run.id}/pairs/1/decision`, {
      decision: 'accepted',
    })
    expect(denied.status).toBe(403)
    expect((await queue(tracer, run.id)).pending).toBe((await queue(tracer, run.id)).total)
  })
})

/** Register persons off the list who are still missing: reported by families, named by no list. */
function unlistedStillMissing(
  bySn: Map<string, { id: string; status: string; service_number: string | null }>,
  rows: { sn: string }[],
) {
  const listed = new Set(rows.map((r) => r.sn))
  return [...bySn.values()]
    .filter((r) => !listed.has(r.service_number!) && r.status === 'missing')
    .map((r) => r.id)
}
