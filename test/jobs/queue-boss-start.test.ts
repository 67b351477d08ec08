import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { type Connection, openConnection } from '../../src/db/connection'
import { createBossQueue } from '../../src/jobs/queue-boss'

/**
 * Several instances starting the PostgreSQL queue at once on a database pg-boss has never seen, as
 * two `parley worker` started together on a new site do. pg-boss's first start creates its schema
 * and queue tables; unserialised, one start could deadlock another (seen in CI: a worker that
 * printed "deadlock detected" and never took jobs). Every instance must start and take work.
 */
const SERVER_URL = process.env.DATABASE_URL

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: SERVER_URL })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

describe.skipIf(!SERVER_URL)('the PostgreSQL queue started by several instances at once', () => {
  it('starts every one on a new database, round after round', async () => {
    for (let round = 0; round < 4; round++) {
      const name = `parley_boss_${process.pid}_${randomBytes(3).toString('hex')}`
      await adminQuery(`create database ${name}`)
      const u = new URL(SERVER_URL!)
      u.pathname = `/${name}`
      const conns: Connection[] = []
      try {
        for (let k = 0; k < 4; k++) conns.push(await openConnection({ kind: 'postgres', url: u.toString() }))
        const errors: Error[] = []
        const queues = conns.map((c) => createBossQueue(c.db, { onError: (e) => errors.push(e) }))
        const started = await Promise.allSettled(queues.map((q) => q.work(async () => 'ran' as const)))
        const failed = started.flatMap((s, k) =>
          s.status === 'rejected' ? [`instance ${k}: ${s.reason}`] : [],
        )
        expect(failed, `round ${round}`).toEqual([])
        await Promise.all(queues.map((q) => q.stop()))
        expect(errors.map(String)).toEqual([])
      } finally {
        for (const c of conns) await c.close().catch(() => {})
        await adminQuery(`drop database if exists ${name} with (force)`)
      }
    }
  })
})
