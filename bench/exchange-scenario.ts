import { stringify } from 'csv-stringify/sync'
import { generatePersons } from '../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../src/generate/scenarios'
import { startTestServer } from '../test/support/test-server'
import { percentile } from './lib'
import { BENCH_ACTOR } from './support'

/**
 * The plan of issue 13's scenario through the service, as the Plan button runs it: 5,000 held
 * persons in the register (consent noted, five Art. 109 refusals recorded on the person), a list
 * of 3,000 of ours as the other side sent it (twelve persons twice, decided), 1000 for 1000 in
 * three stages. Timed from the call to the answer: reading the register and the facts, the pools,
 * the planner, naming the reasons. `runs` plans after one warm-up (the solver's runtime loads once).
 */
export async function scenarioPlanTime(runs = 5) {
  const server = await startTestServer()
  try {
    const { personImport, exchanges, custody } = server.parley.services
    const held = [...generatePersons({ seed: 131, count: 5000, nationality: 'RU' })]
    let t = performance.now()
    await personImport.importPersons(BENCH_ACTOR, {
      name: 'held.csv',
      content: stringify([
        REGISTER_COLUMNS,
        ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 131)[c] ?? '')),
      ]),
    })
    const importMs = performance.now() - t
    const ids = (await server.parley.conn.db.selectFrom('persons').select('id').execute()).map((p) => p.id)
    const today = new Date().toISOString().slice(0, 10)
    for (const id of ids.slice(10, 15))
      await custody.recordEvent(BENCH_ACTOR, id, {
        type: 'refused_repatriation',
        occurredOn: today,
        heardBy: 'ICRC interview',
      })
    const e = await exchanges.createExchange(BENCH_ACTOR, {
      name: 'Scenario benchmark',
      counterpart: 'the other side',
      terms: { maxSize: 1000 },
      stages: [390, 307, 303],
    })
    await exchanges.annotateGive(
      BENCH_ACTOR,
      e.id,
      ids.map((personId, i) => ({ personId, consent: true, requested: i >= 30 && i < 40 })),
    )
    const ours = [...generatePersons({ seed: 132, count: 2988, nationality: 'UA', firstId: 700_000 })]
    const twice = ours.filter((p) => Number(p.dateOfBirth.slice(8, 10)) > 12).slice(0, 12)
    const row = (p: (typeof ours)[number], i: number) => [
      p.id,
      p.surname,
      p.givenName,
      p.dateOfBirth,
      p.sex,
      i % 40 === 0 ? 'yes' : 'no',
      p.capture.date,
    ]
    const list = stringify([
      ['id', 'surname', 'first_name', 'date_of_birth', 'sex', 'seriously_wounded', 'captured_on'],
      ...ours.map(row),
      ...twice.map((p, i) => {
        const r = row(p, 1)
        const d = p.dateOfBirth
        return [
          `again-${i}`,
          p.forms.surname.ru,
          p.forms.givenName.ru,
          `${d.slice(0, 4)}-${d.slice(8, 10)}-${d.slice(5, 7)}`,
          ...r.slice(4),
        ]
      }),
    ])
    t = performance.now()
    await exchanges.importSought(BENCH_ACTOR, e.id, 'their-list.csv', Buffer.from(list))
    const receivedMs = performance.now() - t
    const { groups } = await exchanges.duplicates(e.id)
    for (const g of groups) {
      const again = g.rows.some((r) => r.ref.startsWith('again-'))
      await exchanges.decide(
        BENCH_ACTOR,
        e.id,
        g.key,
        again ? { decision: 'merge', keep: g.rows[0]!.ref } : { decision: 'keep_both' },
      )
    }
    await exchanges.plan(BENCH_ACTOR, e.id)
    const planMs: number[] = []
    let plan = await exchanges.plan(BENCH_ACTOR, e.id)
    for (let i = 0; i < runs; i++) {
      t = performance.now()
      plan = await exchanges.plan(BENCH_ACTOR, e.id)
      planMs.push(performance.now() - t)
    }
    return {
      scenarioHeld: ids.length,
      scenarioListRows: ours.length + twice.length,
      scenarioDuplicateGroups: groups.length,
      scenarioImportMs: Math.round(importMs),
      scenarioReceivedListMs: Math.round(receivedMs),
      scenarioPlanP50Ms: Math.round(percentile(planMs, 50)),
      scenarioPlanMaxMs: Math.round(Math.max(...planMs)),
      scenarioPlanRunsMs: planMs.map((x) => Math.round(x)).join(' '),
      scenarioPlanMethod: plan.method,
      scenarioPlanProven: String(plan.proven),
      scenarioGive: plan.give.length,
      scenarioReceive: plan.receive.length,
    }
  } finally {
    await server.close()
  }
}
