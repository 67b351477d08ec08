import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

const url = process.env.DATABASE_URL
afterAll(dropTestTemplate)

// A server restart or an administrator's pg_terminate_backend ends idle connections; before the
// pool had an error listener that was an uncaught error which stopped the whole process.
describe.skipIf(!url)('a database connection the server closes', () => {
  it('is dropped from the pool and the next query opens another', async () => {
    const conn = await createTestDatabase()
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn.db)
      const pid = first.rows[0]!.pid
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        await admin.query('select pg_terminate_backend($1)', [pid])
      } finally {
        await admin.end()
      }
      // let the terminated connection's error reach the pool while it is idle
      await new Promise((r) => setTimeout(r, 500))
      const next = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn.db)
      expect(next.rows[0]!.pid).not.toBe(pid)
    } finally {
      await conn.close()
    }
  })
})
