import { createHash, createPublicKey } from 'node:crypto'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { generatePersons } from '../../src/generate'
import { verifyExport } from '../../src/notices/export'
import { REGISTRAR } from '../support/factories'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, 120_000)
afterEach(() => t.close())
afterAll(dropTestTemplate)

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
const today = () => daysAgo(0)
const persons = [...generatePersons({ seed: 1603, count: 2, nationality: 'RU' })]
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** The generator's prisoners, captured `ago` days back (one each), at one camp. */
async function captured(...ago: number[]) {
  const custody = t.parley.services.custody
  const camp = await custody.createFacility(REGISTRAR, { name: 'Табір 3', kind: 'camp' })
  for (const [i, n] of ago.entries()) {
    const p = persons[i]!
    await custody.registerPerson(REGISTRAR, {
      category: 'prisoner_of_war',
      surname: p.surname,
      firstNames: p.givenName,
      rank: p.rank,
      serviceNumber: p.serviceNumber,
      dateOfBirth: p.dateOfBirth,
      capturedOn: daysAgo(n),
      capturePlace: p.capture.place,
      facilityId: camp.id,
    })
  }
}

const fileCount = async () =>
  Number(
    (
      await t.parley.conn.db
        .selectFrom('notice_batch_files')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('everything sent is kept as sent', () => {
  it('keeps the exported file and its hash with the batch; downloaded again it is the same bytes, validly signed', async () => {
    await captured(0, 0)
    const liaison = await t.as('liaison')
    const batch = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    expect(batch.status).toBe(201)
    const id = batch.body.id

    const bad = await liaison.request('GET', `/api/v1/notices/batches/${id}/export?format=pdf`)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/format/)
    expect(await fileCount()).toBe(0)

    const res = await liaison.request('GET', `/api/v1/notices/batches/${id}/export?format=json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(`batch-${batch.body.number}.json`)
    const downloaded = Buffer.from(await res.arrayBuffer())
    expect(res.headers.get('x-parley-sha256')).toBe(sha256(downloaded))
    expect(JSON.parse(downloaded.toString('utf8')).notices).toHaveLength(batch.body.count)

    const before = await liaison.json('GET', `/api/v1/notices/batches/${id}`)
    expect(before.body.files).toEqual([expect.objectContaining({ format: 'json', sent: false })])
    const sent = await liaison.json('POST', `/api/v1/notices/batches/${id}/sent`, {
      on: today(),
      how: 'CTA portal',
      reference: 'CTA-2026-77',
    })
    expect(sent.status).toBe(200)
    // an export after the sending is kept too, but not as sent
    await liaison.request('GET', `/api/v1/notices/batches/${id}/export?format=csv`)

    const after = await liaison.json('GET', `/api/v1/notices/batches/${id}`)
    const [asSent, later] = after.body.files
    expect(asSent).toMatchObject({
      format: 'json',
      sent: true,
      sha256: sha256(downloaded),
      size: downloaded.length,
    })
    expect(later).toMatchObject({ format: 'csv', sent: false })

    const again = await liaison.request('GET', `/api/v1/notices/batches/${id}/files/${asSent.id}`)
    expect(again.status).toBe(200)
    expect(Buffer.from(await again.arrayBuffer()).equals(downloaded)).toBe(true)
    const signature = await liaison.json('GET', `/api/v1/notices/batches/${id}/files/${asSent.id}/signature`)
    expect(signature.body.sha256).toBe(sha256(downloaded))
    const publicKey = createPublicKey(t.parley.services.audit.exportCheckpoints().publicKey)
    expect(verifyExport(downloaded, signature.body, publicKey)).toBeNull()
    const changed = Buffer.from(downloaded)
    changed[10] = changed[10]! ^ 1
    expect(verifyExport(changed, signature.body, publicKey)).toMatch(/changed since it was signed/)

    const entry = await t.parley.conn.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'notices.batch.sent')
      .executeTakeFirstOrThrow()
    const logged = typeof entry.after === 'string' ? JSON.parse(entry.after) : entry.after
    expect(logged.files).toEqual([{ file: asSent.fileName, sha256: sha256(downloaded) }])

    const list = await liaison.json('GET', '/api/v1/notices/batches')
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        state: 'sent',
        count: batch.body.count,
        sent: expect.objectContaining({ reference: 'CTA-2026-77' }),
      }),
    ])
    const other = await liaison.request('GET', `/api/v1/notices/batches/${id}/files/${crypto.randomUUID()}`)
    expect(other.status).toBe(404)
  }, 120_000)

  it('a batch marked sent without an export keeps its CSV as sent', async () => {
    await captured(0)
    const liaison = await t.as('liaison')
    const batch = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    await liaison.json('POST', `/api/v1/notices/batches/${batch.body.id}/sent`, {
      on: today(),
      how: 'by hand',
    })
    const after = await liaison.json('GET', `/api/v1/notices/batches/${batch.body.id}`)
    expect(after.body.files).toEqual([expect.objectContaining({ format: 'csv', sent: true })])
    const kept = await liaison.request(
      'GET',
      `/api/v1/notices/batches/${batch.body.id}/files/${after.body.files[0].id}`,
    )
    const bytes = Buffer.from(await kept.arrayBuffer())
    expect(sha256(bytes)).toBe(after.body.files[0].sha256)
    expect(bytes.toString('utf8').trim().split('\n')).toHaveLength(batch.body.count + 1)
    // a registrar may not read what the bureau sent
    const registrar = await t.as('registrar')
    const refused = await registrar.request(
      'GET',
      `/api/v1/notices/batches/${batch.body.id}/files/${after.body.files[0].id}`,
    )
    expect(refused.status).toBe(403)
  }, 120_000)
})

describe('/api/v1/notices/figures', () => {
  it('counts the overdue now and the median days from event to sent in the month of sending', async () => {
    await captured(10, 4)
    const liaison = await t.as('liaison')
    const before = await liaison.json('GET', '/api/v1/notices/figures')
    expect(before.status).toBe(200)
    // captured 10 days ago: its notices' 7 days are over; 4 days ago: still within them
    const open = await liaison.json('GET', '/api/v1/notices?state=due')
    const overdue = open.body.items.filter((n: { overdueDays: number }) => n.overdueDays > 0).length
    expect(overdue).toBeGreaterThan(0)
    expect(before.body).toMatchObject({ open: open.body.items.length, overdue, months: [] })

    const batch = await liaison.json('POST', '/api/v1/notices/batches', { recipient: 'agency' })
    await liaison.json('POST', `/api/v1/notices/batches/${batch.body.id}/sent`, {
      on: today(),
      how: 'CTA portal',
    })
    const after = await liaison.json('GET', '/api/v1/notices/figures')
    const sentDays = open.body.items
      .filter((n: { recipient: string }) => n.recipient === 'agency')
      .map(
        (n: { event: { occurredOn: string } }) =>
          (Date.parse(today()) - Date.parse(n.event.occurredOn)) / 86_400_000,
      )
      .sort((a: number, b: number) => a - b)
    const mid = sentDays.length / 2
    const median = sentDays.length % 2 ? sentDays[Math.floor(mid)] : (sentDays[mid - 1] + sentDays[mid]) / 2
    expect(after.body.months).toEqual([
      // the ones sent past their deadline: those overdue before sending
      { month: today().slice(0, 7), sent: batch.body.count, sentLate: overdue, medianDays: median },
    ])
    expect(after.body.overdue).toBe(
      before.body.overdue -
        open.body.items.filter(
          (n: { recipient: string; overdueDays: number }) => n.recipient === 'agency' && n.overdueDays > 0,
        ).length,
    )
    expect((await liaison.request('GET', '/api/v1/notices/figures?months=0')).status).toBe(400)
  }, 120_000)
})
