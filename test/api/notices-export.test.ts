import { generateKeyPairSync } from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { batchFile, signExport, verifyExport } from '../../src/notices/export'
import { REGISTRAR } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())
afterAll(dropTestTemplate)

const today = () => new Date().toISOString().slice(0, 10)
const persons = [...generatePersons({ seed: 1602, count: 3, nationality: 'RU' })]

describe('a batch exported and signed', () => {
  it('writes one row per notice with the name as written and in Latin letters; one changed byte fails the check', async () => {
    const custody = t.parley.services.custody
    const camp = await custody.createFacility(REGISTRAR, { name: 'Табір 1', kind: 'camp' })
    for (const p of persons)
      await custody.registerPerson(REGISTRAR, {
        category: 'prisoner_of_war',
        surname: p.surname,
        firstNames: p.givenName,
        rank: p.rank,
        serviceNumber: p.serviceNumber,
        dateOfBirth: p.dateOfBirth,
        capturedOn: today(),
        capturePlace: p.capture.place,
        facilityId: camp.id,
      })
    const actor = { id: 'l', name: 'Test liaison', role: 'liaison' as const }
    const prepared = await t.parley.services.notices.prepareBatch(actor, { recipient: 'agency' })
    const batch = await t.parley.services.notices.getBatch(prepared.id)
    expect(batch.notices).toHaveLength(6)
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')

    const json = JSON.parse((await batchFile(batch, batch.notices, 'json', new Date())).toString('utf8'))
    expect(json.notices).toHaveLength(6)
    expect(json.notices[0]).toMatchObject({
      article: expect.stringMatching(/^GC III/),
      name: expect.any(String),
    })
    expect(json.notices.map((n: { name: string }) => n.name).join(' ')).toContain(persons[0]!.surname)
    expect(json.notices.every((n: { name_latin: string }) => /^[A-Za-z' -]+$/.test(n.name_latin))).toBe(true)

    const xlsx = await batchFile(batch, batch.notices, 'xlsx', new Date())
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx as unknown as ArrayBuffer)
    expect(book.getWorksheet('notices')!.rowCount).toBe(7)

    const csv = await batchFile(batch, batch.notices, 'csv', new Date())
    expect(csv.toString('utf8').trim().split('\n')).toHaveLength(7)
    const signature = signExport('batch.csv', csv, privateKey, publicKey)
    expect(verifyExport(csv, signature, publicKey)).toBeNull()
    const changed = Buffer.from(csv)
    changed[changed.length - 3] = changed[changed.length - 3]! ^ 1
    expect(verifyExport(changed, signature, publicKey)).toMatch(/changed since it was signed/)
    expect(
      verifyExport(csv, { ...signature, sha256: signature.sha256.replace(/^./, '0') }, publicKey),
    ).toMatch(/signature does not match/)
    const other = generateKeyPairSync('ed25519').publicKey
    expect(verifyExport(csv, signature, other)).toMatch(/another key/)
  }, 120_000)
})
