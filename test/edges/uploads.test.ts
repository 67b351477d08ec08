import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createHttpApp } from '../../src/http/app'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

let t: Awaited<ReturnType<typeof createTestApp>>
// uploads go to os.tmpdir(): a folder of this file's own, so leftovers can be counted
const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-upload-test-'))
const savedTmp = process.env.TMPDIR
beforeAll(() => {
  process.env.TMPDIR = tmp
})
afterAll(async () => {
  process.env.TMPDIR = savedTmp
  rmSync(tmp, { recursive: true, force: true })
  await dropTestTemplate()
})
// a fresh app signs users in with real password hashes: slow on a loaded machine
beforeEach(async () => {
  t = await createTestApp()
}, 180_000)
afterEach(async () => t.close())

const LIMIT = 4096

/** The app with a small upload limit, as PARLEY_UPLOAD_LIMIT=4096 gives it. */
function smallLimitApp() {
  return createHttpApp({
    conn: t.parley.conn,
    auth: t.parley.auth,
    services: t.parley.services,
    logger: pino({ level: 'silent' }),
    baseUrl: 'http://localhost:4280',
    limits: { body: 1024 * 1024, upload: LIMIT },
  })
}

/** A body sent in chunks without Content-Length, as a client streaming a file does. */
function chunked(bytes: Buffer, chunk = 1000) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.subarray(i, i + chunk))
      controller.close()
    },
  })
}

async function upload(app: { request: typeof t.app.request }, cookie: string, url: string, body: Buffer) {
  const res = await app.request(url, {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost', 'content-type': 'text/csv' },
    body: chunked(body),
    duplex: 'half',
  } as RequestInit)
  return { status: res.status, body: await res.json() }
}

const listRows = (n: number) =>
  Buffer.from(
    `id,surname,first_name,date_of_birth\n${Array.from({ length: n }, (_, i) => `${i + 1},Петренко,Іван,1990-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\n`,
  )

/** Windows-1251 bytes of Ukrainian text, as an office PC saves a CSV. */
function cp1251(text: string): Buffer {
  const special: Record<string, number> = { і: 0xb3, І: 0xb2, ї: 0xbf, Ї: 0xaf, є: 0xba, Є: 0xaa }
  return Buffer.from(
    [...text].map((ch) => {
      const c = ch.codePointAt(0)!
      if (c < 0x80) return c
      if (c >= 0x410 && c <= 0x44f) return 0xc0 + (c - 0x410)
      return special[ch]!
    }),
  )
}

const leftovers = () => readdirSync(tmp).filter((f) => f.startsWith('parley-upload-'))

describe('uploads streamed to disk with their own limit', { timeout: 300_000 }, () => {
  it('refuses a streamed list over the upload limit with 413 naming it, storing and leaving nothing', async () => {
    const registrar = await t.as('analyst')
    const big = listRows(200)
    expect(big.length).toBeGreaterThan(LIMIT)
    const res = await upload(
      smallLimitApp(),
      registrar.cookie,
      '/api/v1/lists?name=big&file_name=big.csv',
      big,
    )
    expect(res.status).toBe(413)
    expect(res.body.code).toBe('TOO_LARGE')
    expect(res.body.detail).toContain('4 KiB (PARLEY_UPLOAD_LIMIT')
    expect(await t.parley.services.lists.listLists()).toHaveLength(0)
    expect(leftovers()).toEqual([])
  })

  it('stores a list within the limit read from disk, a Windows-1251 file as its letters', async () => {
    const registrar = await t.as('analyst')
    const file = cp1251('id,surname,first_name\n1,Ковальчук,Євген\n2,Їжакевич,Ігор\n')
    const res = await upload(smallLimitApp(), registrar.cookie, '/api/v1/lists?name=w&file_name=w.csv', file)
    expect(res.status).toBe(201)
    expect(res.body.rowCount).toBe(2)
    const rows = await t.parley.services.lists.listRows(res.body.id, 0, 10)
    expect(JSON.stringify(rows)).toContain('Їжакевич')
    expect(leftovers()).toEqual([])
    // the same file again is found by the hash taken while it streamed
    const again = await upload(
      smallLimitApp(),
      registrar.cookie,
      '/api/v1/lists?name=w&file_name=w.csv',
      file,
    )
    expect(again.status).toBe(200)
    expect(again.body.id).toBe(res.body.id)
  })

  it('refuses an empty upload as 400 and a broken encoding naming the file, leaving nothing', async () => {
    const registrar = await t.as('analyst')
    const empty = await upload(
      t.app,
      registrar.cookie,
      '/api/v1/lists?name=e&file_name=e.csv',
      Buffer.alloc(0),
    )
    expect(empty.status).toBe(400)
    const broken = Buffer.concat([Buffer.from('id,surname\n1,'), Buffer.from([0x80, 0x81, 0x82, 0x83, 0x41])])
    const res = await upload(t.app, registrar.cookie, '/api/v1/lists?name=b&file_name=b.csv', broken)
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('b.csv')
    expect(leftovers()).toEqual([])
  })
})

describe("an exchange's list goes through the same decoding", { timeout: 300_000 }, () => {
  async function draftExchange() {
    const negotiator = await t.as('negotiator')
    const created = await negotiator.json('POST', '/api/v1/exchanges', {
      name: 'Exchange 3',
      counterpart: 'the other side',
    })
    expect(created.status).toBe(200)
    return { negotiator, base: `/api/v1/exchanges/${created.body.id}` }
  }

  it('reads a Windows-1251 sought list as its letters', async () => {
    const { negotiator, base } = await draftExchange()
    const file = cp1251('id,surname,first_name\n1,Ковальчук,Євген\n2,Їжакевич,Ігор\n')
    const res = await upload(t.app, negotiator.cookie, `${base}/sought?file_name=s.csv`, file)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ rows: 2 })
    const pool = await t.parley.conn.db.selectFrom('exchange_pool').selectAll().execute()
    expect(JSON.stringify(pool)).toContain('Їжакевич')
    expect(leftovers()).toEqual([])
  })

  it('refuses a NUL in a sought list as 400 naming row and column', async () => {
    const { negotiator, base } = await draftExchange()
    const file = Buffer.from('id,surname,first_name\n1,Мороз,Іван\n2,Ко\u0000валь,Петро\n')
    const res = await upload(t.app, negotiator.cookie, `${base}/sought?file_name=s.csv`, file)
    expect(res.status).toBe(400)
    expect(res.body.issues[0]).toMatchObject({
      path: 'row 3.surname',
      message: expect.stringContaining('NUL'),
    })
  })
})
