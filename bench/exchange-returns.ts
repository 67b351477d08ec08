import { stringify } from 'csv-stringify/sync'
import type { Parley } from '../src/app/container'
import { romanizeName } from '../src/app/romanize'
import { insertRound, updateExchange } from '../src/exchange/store'
import { scenarioMissing } from '../src/generate/missing'
import type { Benchmark } from './lib'
import { BENCH_ACTOR, databasesFrom, freshParley, sizeToCount } from './support'

/**
 * The completion of a handover that brings home `returnees` of ours into a missing-persons register
 * of the given size (issues 13 and 15): once with the sought list built from the register (each row
 * linked to its record), once with a received list in Latin spellings, half of it in the register
 * (found by the name engine with the date of birth) and half unknown (a record created for each).
 */
const bench: Benchmark = {
  description: 'handover completion writing "returned" into the missing-persons register',
  sizes: ['5k', '50k'],
  async run({ size, args }) {
    const count = sizeToCount(size, 5000)
    const returnees = Math.min(1000, Math.floor(count / 5))
    const register = [...scenarioMissing({ seed: 1315, persons: count })]
    const content = Buffer.from(stringify(register, { header: true }))
    const figures: Record<string, number> = { returnees }
    for (const kind of databasesFrom(args, ['pglite'])) {
      const { parley, dispose } = await freshParley(kind, 'exchange-returns')
      try {
        await parley.services.missingImport(BENCH_ACTOR, { name: 'missing.csv', content })
        const { exchanges } = parley.services
        // linked: the confirmed missing, taken from the register
        const linked = await exchanges.createExchange(BENCH_ACTOR, { name: 'Linked', counterpart: 'them' })
        const built = await exchanges.soughtFromRegister(BENCH_ACTOR, linked.id)
        const refs = (await poolRefs(parley, linked.id)).slice(0, returnees)
        figures[`${kind}LinkedReturnees`] = refs.length
        figures[`${kind}LinkedCompleteSeconds`] = await completeTimed(parley, linked.id, refs)
        figures.confirmedInRegister = built.persons
        // matched by the name engine, and strangers
        const matched = register
          .filter((r) => r.status === 'missing' && r.date_of_birth)
          .slice(0, returnees / 2)
        const strangers = [...scenarioMissing({ seed: 1316, persons: returnees / 2 })]
        const file = stringify([
          ['id', 'surname', 'first_name', 'date_of_birth', 'captured_on'],
          ...matched.map((r, i) => [
            `k${i}`,
            romanizeName(r.surname!),
            romanizeName(r.first_names!),
            r.date_of_birth,
            '',
          ]),
          ...strangers.map((r, i) => [`s${i}`, r.surname, r.first_names, r.date_of_birth, r.last_seen_on]),
        ])
        const listed = await exchanges.createExchange(BENCH_ACTOR, { name: 'Listed', counterpart: 'them' })
        await exchanges.importSought(BENCH_ACTOR, listed.id, 'ours.csv', Buffer.from(file))
        const before = await recordCount(parley)
        figures[`${kind}ListedCompleteSeconds`] = await completeTimed(
          parley,
          listed.id,
          await poolRefs(parley, listed.id),
        )
        figures[`${kind}ListedNewRecords`] = (await recordCount(parley)) - before
      } finally {
        await dispose()
      }
    }
    return { params: { register: count, returnees }, figures }
  },
}
export default bench

async function poolRefs(parley: Parley, id: string) {
  const rows = await parley.conn.db
    .selectFrom('exchange_pool')
    .select('ref')
    .where('exchange_id', '=', id)
    .where('side', '=', 'receive')
    .orderBy('ref')
    .execute()
  return rows.map((r) => r.ref)
}

async function recordCount(parley: Parley) {
  const db = parley.conn.db
  const r = await db
    .selectFrom('missing_persons')
    .select(db.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Agrees to receive `refs`, checks every one off as crossed, and times the completion alone. */
async function completeTimed(parley: Parley, id: string, refs: string[]) {
  const db = parley.conn.db
  await insertRound(db, {
    exchangeId: id,
    n: 1,
    kind: 'proposal',
    give: [],
    receive: refs,
    detail: {},
    createdBy: 'bench',
  })
  await updateExchange(db, id, { status: 'agreed' })
  await parley.services.exchanges.startHandover(BENCH_ACTOR, id)
  await db
    .updateTable('exchange_handover')
    .set({ outcome: 'crossed' })
    .where('exchange_id', '=', id)
    .execute()
  const t = performance.now()
  await parley.services.exchanges.complete(BENCH_ACTOR, id)
  return Number(((performance.now() - t) / 1000).toFixed(2))
}
