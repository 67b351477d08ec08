import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openPglite } from './connection'

let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
  dir = undefined
})

describe('the embedded database on disk', () => {
  it('runs with fsync on, so an acknowledged commit survives the machine stopping', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'parley-durable-'))
    const client = await openPglite(dir)
    try {
      // PGlite by itself starts with fsync off (`-F`)
      expect((await client.query<{ fsync: string }>('show fsync')).rows[0]?.fsync).toBe('on')
      const fs = (client as unknown as { mod: { NODEFS: { stream_ops: { fsync?: unknown } } } }).mod.NODEFS
        .stream_ops
      // its Node file system's fsync reaches the disk instead of doing nothing
      expect(typeof fs.fsync).toBe('function')
      await client.exec('create table t (x int); insert into t values (1)')
      expect((await client.query<{ n: number }>('select count(*)::int as n from t')).rows[0]?.n).toBe(1)
    } finally {
      await client.close()
    }
  }, 120_000)
})
