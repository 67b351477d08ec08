import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REGISTRAR } from '../../test/support/factories'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import type { Connection } from '../db/connection'
import { createPersonImportService } from './import-service'
import * as store from './store'

let conn: Connection
const clock = () => new Date('2026-11-01T10:00:00Z')
const importer = () =>
  createPersonImportService({ db: conn.db, store, audit: auditStore, clock, romanize: (t) => t })
const count = async () =>
  Number(
    (
      await conn.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeEach(async () => {
  conn = await createTestDatabase()
})
afterEach(async () => conn.close())
afterAll(dropTestTemplate)

const GOOD = `surname,first_name,patronymic,rank,service_number,date_of_birth,captured_on
Мельник,Андрій,Петрович,private,AA-100001,12.03.1995,2026-09-01
Кравченко,Олег,,sergeant,AA-100002,1990,2026-09-01
`

describe('importPersons', () => {
  it('registers every row and, imported again, changes nothing', async () => {
    expect(await importer().importPersons(REGISTRAR, { name: 'a.csv', content: GOOD })).toMatchObject({
      rows: 2,
      created: 2,
      unchanged: 0,
    })
    const auditBefore = await auditStore.readAuditBatch(conn.db, 0, 100)
    expect(await importer().importPersons(REGISTRAR, { name: 'a.csv', content: GOOD })).toMatchObject({
      rows: 2,
      created: 0,
      unchanged: 2,
      importId: null,
    })
    expect(await count()).toBe(2)
    expect(await auditStore.readAuditBatch(conn.db, 0, 100)).toHaveLength(auditBefore.length)
  })

  it('reads Ukrainian headers and keeps partial dates of birth', async () => {
    await importer().importPersons(REGISTRAR, {
      name: 'uk.csv',
      content: 'прізвище,ім’я,дата народження\nБойко,Іван,1988-07\n',
    })
    const row = await conn.db.selectFrom('persons').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({ surname: 'Бойко', first_names: 'Іван', date_of_birth: '1988-07' })
  })

  it('refuses the whole file when one row is bad, naming the row and column, and stores nothing', async () => {
    const bad = `${GOOD}Шевченко,Тарас,,private,AA-3,31.02.1999,2026-09-01\n,Марко,,private,AA-4,1990,2026-09-01\n`
    await expect(
      importer().importPersons(REGISTRAR, { name: 'bad.csv', content: bad }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [
        { path: 'row 4.date_of_birth', message: '31.02.1999 is not a date' },
        { path: 'row 5.surname', message: 'must not be empty' },
      ],
    })
    expect(await count()).toBe(0)
  })

  it('refuses unknown columns rather than dropping their data', async () => {
    await expect(
      importer().importPersons(REGISTRAR, { name: 'x.csv', content: 'surname,shoe_size\nX,44\n' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'column shoe_size' }],
    })
  })

  it('refuses a row whose facility does not exist', async () => {
    await expect(
      importer().importPersons(REGISTRAR, { name: 'f.csv', content: 'surname,facility\nX,Nowhere camp\n' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'row 2.facility', message: 'no facility named Nowhere camp' }],
    })
  })

  it('refuses a file that is not CSV', async () => {
    await expect(
      importer().importPersons(REGISTRAR, { name: 'x.csv', content: 'surname,rank\n"unterminated,x\n' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})
