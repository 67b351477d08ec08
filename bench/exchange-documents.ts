import { stringify } from 'csv-stringify/sync'
import { generatePersons } from '../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../src/generate/scenarios'
import { startTestServer } from '../test/support/test-server'
import { type Benchmark, peakRssMiB } from './lib'
import { BENCH_ACTOR } from './support'

/**
 * The handover report and the agreed lists of a 1000-for-1000 exchange (2,000 persons, stages
 * 390/307/303) written as PDF and XLSX in Ukrainian through the service, as the download route
 * does: the time from the request to the bytes, and the file's size. Half the persons crossed,
 * a tenth did not come, so every column of the report is filled.
 */
const bench: Benchmark = {
  description: 'Exchange documents: handover report and agreed lists of 2,000 persons as PDF and XLSX',
  sizes: ['1000', '300'],
  async run({ size = '1000' }) {
    const perSide = Number(size)
    const server = await startTestServer()
    try {
      const { personImport, exchanges, exchangeDocuments } = server.parley.services
      const held = [...generatePersons({ seed: 91, count: perSide + 50, nationality: 'RU' })]
      await personImport.importPersons(BENCH_ACTOR, {
        name: 'held.csv',
        content: stringify([
          REGISTER_COLUMNS,
          ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 91)[c] ?? '')),
        ]),
      })
      const ids = await server.parley.conn.db.selectFrom('persons').select('id').execute()
      const e = await exchanges.createExchange(BENCH_ACTOR, {
        name: 'Documents benchmark',
        counterpart: 'the other side',
        mediator: 'ICRC',
        terms: { maxSize: perSide },
        stages: [0.39, 0.307, 0.303].map((f) => Math.max(1, Math.round(f * perSide))),
      })
      await exchanges.annotateGive(
        BENCH_ACTOR,
        e.id,
        ids.map((p) => ({ personId: p.id, consent: true })),
      )
      const ours = [
        ...generatePersons({ seed: 92, count: perSide + 50, nationality: 'UA', firstId: 600_000 }),
      ]
      const sought = stringify([
        ['id', 'surname', 'first_name', 'patronymic', 'date_of_birth', 'sex', 'captured_on'],
        ...ours.map((p) => [
          p.id,
          p.surname,
          p.givenName,
          p.patronymic,
          p.dateOfBirth,
          p.sex,
          p.capture.date,
        ]),
      ])
      await exchanges.importSought(BENCH_ACTOR, e.id, 'sought.csv', Buffer.from(sought))
      await exchanges.plan(BENCH_ACTOR, e.id, { save: true })
      await exchanges.setStatus(BENCH_ACTOR, e.id, 'agreed', { reason: 'benchmark' })
      const started = await exchanges.startHandover(BENCH_ACTOR, e.id)
      for (const [i, r] of started.rows.entries()) {
        if (i % 2 === 1) continue
        await exchanges.checkOff(BENCH_ACTOR, e.id, {
          side: r.side,
          ref: r.ref,
          outcome: i % 10 === 0 ? 'no_show' : 'crossed',
        })
      }

      const figures: Record<string, number> = { persons: started.rows.length }
      for (const document of ['handover-report', 'agreed-lists'] as const)
        for (const format of ['pdf', 'xlsx'] as const) {
          const runs: number[] = []
          let bytes = 0
          for (let k = 0; k < 3; k++) {
            const t = performance.now()
            const out = await exchangeDocuments.exportDocument(e.id, document, format, 'uk')
            runs.push(performance.now() - t)
            bytes = out.bytes.length
          }
          const key = `${document === 'handover-report' ? 'report' : 'lists'}${format === 'pdf' ? 'Pdf' : 'Xlsx'}`
          figures[`${key}MedianMs`] = Math.round(runs.sort((a, b) => a - b)[1]!)
          figures[`${key}KiB`] = Math.round(bytes / 1024)
        }
      figures.peakRssMiB = peakRssMiB()
      return { params: { perSide, stages: e.stages, lang: 'uk', runs: 3 }, figures }
    } finally {
      await server.close()
    }
  },
}

export default bench
