import { stringify } from 'csv-stringify/sync'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
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
const held = [...generatePersons({ seed: 31, count: 40, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 32, count: 30, nationality: 'UA', firstId: 7000 })]
const csv = (rows: Record<string, string>[]) => {
  const columns = Object.keys(rows[0]!)
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}
const soughtCsv = csv(
  ours.map((p, i) => ({
    id: p.id,
    surname: p.surname,
    first_name: p.givenName,
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    seriously_wounded: i < 3 ? 'yes' : 'no',
    captured_on: p.capture.date,
    requested: i === 29 ? 'yes' : '',
  })),
)

async function send(cookie: string, path: string, body: string) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body,
  })
  return { status: res.status, body: await res.json() }
}

describe('an exchange from terms to handover', () => {
  it('plans by the terms, follows a counter-list, and writes the crossings into the histories', async () => {
    await t.parley.services.personImport.importPersons(ADMIN, {
      name: 'held.csv',
      content: csv(held.map((p) => registerRow(p, 31))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
    })
    const persons = await t.parley.conn.db.selectFrom('persons').select(['id', 'source_key']).execute()
    // the importer keeps each row's file and id as `file:<sha256 prefix>:id:<id>`
    const idOf = new Map(persons.map((p) => [p.source_key!.replace(/^.*:id:/, ''), p.id]))
    const refused = idOf.get(held[0]!.id)!
    await t.parley.services.custody.recordEvent(ADMIN, refused, {
      type: 'health_bulletin',
      health: 'seriously_wounded',
      occurredOn: new Date().toISOString().slice(0, 10),
    })
    const negotiator = await t.as('negotiator')

    const bad = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 7',
      counterpart: '',
      terms: { maxSize: 0 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'counterpart',
      'terms.maxSize',
    ])

    const created = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 7',
      counterpart: 'the other side',
      mediator: 'a mediating state',
      terms: { maxSize: 20, quotas: [{ side: 'receive', group: 'seriously_wounded_or_sick', min: 3 }] },
      stages: [12, 8],
    })
    expect(created.status).toBe(200)
    const id = created.body.id as string
    const base = `/api/v1/exchanges/${id}`

    const stranger = await negotiator.json('POST', `${base}/annotations`, [
      { personId: '00000000-0000-4000-8000-000000000000', consent: true },
    ])
    expect(stranger.status).toBe(400)
    expect(stranger.body.issues[0].path).toBe('0.personId')

    const annotations = [...idOf.values()].map((personId) => ({
      personId,
      consent: true,
      refusedRepatriation: personId === refused,
      // two brothers asked for by name who travel together
      ...(personId === idOf.get(held[1]!.id) || personId === idOf.get(held[2]!.id)
        ? { groupId: 'brothers', requested: true }
        : {}),
    }))
    expect((await negotiator.json('POST', `${base}/annotations`, annotations)).body).toEqual({ persons: 40 })
    const badSought = await send(negotiator.cookie, `${base}/sought`, 'id,surname,colour\n1,Мороз,red\n')
    expect(badSought.status).toBe(400)
    expect(badSought.body.issues[0].path).toBe('colour')
    expect((await send(negotiator.cookie, `${base}/sought`, soughtCsv)).body).toMatchObject({
      rows: 30,
      persons: 30,
    })

    const plan = await negotiator.json('POST', `${base}/plan?save=true`)
    expect(plan.status).toBe(200)
    expect(plan.body).toMatchObject({ feasible: true, round: 1 })
    expect(plan.body.give).toHaveLength(20)
    expect(plan.body.receive).toHaveLength(20)
    expect(plan.body.give.map((p: { id: string }) => p.id)).not.toContain(refused)
    expect(plan.body.leftOut.find((p: { id: string }) => p.id === refused).reason).toContain('Art. 109')
    expect(
      plan.body.receive
        .slice(0, 3)
        .every((p: { reasons: string[] }) => p.reasons.includes('priority 1: seriously wounded or sick')),
    ).toBe(true)
    expect(plan.body.receive.map((p: { id: string }) => p.id)).toContain(ours[29]!.id)
    // who travels with whom is said by name, not by id
    const brother = await t.parley.conn.db
      .selectFrom('persons')
      .select(['surname', 'first_names'])
      .where('id', '=', idOf.get(held[2]!.id)!)
      .executeTakeFirstOrThrow()
    const first = plan.body.give.find((p: { id: string }) => p.id === idOf.get(held[1]!.id))
    expect(first.reasons).toContain(`travels with ${brother.surname} ${brother.first_names}`)
    expect(first.codes).toContainEqual({
      code: 'reason.travelsWith',
      params: { ids: idOf.get(held[2]!.id), names: `${brother.surname} ${brother.first_names}` },
    })

    // they drop one of ours from the proposal and offer another instead
    const proposedReceive: string[] = plan.body.receive.map((p: { id: string }) => p.id)
    const dropped = proposedReceive.at(-1)!
    const offered = ours.find((p) => !proposedReceive.includes(p.id))!
    const person = (side: string, ref: string) => {
      const p = plan.body.people[ref]
      // the other side writes dates day first
      const [y, m, d] = (p.dateOfBirth as string).split('-')
      return {
        side,
        surname: p.surname,
        first_name: p.firstNames,
        date_of_birth: d ? `${d}.${m}.${y}` : p.dateOfBirth,
      }
    }
    const counter = csv([
      ...plan.body.give.map((p: { id: string }) => person('give', p.id)),
      ...proposedReceive.filter((r) => r !== dropped).map((r) => person('receive', r)),
      {
        side: 'receive',
        surname: offered.surname,
        first_name: offered.givenName,
        date_of_birth: offered.dateOfBirth,
      },
      { side: 'receive', surname: 'Невідомий', first_name: 'Іван', date_of_birth: '1990-01-01' },
    ])
    const answer = await send(negotiator.cookie, `${base}/counter`, counter)
    expect(answer.status).toBe(200)
    expect(answer.body.round).toBe(2)
    expect(answer.body.unmatched).toHaveLength(1)
    // no substitution is read from list order: the operator pairs them (test/api/exchange-lists.test.ts)
    expect(answer.body.difference.receive).toEqual({
      added: [offered.id],
      removed: [dropped],
      substituted: [],
    })
    expect(answer.body.difference.give).toEqual({ added: [], removed: [], substituted: [] })

    expect((await negotiator.json('POST', `${base}/handover`)).status).toBe(409)
    expect((await negotiator.json('POST', `${base}/agree`)).body.status).toBe('agreed')
    const handover = await negotiator.json('POST', `${base}/handover`)
    expect(handover.body.report.stages.map((s: { give: { agreed: number } }) => s.give.agreed)).toEqual([
      12, 8,
    ])

    const early = await negotiator.json('POST', `${base}/handover/complete`)
    expect(early.status).toBe(409)
    expect(early.body.detail).toContain('not checked off yet')

    const rows: { side: string; ref: string }[] = handover.body.rows
    const noShow = rows.find((r) => r.side === 'give')!.ref
    for (const r of rows)
      await negotiator.json('POST', `${base}/handover/check`, {
        side: r.side,
        ref: r.ref,
        outcome: r.ref === noShow ? 'no_show' : 'crossed',
      })
    const done = await negotiator.json('POST', `${base}/handover/complete`)
    expect(done.status).toBe(200)
    expect(done.body.exchange.status).toBe('done')
    const crossed = done.body.report.stages.reduce(
      (s: number, x: { give: { crossed: number } }) => s + x.give.crossed,
      0,
    )
    expect(crossed).toBe(19)

    const statuses = await t.parley.conn.db.selectFrom('persons').select(['id', 'status']).execute()
    const exchanged = statuses.filter((p) => p.status === 'exchanged').map((p) => p.id)
    expect(exchanged).toHaveLength(19)
    expect(exchanged).not.toContain(noShow)
  }, 120_000)

  it('refuses what a role may not do', async () => {
    const liaison = await t.as('liaison')
    expect((await liaison.json('POST', '/api/v1/exchanges', { name: 'x', counterpart: 'y' })).status).toBe(
      403,
    )
    const auditor = await t.as('auditor')
    expect((await auditor.json('GET', '/api/v1/exchanges')).status).toBe(200)
  })
})
