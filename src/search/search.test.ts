import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPerson, REGISTRAR } from '../../test/support/factories'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import { romanizeName } from '../app/romanize'
import * as auditStore from '../audit/store'
import { createCustodyService } from '../custody/service'
import * as custodyStore from '../custody/store'
import type { Connection } from '../db/connection'
import { backfillNameKeys } from './backfill'
import { parseSearchQuery } from './query'
import { createSearchService } from './service'

let conn: Connection
const clock = () => new Date('2026-11-01T10:00:00Z')
const search = () => createSearchService({ db: conn.db })

beforeAll(async () => {
  conn = await createTestDatabase()
  const custody = createCustodyService({
    db: conn.db,
    store: custodyStore,
    audit: auditStore,
    clock,
    romanize: romanizeName,
  })
  const people = [
    { surname: 'Сирський', firstNames: 'Олександр', patronymic: 'Станіславович', dateOfBirth: '1965-07-26' },
    { surname: 'Сирський', firstNames: 'Петро', patronymic: 'Іванович', dateOfBirth: '1980-01-02' },
    {
      surname: 'Коваленко',
      firstNames: 'Микола',
      patronymic: 'Петрович',
      dateOfBirth: '1994-03-12',
      serviceNumber: 'АБ-123456',
    },
    { surname: 'Коваленко', firstNames: 'Микола', patronymic: 'Іванович', dateOfBirth: '1990-05-05' },
    { surname: 'Олійник', firstNames: 'Юрій', dateOfBirth: '1999' },
    { surname: 'Шевчук', firstNames: 'Ольга', dateOfBirth: '1988-11-30' },
  ]
  for (const p of people) await custody.registerPerson(REGISTRAR, buildPerson(p))
})
afterAll(async () => {
  await conn.close()
  await dropTestTemplate()
})

describe('search', () => {
  it('finds one person whatever alphabet and standard the name is typed in', async () => {
    for (const q of [
      'Олександр Сирський',
      'Oleksandr Syrskyi',
      'Aleksandr Syrsky',
      'Alexander Sirsky',
      'Александр Сырский',
      'Сирський Олександр',
    ]) {
      const { hits } = await search().searchPersons(q)
      expect(hits[0], q).toMatchObject({ surname: 'Сирський', firstNames: 'Олександр' })
      expect(hits[0]!.score).toBeGreaterThan(0.9)
    }
  })

  it('says why each person matched', async () => {
    const { hits } = await search().searchPersons('Alexander Sirsky')
    expect(hits[0]!.reasons.join('; ')).toContain('Sirsky = Сирський (same name key sirski)')
    expect(hits[0]!.reasons.join('; ')).toContain('Alexander = Олександр (one given name across languages)')
    expect(hits[0]!.matchedBy).toBe('name key')
  })

  it('uses the date of birth to tell namesakes apart', async () => {
    const { hits } = await search().searchPersons('Nikolai Kovalenko 05.05.1990')
    expect(hits[0]).toMatchObject({ patronymic: 'Іванович', dateOfBirth: '1990-05-05' })
  })

  it('finds a surname with a typing error, and a Russian form of a Ukrainian surname', async () => {
    const typo = await search().searchPersons('Коволенко Микола')
    expect(typo.hits[0]!.surname).toBe('Коваленко')
    const russian = await search().searchPersons('Олейник Юрий')
    expect(russian.hits[0]).toMatchObject({ surname: 'Олійник', firstNames: 'Юрій' })
  })

  it('finds persons by a date of birth alone, written either way', async () => {
    for (const q of ['1994-03-12', '12.03.1994']) {
      const { hits } = await search().searchPersons(q)
      expect(
        hits.map((h) => h.patronymic),
        q,
      ).toEqual(['Петрович'])
    }
    // a year alone: everyone born that year, those with only the year recorded too
    expect((await search().searchPersons('1999')).hits.map((h) => h.surname)).toEqual(['Олійник'])
    expect((await search().searchPersons('01.01.1970')).hits).toEqual([])
  })

  it('finds a service number', async () => {
    const { hits } = await search().searchPersons('АБ-123456')
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({ surname: 'Коваленко', matchedBy: 'service number', score: 1 })
  })

  it('keys persons registered before keys existed', async () => {
    await sql`update persons set surname_key = null, first_names_key = null`.execute(conn.db)
    expect(await backfillNameKeys(conn.db)).toBe(6)
    const { hits } = await search().searchPersons('Olha Shevchuk')
    expect(hits[0]!.surname).toBe('Шевчук')
  })

  it('takes a query apart into names, a date of birth and a service number', () => {
    expect(parseSearchQuery('Іванов Сергій 12.03.1994 АБ-1')).toEqual({
      names: ['Іванов', 'Сергій'],
      dateOfBirth: '1994-03-12',
      serviceNumber: 'АБ-1',
    })
    expect(parseSearchQuery('Ivanov 1994').dateOfBirth).toBe('1994')
  })
})
