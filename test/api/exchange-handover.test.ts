import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { insertRound, updateExchange } from '../../src/exchange/store'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(async () => t.close())
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const DAY = 86_400_000
const held = [...generatePersons({ seed: 41, count: 24, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 42, count: 16, nationality: 'UA', firstId: 8000 })]
const csv = (rows: Record<string, string>[]) => {
  const columns = Object.keys(rows[0]!)
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}
const today = () => new Date().toISOString().slice(0, 10)
type Row = { side: string; ref: string; stage: number; person: { surname: string } | null }
type Event = { type: string; details: Record<string, unknown> }

describe('the handover of an exchange', () => {
  it('stages by priority, checks every substitute, and ends every listed person’s history', async () => {
    await t.parley.services.personImport.importPersons(ADMIN, {
      name: 'held.csv',
      content: csv(held.map((p) => registerRow(p, 41))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
    })
    const persons = await t.parley.conn.db.selectFrom('persons').select(['id', 'source_key']).execute()
    const idOf = new Map(persons.map((p) => [p.source_key!.replace(/^.*:id:/, ''), p.id]))
    const gen = new Map(held.map((p) => [idOf.get(p.id)!, p]))
    const ids = held.map((p) => idOf.get(p.id)!)
    const [refuser, dead, accused, ...rest] = ids
    const custody = t.parley.services.custody
    // consent recorded on each person: every exchange reads it, no note per exchange
    await custody.recordEvents(
      ADMIN,
      ids.map((personId) => ({ personId, event: { type: 'consent_given' as const, occurredOn: today() } })),
    )
    await custody.recordEvent(ADMIN, dead!, { type: 'died', occurredOn: today() })
    await custody.recordEvent(ADMIN, accused!, {
      type: 'proceedings_opened',
      occurredOn: today(),
      reference: 'K-1',
    })
    const registrar = await t.as('registrar')
    const noHearer = await registrar.json('POST', `/api/v1/persons/${refuser}/events`, {
      type: 'refused_repatriation',
      occurredOn: today(),
    })
    expect(noHearer.status).toBe(400)
    const refusal = await registrar.json('POST', `/api/v1/persons/${refuser}/events`, {
      type: 'refused_repatriation',
      occurredOn: today(),
      heardBy: 'ICRC interview',
    })
    expect(refusal.status).toBe(201)
    // a fact never moves the custody status
    expect(['captured', 'interned']).toContain(refusal.body.status)
    const byHand = await registrar.json('POST', `/api/v1/persons/${rest[0]}/events`, {
      type: 'did_not_cross',
      occurredOn: today(),
      exchangeId: '00000000-0000-4000-8000-000000000000',
      reason: 'no_show',
    })
    expect(byHand.status).toBe(400)
    const refusers = await registrar.json('GET', '/api/v1/persons?fact=refused_repatriation')
    expect(refusers.body.items.map((p: { id: string }) => p.id)).toEqual([refuser])
    const open = await registrar.json('GET', '/api/v1/persons/count?fact=proceedings_open')
    expect(open.body.total).toBe(1)

    const negotiator = await t.as('negotiator')
    const created = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 9',
      counterpart: 'the other side',
      terms: { maxSize: 12 },
      stages: [4, 4, 4],
    })
    const id = created.body.id as string
    const base = `/api/v1/exchanges/${id}`
    const sought = csv(
      ours.map((p, i) => ({
        id: p.id,
        surname: p.surname,
        first_name: p.givenName,
        date_of_birth: p.dateOfBirth,
        sex: p.sex,
        seriously_wounded: i % 5 === 4 ? 'yes' : 'no',
        captured_on: p.capture.date,
      })),
    )
    const upload = await t.app.request(`${base}/sought`, {
      method: 'POST',
      headers: { cookie: negotiator.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
      body: sought,
    })
    expect(upload.status).toBe(200)
    const plan = await negotiator.json('POST', `${base}/plan?save=true`)
    expect(plan.status).toBe(200)
    type Chosen = { id: string; reasons: string[] }
    const give: string[] = plan.body.give.map((p: Chosen) => p.id)
    const receive: string[] = plan.body.receive.map((p: Chosen) => p.id)
    expect(give).toHaveLength(12)
    // time held is each imported person's own, from the capture date of the file
    for (const p of plan.body.give as Chosen[]) {
      const days = Math.round((Date.parse(today()) - Date.parse(gen.get(p.id)!.capture.date)) / DAY)
      expect(p.reasons).toContain(`held ${days} days`)
    }
    const reasonOf = (pid: string) => plan.body.leftOut.find((p: { id: string }) => p.id === pid)?.reason
    expect(reasonOf(refuser!)).toContain('Art. 109')
    expect(reasonOf(accused!)).toContain('proceedings')
    expect([...give, ...plan.body.leftOut.map((p: { id: string }) => p.id)]).not.toContain(dead)
    // after the priority groups, the longest held: nobody left out was held longer than a person
    // chosen for no priority at all
    const daysOf = (pid: string) => Date.parse(today()) - Date.parse(gen.get(pid)!.capture.date)
    const unprioritised = (plan.body.give as Chosen[])
      .filter((p) => !p.reasons.some((r) => r.startsWith('priority')))
      .map((p) => p.id)
    const sizeLimited = plan.body.leftOut
      .filter((p: { side: string; reason: string }) => p.side === 'give' && /size limit/.test(p.reason))
      .map((p: { id: string }) => p.id)
    expect(unprioritised.length * sizeLimited.length).toBeGreaterThan(0)
    const shortest = Math.min(...unprioritised.map(daysOf))
    for (const pid of sizeLimited) expect(daysOf(pid)).toBeLessThanOrEqual(shortest)

    // the other side's answer names one of theirs and one of ours twice; it is agreed as it stands
    const db = t.parley.conn.db
    await insertRound(db, {
      exchangeId: id,
      n: 2,
      kind: 'counter',
      give: [...give, give[5]!],
      receive: [receive[3]!, ...receive],
      detail: {},
      createdBy: 'test',
    })
    await updateExchange(db, id, { status: 'agreed' })
    const started = await negotiator.json('POST', `${base}/handover`)
    expect(started.status).toBe(200)
    expect(started.body.listedTwice.map((r: { ref: string }) => r.ref).sort()).toEqual(
      [give[5], receive[3]].sort(),
    )
    expect(started.body.listedTwice.find((r: { ref: string }) => r.ref === give[5]).name).toContain(
      gen.get(give[5]!)!.surname,
    )
    const rows: Row[] = started.body.rows
    expect(rows).toHaveLength(give.length + receive.length)
    // the seriously wounded of ours cross in the first stage, whatever the rows' order
    const wounded = ours.filter((_, i) => i % 5 === 4).map((p) => p.id)
    for (const r of rows.filter((x) => x.side === 'receive' && wounded.includes(x.ref)))
      expect(r.stage).toBe(1)

    const check = (body: Record<string, unknown>) => negotiator.json('POST', `${base}/handover/check`, body)
    const [noShow, replaced, refusedAtLine] = give
    const spare = rest.find((pid) => !give.includes(pid))!
    const asRefuser = await check({
      side: 'give',
      ref: replaced,
      outcome: 'substituted',
      substituteRef: refuser,
    })
    expect(asRefuser.status).toBe(409)
    expect(asRefuser.body.detail).toContain(gen.get(refuser!)!.surname)
    expect(asRefuser.body.detail).toContain('Art. 109')
    expect(asRefuser.body.details.reason.code).toBe('ineligible.refusedRepatriation')
    const asDead = await check({ side: 'give', ref: replaced, outcome: 'substituted', substituteRef: dead })
    expect(asDead.status).toBe(409)
    expect(asDead.body.detail).toContain(gen.get(dead!)!.surname)
    expect(asDead.body.details.reason.code).toBe('substitute.died')
    const asListed = await check({
      side: 'give',
      ref: replaced,
      outcome: 'substituted',
      substituteRef: give[7],
    })
    expect(asListed.status).toBe(409)
    expect(asListed.body.details.reason.code).toBe('substitute.alreadyListed')
    const stranger = await check({
      side: 'receive',
      ref: receive[0],
      outcome: 'substituted',
      substituteRef: 'x-1',
    })
    expect(stranger.status).toBe(400)

    const homeInstead = ours.map((p) => p.id).find((r) => !receive.includes(r))!
    const outcome = (r: Row) =>
      r.side === 'give'
        ? r.ref === noShow
          ? { outcome: 'no_show' }
          : r.ref === refusedAtLine
            ? { outcome: 'refused' }
            : r.ref === replaced
              ? { outcome: 'substituted', substituteRef: spare }
              : { outcome: 'crossed' }
        : r.ref === receive[0]
          ? { outcome: 'substituted', substituteRef: homeInstead }
          : r.ref === receive[1]
            ? { outcome: 'no_show' }
            : { outcome: 'crossed' }
    for (const r of rows) {
      const res = await check({ side: r.side, ref: r.ref, ...outcome(r) })
      expect(res.status).toBe(200)
    }
    const done = await negotiator.json('POST', `${base}/handover/complete`)
    expect(done.status).toBe(200)
    expect(done.body.exchange.status).toBe('done')
    // finished rows are named, never shown by id
    expect((done.body.rows as Row[]).every((r) => r.person !== null)).toBe(true)

    // every person of our list ends right
    const lastOf = async (pid: string) => {
      const events = (await registrar.json('GET', `/api/v1/persons/${pid}/events`)).body.items as Event[]
      return events.at(-1)!
    }
    const stageOf = new Map(rows.filter((r) => r.side === 'give').map((r) => [r.ref, r.stage]))
    for (const pid of give) {
      const last = await lastOf(pid)
      if (pid === noShow)
        expect(last).toMatchObject({ type: 'did_not_cross', details: { reason: 'no_show' } })
      else if (pid === refusedAtLine)
        expect(last).toMatchObject({ type: 'did_not_cross', details: { reason: 'refused' } })
      else if (pid === replaced)
        expect(last).toMatchObject({ type: 'replaced', details: { replacedBy: spare } })
      else
        expect(last).toMatchObject({
          type: 'exchanged',
          details: { exchangeId: id, stage: stageOf.get(pid) },
        })
    }
    expect(await lastOf(spare)).toMatchObject({ type: 'exchanged', details: { substituteFor: replaced } })

    // the counts match: persons exchanged, the report, our people home
    const statuses = await db.selectFrom('persons').select(['id', 'status']).execute()
    const exchanged = statuses.filter((p) => p.status === 'exchanged').map((p) => p.id)
    expect(exchanged.sort()).toEqual(
      [...give.filter((p) => p !== noShow && p !== refusedAtLine && p !== replaced), spare].sort(),
    )
    const report = done.body.report.stages as { give: { crossed: number }; receive: { crossed: number } }[]
    expect(report.reduce((s, x) => s + x.give.crossed, 0)).toBe(exchanged.length)
    const returned = done.body.returned as { ref: string; replacedRef: string | null; surname: string }[]
    expect(returned).toHaveLength(receive.length - 1)
    expect(report.reduce((s, x) => s + x.receive.crossed, 0)).toBe(returned.length)
    expect(returned.find((r) => r.ref === homeInstead)).toMatchObject({
      replacedRef: receive[0],
      surname: ours.find((p) => p.id === homeInstead)!.surname,
    })
    expect(returned.map((r) => r.ref)).not.toContain(receive[1])
  }, 180_000)
})
