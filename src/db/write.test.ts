import { sql } from 'kysely'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildPerson, REGISTRAR } from '../../test/support/factories'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import { createCustodyService } from '../custody/service'
import * as store from '../custody/store'
import type { Connection } from './connection'
import { createWritePipeline, writeStats } from './write'

let conn: Connection
const clock = () => new Date('2026-03-01T10:00:00Z')
const onServer = !!process.env.DATABASE_URL

const auditCount = async () =>
  Number(
    (
      await conn.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function twoPersons(): Promise<[string, string]> {
  const custody = createCustodyService({ db: conn.db, store, audit: auditStore, clock, romanize: (t) => t })
  const a = await custody.registerPerson(
    REGISTRAR,
    buildPerson({ surname: 'Коваль', capturedOn: '2026-02-01' }),
  )
  const b = await custody.registerPerson(
    REGISTRAR,
    buildPerson({ surname: 'Мельник', capturedOn: '2026-02-01' }),
  )
  return [a.id, b.id]
}

const entry = (id: string, note: string) => ({
  actorId: REGISTRAR.id,
  actorName: REGISTRAR.name,
  action: 'person.amend',
  entityType: 'person',
  entityId: id,
  before: null,
  after: { note },
})

/** An error as the database driver reports it, with PostgreSQL's code. */
const dbError = (code: string) => Object.assign(new Error(`database error ${code}`), { code })

beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => conn.close())
afterAll(dropTestTemplate)

describe('the write pipeline', () => {
  it('runs a write again after a deadlock and appends its audit entries once', async () => {
    const [a] = await twoPersons()
    const write = createWritePipeline({ db: conn.db, audit: auditStore, clock })
    const before = { ...writeStats(conn.db) }
    const entriesBefore = await auditCount()
    let attempts = 0
    const result = await write(async (ctx) => {
      attempts++
      await ctx.lock('persons', [a])
      await ctx.tx
        .updateTable('persons')
        .set({ unit: `attempt ${attempts}` })
        .where('id', '=', a)
        .execute()
      if (attempts < 3) throw dbError(attempts === 1 ? '40P01' : '40001')
      return { result: attempts, audit: [entry(a, 'kept')] }
    })
    expect(result).toBe(3)
    expect(writeStats(conn.db).retries - before.retries).toBe(2)
    // the failed attempts left nothing: one entry, and the row as the last attempt wrote it
    expect(await auditCount()).toBe(entriesBefore + 1)
    const row = await conn.db
      .selectFrom('persons')
      .select('unit')
      .where('id', '=', a)
      .executeTakeFirstOrThrow()
    expect(row.unit).toBe('attempt 3')
  }, 120_000)

  it('answers a conflict that remains with CONFLICT naming the records, and stores nothing', async () => {
    const [a, b] = await twoPersons()
    const write = createWritePipeline({ db: conn.db, audit: auditStore, clock, maxAttempts: 3 })
    const entriesBefore = await auditCount()
    let attempts = 0
    const refused = await write(async (ctx) => {
      attempts++
      await ctx.lock('persons', [b, a])
      await ctx.appendAudit([entry(a, 'bulk')])
      throw dbError('40P01')
    }).then(
      () => null,
      (e) => e,
    )
    expect(attempts).toBe(3)
    expect(refused).toMatchObject({ code: 'CONFLICT' })
    const [first, second] = [a, b].sort()
    expect(refused.message).toContain(`Person ${first}, person ${second} was being changed`)
    expect(refused.message).toContain('3 times in a row; nothing was saved')
    expect(await auditCount()).toBe(entriesBefore)
  }, 120_000)

  it('passes any other error through at once, without a retry', async () => {
    const write = createWritePipeline({ db: conn.db, audit: auditStore, clock })
    let attempts = 0
    await expect(
      write(async () => {
        attempts++
        throw dbError('23503') // foreign_key_violation: running it again cannot help
      }),
    ).rejects.toMatchObject({ code: '23503' })
    expect(attempts).toBe(1)
  }, 120_000)

  it('refuses to lock out of the one order (persons before exchanges), a defect not a user error', async () => {
    const [a] = await twoPersons()
    const write = createWritePipeline({ db: conn.db, audit: auditStore, clock })
    await expect(
      write(async (ctx) => {
        await ctx.lock('persons', [a])
        await ctx.lock('exchanges', [])
        return { result: null, audit: [] }
      }),
    ).rejects.toThrow(/lock order: exchanges locked after persons/)
  }, 120_000)

  it.runIf(onServer)(
    'survives a real deadlock on PostgreSQL: the victim is run again and both writes land',
    async () => {
      const [a, b] = await twoPersons()
      const write = createWritePipeline({ db: conn.db, audit: auditStore, clock })
      // both hold their first row before either asks for the second: a cycle PostgreSQL must break
      let arrived = 0
      let release: () => void = () => {}
      const bothHoldOne = new Promise<void>((r) => {
        release = r
      })
      const attempts = { ab: 0, ba: 0 }
      const rival = (first: string, second: string, key: 'ab' | 'ba') =>
        write(async ({ tx }) => {
          attempts[key]++
          // taken by hand, out of the pipeline's order, exactly what ctx.lock prevents
          await sql`select id from persons where id = ${first}::uuid for update`.execute(tx)
          if (attempts[key] === 1) {
            arrived++
            if (arrived === 2) release()
            await bothHoldOne
          }
          await sql`update persons set unit = ${key} where id = ${second}::uuid`.execute(tx)
          return { result: key, audit: [entry(second, key)] }
        })
      const before = { ...writeStats(conn.db) }
      expect((await Promise.all([rival(a, b, 'ab'), rival(b, a, 'ba')])).sort()).toEqual(['ab', 'ba'])
      expect(writeStats(conn.db).retries - before.retries).toBeGreaterThanOrEqual(1)
      expect(attempts.ab + attempts.ba).toBeGreaterThanOrEqual(3)
    },
    120_000,
  )
})
