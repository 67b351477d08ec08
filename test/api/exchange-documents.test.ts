import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { latinOf } from '../../src/exchange/documents/build'
import { updateExchange } from '../../src/exchange/store'
import { generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
let dir: string
beforeEach(async () => {
  t = await createTestApp()
  dir = mkdtempSync(path.join(tmpdir(), 'parley-docs-'))
})
afterEach(async () => {
  await t.close()
  rmSync(dir, { recursive: true, force: true })
})
afterAll(dropTestTemplate)

const ADMIN = { id: 'test', name: 'test', role: 'admin' as const }
const held = [...generatePersons({ seed: 51, count: 10, nationality: 'RU' })]
const ours = [...generatePersons({ seed: 52, count: 8, nationality: 'UA', firstId: 9000 })]
// a name from the other side's list that a spreadsheet would run as a formula
const FORMULA = '=HYPERLINK("http://example.invalid","Шевченко")'
const csv = (rows: Record<string, string>[]) => {
  const columns = Object.keys(rows[0]!)
  return stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
}
const today = () => new Date().toISOString().slice(0, 10)

/** An exchange of 8 for 8 in two stages, agreed, handed over with a no-show and a substitute. */
async function exchangeHandedOver() {
  await t.parley.services.personImport.importPersons(ADMIN, {
    name: 'held.csv',
    content: csv(held.map((p) => registerRow(p, 51))).replace(/^[^\n]*/, REGISTER_COLUMNS.join(',')),
  })
  const persons = await t.parley.conn.db.selectFrom('persons').select(['id']).execute()
  await t.parley.services.custody.recordEvents(
    ADMIN,
    persons.map((p) => ({ personId: p.id, event: { type: 'consent_given' as const, occurredOn: today() } })),
  )
  const negotiator = await t.as('negotiator')
  const created = await negotiator.json('POST', '/api/v1/exchanges', {
    name: 'Exchange 12',
    counterpart: 'the other side',
    mediator: 'ICRC',
    terms: { maxSize: 8 },
    stages: [4, 4],
  })
  const id = created.body.id as string
  const base = `/api/v1/exchanges/${id}`
  const sought = csv(
    ours.map((p, i) => ({
      id: p.id,
      surname: i === 0 ? FORMULA : p.surname,
      first_name: p.givenName,
      date_of_birth: p.dateOfBirth,
      sex: p.sex,
      seriously_wounded: i === 1 ? 'yes' : 'no',
      captured_on: p.capture.date,
    })),
  )
  const upload = await t.app.request(`${base}/sought`, {
    method: 'POST',
    headers: { cookie: negotiator.cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body: sought,
  })
  expect(upload.status).toBe(200)
  const plan = await negotiator.json('POST', `${base}/plan?save=true`)
  expect(plan.status).toBe(200)
  expect(plan.body.give).toHaveLength(8)
  expect(plan.body.receive).toHaveLength(8)
  return { id, base, negotiator, give: plan.body.give.map((p: { id: string }) => p.id) as string[] }
}

async function download(client: Awaited<ReturnType<typeof t.as>>, url: string) {
  const res = await client.request('GET', url)
  const bytes = Buffer.from(await res.arrayBuffer())
  return { res, bytes }
}

function pdfText(bytes: Buffer): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
}

describe('the exchange documents', () => {
  it('prints the agreed lists in Ukrainian, English and Russian, with the Cyrillic names and their Latin form', async () => {
    const { id, base, negotiator } = await exchangeHandedOver()
    const register = await t.parley.conn.db.selectFrom('persons').select(['surname', 'first_names']).execute()
    const one = register[0]!
    for (const [lang, title, page] of [
      ['uk', 'Узгоджені списки', 'сторінка 1 з'],
      ['en', 'Agreed lists', 'page 1 of'],
      ['ru', 'Согласованные списки', 'страница 1 из'],
    ] as const) {
      const { res, bytes } = await download(
        negotiator,
        `${base}/documents/agreed-lists?format=pdf&lang=${lang}`,
      )
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('content-disposition')).toMatch(
        new RegExp(
          `^attachment; filename="agreed-lists-${id.slice(0, 8)}-\\d{4}-\\d\\d-\\d\\d-${lang}\\.pdf"$`,
        ),
      )
      const text = pdfText(bytes)
      expect(text).toContain(title)
      expect(text).toContain(page)
      // ours as written in Cyrillic and in Latin letters, theirs too
      expect(text).toContain(one.surname)
      expect(text).toContain(
        latinOf({ surname: one.surname, firstNames: one.first_names ?? '' }).split(' ')[0],
      )
      expect(text).toContain(ours[2]!.surname)
    }
    // the seriously wounded of ours is in the first stage, named by his priority group
    const xlsx = await download(negotiator, `${base}/documents/agreed-lists?format=xlsx&lang=en`)
    expect(xlsx.res.status).toBe(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as never)
    const receive = book.worksheets[2]!
    const wounded = receive
      .getSheetValues()
      .find((r) => Array.isArray(r) && r.includes(ours[1]!.surname)) as unknown[]
    expect(wounded).toContain('seriously wounded or sick')
    expect(wounded).toContain(1)
  }, 180_000)

  it('prints the handover report with results, reasons, substitutes, counts per stage and totals', async () => {
    const { base, negotiator, give } = await exchangeHandedOver()
    await updateExchange(t.parley.conn.db, base.split('/').at(-1)!, { status: 'agreed' })
    const started = await negotiator.json('POST', `${base}/handover`)
    expect(started.status).toBe(200)
    type Row = { side: 'give' | 'receive'; ref: string }
    const rows: Row[] = started.body.rows
    const [noShow, replaced] = give
    const spare = (await t.parley.conn.db.selectFrom('persons').select('id').execute())
      .map((p) => p.id)
      .find((p) => !give.includes(p))!
    for (const r of rows) {
      const outcome =
        r.ref === noShow
          ? { outcome: 'no_show' }
          : r.ref === replaced
            ? { outcome: 'substituted', substituteRef: spare }
            : { outcome: 'crossed' }
      expect(
        (await negotiator.json('POST', `${base}/handover/check`, { side: r.side, ref: r.ref, ...outcome }))
          .status,
      ).toBe(200)
    }
    expect((await negotiator.json('POST', `${base}/handover/complete`)).status).toBe(200)

    const names = new Map(
      (await t.parley.conn.db.selectFrom('persons').select(['id', 'surname']).execute()).map((p) => [
        p.id,
        p.surname,
      ]),
    )
    const pdf = await download(negotiator, `${base}/documents/handover-report?format=pdf&lang=uk`)
    expect(pdf.res.status).toBe(200)
    const text = pdfText(pdf.bytes)
    expect(text).toContain('Акт передачі')
    expect(text).toContain(names.get(noShow!)!)
    expect(text).toContain('не з’явився')
    expect(text).toContain(names.get(spare)!)
    // totals: 8 agreed on our side, 7 crossed (a substitute among them), 1 did not, 1 replaced
    expect(text).toMatch(/Разом\s+Особи, яких передаємо ми\s+8\s+7\s+1\s+1\s+0/)
    expect(text).toMatch(/Разом\s+Особи, яких приймаємо ми\s+8\s+8\s+0\s+0\s+0/)
    expect(text).toContain('Від посередника (ICRC)')
    expect(text).toMatch(/сторінка 1 з \d+/)

    const ru = pdfText(
      (await download(negotiator, `${base}/documents/handover-report?format=pdf&lang=ru`)).bytes,
    )
    expect(ru).toContain('Акт передачи')
    expect(ru).toContain('не явился')

    const xlsx = await download(negotiator, `${base}/documents/handover-report?format=xlsx&lang=en`)
    expect(xlsx.res.status).toBe(200)
    expect(xlsx.res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.bytes as never)
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Document',
      'Persons handed over by us',
      'Persons received by us',
      'Counts per stage',
    ])
    const [, giveSheet, receiveSheet, counts] = book.worksheets
    expect(giveSheet!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(giveSheet!.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(giveSheet!.actualRowCount).toBe(1 + 8)
    expect(receiveSheet!.actualRowCount).toBe(1 + 8)
    const cells = receiveSheet!.getSheetValues().flat().map(String)
    // the formula from their list is text in the workbook, never a formula
    expect(cells).toContain(`'${FORMULA}`)
    expect(cells).not.toContain(FORMULA)
    const replacedRow = giveSheet!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r.includes(names.get(replaced!)))
    expect(replacedRow).toContain('replaced')
    expect(String((replacedRow as unknown[]).at(-1))).toContain(names.get(spare)!)
    const total = counts!
      .getSheetValues()
      .find((r) => Array.isArray(r) && r[1] === 'Total' && r[2] === 'Persons handed over by us')
    expect((total as unknown[]).slice(3)).toEqual([8, 7, 1, 1, 0])

    // each download is a disclosure of the persons it names
    const audit = await t.parley.conn.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'exchange.documents.handover-report.read')
      .execute()
    expect(audit).toHaveLength(3)
    expect((audit[0]!.after as { ids: string[] }).ids).toEqual(
      expect.arrayContaining([noShow, replaced, spare]),
    )
  }, 180_000)

  it('refuses an unknown format or language naming the parameter, and readers without the right', async () => {
    const { base, negotiator } = await exchangeHandedOver()
    const lang = await negotiator.json('GET', `${base}/documents/agreed-lists?format=pdf&lang=de`)
    expect(lang.status).toBe(400)
    expect(lang.body.issues.map((i: { path: string }) => i.path)).toEqual(['lang'])
    const format = await negotiator.json('GET', `${base}/documents/agreed-lists?format=docx&lang=uk`)
    expect(format.status).toBe(400)
    expect(format.body.issues.map((i: { path: string }) => i.path)).toEqual(['format'])
    const kind = await negotiator.json('GET', `${base}/documents/everything?format=pdf`)
    expect(kind.status).toBe(400)
    expect(kind.body.issues.map((i: { path: string }) => i.path)).toEqual(['document'])
    const analyst = await t.as('analyst')
    expect((await analyst.request('GET', `${base}/documents/agreed-lists`)).status).toBe(403)
    const spec = await negotiator.json('GET', '/api/openapi.json')
    expect(
      spec.body.paths['/exchanges/{id}/documents/{document}'].get.responses['200'].headers,
    ).toHaveProperty('Content-Disposition')
  }, 180_000)
})
