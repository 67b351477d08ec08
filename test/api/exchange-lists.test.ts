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
const held = [...generatePersons({ seed: 41, count: 40, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 42, count: 60, nationality: 'UA', firstId: 8000 })]
const csv = (rows: Record<string, string>[]) => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}
// the other side writes some dates year-day-month; only days above 12 show it
const swapped = (d: string) => `${d.slice(0, 4)}-${d.slice(8, 10)}-${d.slice(5, 7)}`
const dayFirst = (d: string) => d.split('-').reverse().join('.')
const twice = ours.filter((p) => Number(p.dateOfBirth.slice(8, 10)) > 12).slice(0, 3)

type Named = { ref: string; name: string }

async function send(cookie: string, path: string, body: string) {
  const res = await t.app.request(path, {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body,
  })
  return { status: res.status, body: await res.json() }
}

describe('the lists of an exchange', () => {
  it('keeps a received list as received, decides its duplicates, names the difference and checks the balance', async () => {
    await t.parley.services.personImport.importPersons(ADMIN, {
      name: 'held.csv',
      content: csv(held.map((p) => registerRow(p, 41))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
    })
    const persons = await t.parley.conn.db.selectFrom('persons').select('id').execute()
    const negotiator = await t.as('negotiator')
    const created = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 9',
      counterpart: 'the other side',
      terms: { maxSize: 30 },
    })
    const id = created.body.id as string
    const base = `/api/v1/exchanges/${id}`
    await negotiator.json(
      'POST',
      `${base}/annotations`,
      persons.map((p) => ({ personId: p.id, consent: true })),
    )

    // the received list: 60 of ours, three of them again in Russian with day and month swapped,
    // and one row's reference repeated
    const sought = csv([
      ...ours.map((p) => ({
        id: p.id,
        surname: p.surname,
        first_name: p.givenName,
        date_of_birth: p.dateOfBirth,
        captured_on: p.capture.date,
      })),
      ...twice.map((p, i) => ({
        id: `again-${i}`,
        surname: p.forms.surname.ru,
        first_name: p.forms.givenName.ru,
        date_of_birth: swapped(p.dateOfBirth),
      })),
      { id: ours[7]!.id, surname: ours[7]!.surname, first_name: ours[7]!.givenName, date_of_birth: '' },
    ])
    const imported = await send(negotiator.cookie, `${base}/sought`, sought)
    expect(imported.status).toBe(200)
    expect(imported.body).toEqual({
      rows: 64,
      persons: 64,
      flaggedRows: 4,
      duplicateGroups: 4,
      undecidedDuplicates: 4,
    })
    const received = await negotiator.json('GET', `${base}/received`)
    const flagged = received.body.rows.find((r: { ref: string }) => r.ref === 'again-0')
    expect(flagged.written.date_of_birth).toBe(swapped(twice[0]!.dateOfBirth))
    expect(flagged.flags[0].code).toBe('day_month_swapped')

    const dup = await negotiator.json('GET', `${base}/received/duplicates`)
    expect(dup.status).toBe(200)
    const groups: { key: string; rows: { ref: string }[]; evidence: { date: string; agreed: string[] }[] }[] =
      dup.body.groups
    expect(groups.map((g) => g.rows.map((r) => r.ref).sort())).toEqual(
      expect.arrayContaining([
        ...twice.map((p, i) => [p.id, `again-${i}`].sort()),
        [ours[7]!.id, `${ours[7]!.id}#65`].sort(),
      ]),
    )
    const russian = groups.find((g) => g.rows.some((r) => r.ref === 'again-1'))!
    expect(russian.evidence[0]!.date).toBe('day_month_swapped')

    // a plan before deciding would count both rows: refused, naming the list and what awaits
    for (const save of ['false', 'true']) {
      const early = await negotiator.json('POST', `${base}/plan?save=${save}`)
      expect(early.status).toBe(409)
      expect(early.body.detail).toContain('received list')
      expect(early.body.detail).toContain('4 group(s)')
      expect(early.body.details.reason).toEqual({
        code: 'plan.duplicatesUndecided',
        params: { groups: 4, pairs: 4 },
      })
    }
    expect((await negotiator.json('GET', `${base}/rounds`)).body.rounds).toEqual([])
    // one group decided leaves three
    const first = await negotiator.json(
      'POST',
      `${base}/received/duplicates/${encodeURIComponent(groups[0]!.key)}`,
      { decision: 'keep_both' },
    )
    expect(first.status).toBe(200)
    const three = await negotiator.json('POST', `${base}/plan`)
    expect(three.body.details.reason.params).toEqual({ groups: 3, pairs: 3 })
    for (const g of groups) {
      const keep = g.rows.find((r) => !r.ref.startsWith('again-') && !r.ref.includes('#'))!.ref
      const decided = await negotiator.json(
        'POST',
        `${base}/received/duplicates/${encodeURIComponent(g.key)}`,
        {
          decision: 'merge',
          keep,
        },
      )
      expect(decided.status).toBe(200)
    }
    const after = await negotiator.json('GET', `${base}/received`)
    expect(after.body.counts).toEqual({
      rows: 64,
      persons: 60,
      flaggedRows: 4,
      duplicateGroups: 4,
      undecidedDuplicates: 0,
    })
    const audit = await t.parley.conn.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'exchange.duplicates.decide')
      .execute()
    // four merges and the one group first kept apart, then merged: each decision audited
    expect(audit).toHaveLength(5)

    const plan = await negotiator.json('POST', `${base}/plan?save=true`)
    expect(plan.body).toMatchObject({ feasible: true, round: 1 })
    const proposed: string[] = plan.body.receive.map((p: { id: string }) => p.id)
    expect(proposed).toHaveLength(30)
    expect(proposed.filter((r) => r.startsWith('again-') || r.includes('#'))).toEqual([])

    // their counter-list: our given names in Russian, dates day first; 15 of ours removed, 5
    // others offered (2 said to replace someone, 3 left for the operator), one row nobody is, one twice
    const byId = new Map(ours.map((p) => [p.id, p]))
    const removed = proposed.slice(15)
    const offered = ours.filter((p) => !proposed.includes(p.id)).slice(0, 5)
    const give = plan.body.give.map((p: { id: string }) => {
      const x = plan.body.people[p.id]
      return { side: 'give', surname: x.surname, first_name: x.firstNames, date_of_birth: x.dateOfBirth }
    })
    const theirs = (ref: string) => {
      const p = byId.get(ref)!
      return {
        side: 'receive',
        surname: p.surname,
        first_name: p.forms.givenName.ru,
        date_of_birth: dayFirst(p.dateOfBirth),
      }
    }
    const counter = csv([
      ...give,
      ...proposed.slice(0, 15).map(theirs),
      ...offered.map((p, i) => ({ ...theirs(p.id), replaces: i < 2 ? removed[i]! : '' })),
      theirs(proposed[0]!),
      { side: 'receive', surname: 'Невідомий', first_name: 'Іван', date_of_birth: '01.01.1990' },
    ])
    const answer = await send(negotiator.cookie, `${base}/counter`, counter)
    expect(answer.status).toBe(200)
    expect(answer.body.round).toBe(2)
    expect(answer.body.counts).toMatchObject({ give: 30, receive: 20, unmatched: 1, repeated: 1 })
    const named = answer.body.named.receive
    expect(named.substituted.map((s: { out: Named; in: Named }) => [s.out.ref, s.in.ref])).toEqual([
      [removed[0], offered[0]!.id],
      [removed[1], offered[1]!.id],
    ])
    expect(named.removed.map((r: Named) => r.ref).sort()).toEqual(removed.slice(2).sort())
    expect(named.removed[0].name).toContain(byId.get(named.removed[0].ref)!.surname)
    expect(named.unmatched.map((u: { written: string }) => u.written)).toEqual([
      'Невідомий Іван (01.01.1990)',
    ])
    const rowMatch = answer.body.matches.find((m: { line: number }) => m.line === 32)
    expect(rowMatch).toMatchObject({
      status: 'matched',
      match: { agreed: ['surname', 'given_name', 'date_of_birth'] },
    })

    // the operator pairs three more; list order pairs nobody
    for (let i = 2; i < 5; i++) {
      const paired = await negotiator.json('POST', `${base}/rounds/2/pairings`, {
        side: 'receive',
        out: removed[i],
        in: offered[i]!.id,
      })
      expect(paired.status).toBe(200)
    }
    const wrong = await negotiator.json('POST', `${base}/rounds/2/pairings`, {
      side: 'receive',
      out: proposed[0],
      in: offered[0]!.id,
    })
    expect(wrong.status).toBe(400)
    const difference = await negotiator.json('GET', `${base}/rounds/2/difference`)
    expect(difference.body.difference.receive.substituted).toHaveLength(5)
    expect(difference.body.difference.receive.removed).toHaveLength(10)
    expect(difference.body.difference.receive.added).toHaveLength(0)
    const rounds = await negotiator.json('GET', `${base}/rounds`)
    expect(rounds.body.rounds[1].difference.receive.substituted).toHaveLength(5)

    // 30 given for 20 received: the balance is breached; agreeing needs a reason
    const refused = await negotiator.json('POST', `${base}/agreement`, {})
    expect(refused.status).toBe(409)
    expect(refused.body.breaches).toEqual([{ code: 'balance_equal', params: { give: 30, receive: 20 } }])
    expect((await negotiator.json('GET', base)).body.status).toBe('proposed')
    const old = await negotiator.json('POST', `${base}/agree`)
    expect(old.status).toBe(409)
    const agreed = await negotiator.json('POST', `${base}/agreement`, {
      reason: 'the other side hands over ten more in the next exchange',
    })
    expect(agreed.status).toBe(200)
    expect(agreed.body.status).toBe('agreed')
    const entry = await t.parley.conn.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'exchange.agreed')
      .executeTakeFirstOrThrow()
    expect(entry.after).toMatchObject({ reason: 'the other side hands over ten more in the next exchange' })

    const reopened = await negotiator.json('POST', `${base}/reopen`, { reason: 'the count is disputed' })
    expect(reopened.body.status).toBe('proposed')
    expect((await negotiator.json('GET', base)).body).toMatchObject({ annotated: 40, rounds: 2 })
  }, 180_000)
})
