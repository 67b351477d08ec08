import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { type Connection, connectionFromPglite, openConnection, openPglite } from '../../src/db/connection'
import { migrate } from '../../src/db/migrate'

/**
 * A fresh, migrated database for one test. On PGlite (the default) each test gets a `clone()` of a
 * template migrated once per test file; with DATABASE_URL set (CI's second pass) each test gets a new
 * PostgreSQL database created from a migrated template database.
 */
export async function createTestDatabase(): Promise<Connection> {
  const url = process.env.DATABASE_URL
  return url ? createServerDatabase(url) : createPgliteDatabase()
}

let template: Promise<PGlite> | undefined

async function createPgliteDatabase(): Promise<Connection> {
  template ??= (async () => {
    const client = await openPglite('memory://')
    const conn = connectionFromPglite(client)
    await migrate(conn)
    return client
  })()
  // clone() is typed as the interface; it is a PGlite instance.
  const clone = (await (await template).clone()) as PGlite
  return connectionFromPglite(clone)
}

let serverTemplate: Promise<string> | undefined

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function createServerDatabase(url: string): Promise<Connection> {
  serverTemplate ??= (async () => {
    const name = `parley_tpl_${process.pid}_${randomBytes(3).toString('hex')}`
    await adminQuery(url, `create database ${name}`)
    const conn = await openConnection({ kind: 'postgres', url: withDatabase(url, name) })
    await migrate(conn)
    await conn.close()
    return name
  })()
  const tpl = await serverTemplate
  const name = `parley_t_${process.pid}_${randomBytes(4).toString('hex')}`
  await adminQuery(url, `create database ${name} template ${tpl}`)
  const conn = await openConnection({ kind: 'postgres', url: withDatabase(url, name) })
  return {
    ...conn,
    close: async () => {
      await conn.close()
      await adminQuery(url, `drop database if exists ${name} with (force)`)
    },
  }
}

/** Drops this worker's template database at the end of a file (server pass only). */
export async function dropTestTemplate() {
  const url = process.env.DATABASE_URL
  if (!url || !serverTemplate) return
  const name = await serverTemplate
  serverTemplate = undefined
  await adminQuery(url, `drop database if exists ${name} with (force)`)
}

/**
 * A data folder of the test's own: the audit signing key, checkpoints and session secret of one
 * test database must never meet another's (a checkpoint signed for one chain fails the next).
 */
export function testDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'parley-test-'))
}
