import { describe, expect, it } from 'vitest'
import { connectionFromPglite, openPglite } from '../../src/db/connection'
import { migrate, migrationNames, vacuumedAfter } from '../../src/db/migrate'

describe('migrations applied to a database that had some (an upgrade)', () => {
  it('are announced one by one, and a new database is not', { timeout: 300_000 }, async () => {
    const conn = connectionFromPglite(await openPglite('memory://'))
    try {
      const names = migrationNames()
      const told: string[] = []
      const onUpgrade = (file: string) => told.push(file)
      await migrate(conn, { only: new Set(names.slice(0, -2)), onUpgrade })
      expect(told).toEqual([])
      const report = await migrate(conn, { onUpgrade })
      expect(report.applied).toEqual(names.slice(-2))
      expect(told).toEqual(names.slice(-2))
    } finally {
      await conn.close()
    }
  })
})

describe('a migration that rewrites a table', () => {
  it('names the tables to vacuum after it in its own text', () => {
    expect(
      vacuumedAfter('update persons set x = 1;\n-- parley:vacuum persons\n-- parley:vacuum person_events\n'),
    ).toEqual(['persons', 'person_events'])
    expect(vacuumedAfter('-- parley:vacuum persons; drop table x\n')).toEqual([])
  })
})
