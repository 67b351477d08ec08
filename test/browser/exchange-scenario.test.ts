import { appendFileSync } from 'node:fs'
import { stringify } from 'csv-stringify/sync'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type GeneratedPerson, generatePersons } from '../../src/generate'
import { REGISTER_COLUMNS, registerRow } from '../../src/generate/scenarios'
import { startTestServer } from '../support/test-server'
import { choose, launchChromium, signIn } from './browser'

// the whole scenario may take many minutes on a loaded machine; nothing here depends on speed
vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

const SETUP = { id: 'test', name: 'test setup', role: 'admin' } as const
// SCENARIO_SCALE makes a small run while working on it; the test runs at full size
const SCALE = Number(process.env.SCENARIO_SCALE ?? 1)
const at = (n: number) => Math.round(n * SCALE)
const HELD = at(5000)
const LISTED = at(3000)
const SIZE = at(1000)
const STAGES = [at(390), at(307), SIZE - at(390) - at(307)]
/** rows of their list naming a person a second time, in Russian, with day and month swapped */
const TWICE = 12
/** other rows with day and month swapped (an impossible date as written) */
const SWAPPED = 30
const REMOVED = 15
const ADDED = 10
/** of the added, how many their list says replace someone removed */
const PAIRED = 4
const GIVE_NO_SHOWS = 7
const RECEIVE_NO_SHOWS = 4
const today = new Date().toISOString().slice(0, 10)

// the other side writes some dates year-day-month (impossible where the day is above 12), and
// their counter-list day first
const swapped = (d: string) => `${d.slice(0, 4)}-${d.slice(8, 10)}-${d.slice(5, 7)}`
const dayFirst = (d: string) => d.split('-').reverse().join('.')
const lateDay = (p: GeneratedPerson) => Number(p.dateOfBirth.slice(8, 10)) > 12
const labelOf = (p: { surname: string; first_names?: string | null; firstNames?: string }) =>
  `${p.surname} ${p.first_names ?? p.firstNames ?? ''}`.trim()

// SCENARIO_TRACE=<file> writes each step with the time, to see where a slow run spends it
const trace = (step: string) => {
  if (process.env.SCENARIO_TRACE)
    appendFileSync(process.env.SCENARIO_TRACE, `${new Date().toISOString()} ${step}\n`)
}
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read by the assertions
type Json = Record<string, any>
type SheetRow = { side: 'give' | 'receive'; ref: string; stage: number; outcome: string }

/**
 * The exchange of issue 13 at full size, as a bureau runs it: 5,000 held persons imported, a list of
 * 3,000 of ours as the other side sent it (twelve persons twice in Russian, dates with day and month
 * swapped), 1000 for 1000 in three stages, their counter-list in Russian given-name forms removing
 * 15 and adding 10, the balance breach agreed with a reason, the handover with no-shows, a refuser
 * refused as substitute and a substitution, completion. The bulk is seeded through the API (the
 * register through the import the CLI uses); the browser does the operator's steps. Every response
 * status is collected: none may be a 5xx.
 */
describe('an exchange of 1000 for 1000 from the first list to the last crossing', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser
  let page: Page
  let exchangeId = ''
  let cookie = ''
  const statuses: { status: number; what: string }[] = []
  const db = () => server.parley.conn.db

  async function call(method: string, path: string, body?: unknown, type = 'application/json') {
    const origin = new URL(server.url).origin
    const res = await fetch(`${origin}/api/v1${path}`, {
      method,
      headers: { cookie, origin, ...(body === undefined ? {} : { 'content-type': type }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    statuses.push({ status: res.status, what: `${method} ${path}` })
    return { status: res.status, body: (await res.json().catch(() => null)) as Json }
  }
  const base = () => `/exchanges/${exchangeId}`
  const sheet = async () => (await call('GET', `${base()}/handover/sheet`)).body.rows as SheetRow[]
  // back to the exchange by its links, not by reloading: the page keeps the bundle it started with,
  // whatever happens to the built files meanwhile
  const reopen = async () => {
    await page.getByRole('link', { name: 'Exchanges' }).click()
    await page.getByRole('link', { name: 'Exchange of the scenario' }).click()
  }
  const upload = async (button: string, name: string, content: string) => {
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: button }).click()
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) })
  }

  const held = [...generatePersons({ seed: 131, count: HELD, nationality: 'RU' })]
  const ours = [...generatePersons({ seed: 132, count: LISTED - TWICE, nationality: 'UA', firstId: 700_000 })]
  const twice = ours.filter(lateDay).slice(0, TWICE)
  const swappedRows = new Set(
    ours
      .filter((p) => lateDay(p) && !twice.includes(p))
      .slice(0, SWAPPED)
      .map((p) => p.id),
  )
  const requestedOurs = new Set(ours.slice(100, 110).map((p) => p.id))
  const oursById = new Map(ours.map((p) => [p.id, p]))
  let ids: string[] = []
  const refusers: string[] = []
  const accused: string[] = []
  const requestedHeld: string[] = []
  const travelGroups: string[][] = []
  let groupRefs = new Set<string>()
  let removed: string[] = []
  let added: string[] = []

  beforeAll(async () => {
    server = await startTestServer()
    // the register as the CLI imports it: 5,000 fictitious persons from the generator
    await server.parley.services.personImport.importPersons(SETUP, {
      name: 'held.csv',
      content: stringify([
        REGISTER_COLUMNS,
        ...held.map((p) => REGISTER_COLUMNS.map((c) => registerRow(p, 131)[c] ?? '')),
      ]),
    })
    ids = (await db().selectFrom('persons').select('id').orderBy('register_number').execute()).map(
      (p) => p.id,
    )
    expect(ids).toHaveLength(HELD)
    trace('register imported')

    const origin = new URL(server.url).origin
    const session = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(server.adminCredentials),
    })
    expect(session.status).toBe(200)
    cookie = session.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')

    // five Art. 109 refusals heard at ICRC interviews, two persons with proceedings open
    refusers.push(...ids.slice(10, 15))
    accused.push(...ids.slice(20, 22))
    for (const id of refusers)
      expect(
        (
          await call('POST', `/persons/${id}/events`, {
            type: 'refused_repatriation',
            occurredOn: today,
            heardBy: 'ICRC interview',
          })
        ).status,
      ).toBe(201)
    for (const [i, id] of accused.entries())
      expect(
        (
          await call('POST', `/persons/${id}/events`, {
            type: 'proceedings_opened',
            occurredOn: today,
            reference: `K-${i + 1}`,
          })
        ).status,
      ).toBe(201)

    const created = await call('POST', '/exchanges', {
      name: 'Exchange of the scenario',
      counterpart: 'the other side',
      mediator: 'a mediating state',
      terms: { maxSize: SIZE },
      stages: STAGES,
    })
    expect(created.status).toBe(200)
    exchangeId = created.body.id
    // consent of everyone held; ten named by the other side; two groups who travel together
    requestedHeld.push(...ids.slice(30, 40))
    travelGroups.push(ids.slice(30, 33), ids.slice(50, 52))
    const groupOf = (id: string) => travelGroups.findIndex((g) => g.includes(id))
    const notes = await call(
      'POST',
      `${base()}/annotations`,
      ids.map((personId) => ({
        personId,
        consent: true,
        requested: requestedHeld.includes(personId),
        groupId: groupOf(personId) >= 0 ? `group-${groupOf(personId) + 1}` : null,
      })),
    )
    expect(notes.body).toEqual({ persons: HELD })
    trace('exchange created and annotated')

    browser = await launchChromium()
    page = await (
      await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    ).newPage()
    page.on('response', (r) =>
      statuses.push({ status: r.status(), what: `${r.request().method()} ${r.url()}` }),
    )
    page.on('pageerror', (err) => console.error('page error:', err.message))
  })
  // each step builds on the one before: after a failure the rest would only wait out their timeouts
  let broken = false
  beforeEach((ctx) => {
    if (broken) ctx.skip()
    ctx.onTestFailed(() => {
      broken = true
    })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  }, 300_000)

  it('keeps their list as received, shows its duplicates, and plans only once they are decided', async () => {
    trace('keeps their list as received, shows its duplicates, and plans only once they are decided')
    const written = (p: GeneratedPerson, i: number) => ({
      id: p.id,
      surname: p.surname,
      first_name: p.givenName,
      date_of_birth: swappedRows.has(p.id) ? swapped(p.dateOfBirth) : p.dateOfBirth,
      sex: p.sex,
      seriously_wounded: i % 40 === 0 ? 'yes' : 'no',
      captured_on: p.capture.date,
      requested: requestedOurs.has(p.id) ? 'yes' : '',
      service_number: p.serviceNumber,
    })
    const rows = [
      ...ours.map(written),
      ...twice.map((p, i) => ({
        ...written(p, 1),
        id: `again-${i}`,
        surname: p.forms.surname.ru,
        first_name: p.forms.givenName.ru,
        date_of_birth: swapped(p.dateOfBirth),
        requested: '',
      })),
    ]
    const columns = Object.keys(rows[0]!)
    const list = stringify([columns, ...rows.map((r) => columns.map((c) => (r as Json)[c] ?? ''))])
    expect(rows).toHaveLength(LISTED)

    await signIn(page, server.url, server.adminCredentials.username, server.adminCredentials.password)
    // the refusals are facts on the persons: the register finds them by that fact
    await page.getByRole('link', { name: 'Register', exact: true }).click()
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), { timeout: 120_000 })
      .toBe(`${HELD} persons`)
    await choose(page, 'Recorded fact', 'Refused repatriation (Art. 109)')
    await expect
      .poll(() => page.getByTestId('register-count').textContent(), { timeout: 120_000 })
      .toBe(`${refusers.length} persons`)
    await page.getByRole('link', { name: 'Exchanges' }).click()
    await page.getByRole('link', { name: 'Exchange of the scenario' }).click()
    await expect.poll(() => page.getByTestId('exchange-status').textContent()).toBe('Draft')
    await upload('Upload the list of ours they hold', 'their-list.csv', list)
    trace('received list sent')

    await expect
      .poll(() => page.getByTestId('received-counts').textContent(), { timeout: 300_000 })
      .toContain(`${LISTED} rows received`)
    trace('received list shown')
    const dup = await call('GET', `${base()}/received/duplicates`)
    const groups = dup.body.groups as { key: string; rows: { ref: string }[] }[]
    groupRefs = new Set(groups.flatMap((g) => g.rows.map((r) => r.ref)))
    // every person listed twice is found, with the Russian row beside the Ukrainian one
    for (const [i, p] of twice.entries())
      expect(
        groups.some((g) => g.rows.some((r) => r.ref === p.id) && g.rows.some((r) => r.ref === `again-${i}`)),
      ).toBe(true)
    expect(dup.body.counts.rows).toBe(LISTED)
    // the impossible dates kept as written, flagged
    const received = (await call('GET', `${base()}/received`)).body.rows as Json[]
    const flagged = new Set(
      received.filter((r) => r.flags.some((f: Json) => f.code === 'day_month_swapped')).map((r) => r.ref),
    )
    for (const ref of [...swappedRows, ...twice.map((_, i) => `again-${i}`)]) expect(flagged).toContain(ref)
    const text = await page.getByTestId('received-counts').textContent()
    expect(text).toContain(`${dup.body.counts.flaggedRows} rows flagged`)
    expect(text).toContain(`${groups.length} of ${groups.length} groups undecided`)
    expect(await page.getByTestId('duplicate-group').count()).toBe(groups.length)
    const russian = page.getByTestId('duplicate-group').filter({ hasText: twice[0]!.forms.givenName.ru })
    await expect.poll(() => russian.first().textContent()).toContain('day and month swapped')

    // planning waits, naming how many groups await a decision, with the way to them
    await page.getByRole('button', { name: 'Plan', exact: true }).click()
    await expect
      .poll(() => page.getByTestId('plan-blocked').textContent(), { timeout: 120_000 })
      .toContain(`Planning waits: ${groups.length} group`)
    trace('planning refused while duplicates wait')
    await page.getByRole('link', { name: 'Go to the duplicates' }).click()

    // one decided on the page; the others through the API: the twelve merged, any other pair kept
    const first = groups.find((g) => g.rows.some((r) => r.ref === 'again-0'))!
    await russian.first().getByRole('button', { name: 'Merge: one person' }).click()
    await expect
      .poll(() => page.getByTestId('received-counts').textContent(), { timeout: 120_000 })
      .toContain(`${groups.length - 1} of ${groups.length} groups undecided`)
    trace('one group merged on the page')
    for (const g of groups) {
      if (g === first) continue
      const again = g.rows.some((r) => r.ref.startsWith('again-'))
      const keep = g.rows.find((r) => !r.ref.startsWith('again-'))!.ref
      const decided = await call(
        'POST',
        `${base()}/received/duplicates/${encodeURIComponent(g.key)}`,
        again ? { decision: 'merge', keep } : { decision: 'keep_both' },
      )
      expect(decided.status).toBe(200)
    }
    const after = await call('GET', `${base()}/received`)
    expect(after.body.counts).toMatchObject({ rows: LISTED, persons: LISTED - TWICE, undecidedDuplicates: 0 })
  })

  it('plans 1000 for 1000 in three stages, each person with reasons in words and names', async () => {
    trace('plans 1000 for 1000 in three stages, each person with reasons in words and names')
    await reopen()
    await page.getByRole('button', { name: 'Plan', exact: true }).click()
    await expect
      .poll(() => page.getByTestId('plan-summary').textContent(), { timeout: 600_000 })
      .toContain(`${SIZE} to give, ${SIZE} to receive`)
    // who travels with whom is said by name
    const [a, b] = travelGroups[0]!
    const companion = await db()
      .selectFrom('persons')
      .select(['surname', 'first_names'])
      .where('id', '=', b!)
      .executeTakeFirstOrThrow()
    await expect
      .poll(() =>
        page
          .getByTestId('plan-give')
          .getByText(`travels with ${labelOf(companion)}`)
          .count(),
      )
      .toBeGreaterThan(0)
    expect(a).toBeDefined()
    trace('planned')
    await page.getByRole('button', { name: 'Save as our proposal' }).click()
    await expect
      .poll(() => page.getByTestId('exchange-status').textContent(), { timeout: 600_000 })
      .toBe('Proposed')
    const round = (await call('GET', `${base()}/rounds`)).body.rounds[0]
    expect(round.give).toHaveLength(SIZE)
    expect(round.receive).toHaveLength(SIZE)
    for (const r of [...refusers, ...accused]) expect(round.give).not.toContain(r)
    for (const r of requestedHeld) expect(round.give).toContain(r)
    for (const r of requestedOurs) expect(round.receive).toContain(r)
  })

  it('reads their counter-list in Russian given-name forms and names the 15 removed and the 10 added', async () => {
    trace('reads their counter-list in Russian given-name forms and names the 15 removed and the 10 added')
    const round = (await call('GET', `${base()}/rounds`)).body.rounds[0] as {
      give: string[]
      receive: string[]
    }
    const proposed = new Set(round.receive)
    removed = round.receive.filter((r) => !requestedOurs.has(r) && oursById.has(r)).slice(-REMOVED)
    added = ours
      .filter((p) => !proposed.has(p.id) && !groupRefs.has(p.id) && !swappedRows.has(p.id))
      .slice(0, ADDED)
      .map((p) => p.id)
    const givePersons = new Map(
      (
        await db()
          .selectFrom('persons')
          .select(['id', 'surname', 'first_names', 'date_of_birth'])
          .where('id', 'in', round.give)
          .execute()
      ).map((p) => [p.id, p]),
    )
    const theirs = (ref: string, replaces = '') => {
      const p = oursById.get(ref)!
      return {
        side: 'receive',
        surname: p.surname,
        first_name: p.forms.givenName.ru,
        date_of_birth: dayFirst(p.dateOfBirth),
        replaces,
      }
    }
    const counter = stringify([
      ['side', 'surname', 'first_name', 'date_of_birth', 'replaces'],
      ...round.give.map((ref) => {
        const p = givePersons.get(ref)!
        return ['give', p.surname, p.first_names ?? '', p.date_of_birth ?? '', '']
      }),
      ...round.receive
        .filter((r) => !removed.includes(r))
        .map((r) => {
          // a merged person is named as their list first wrote them
          const p = oursById.get(r)
          return p ? Object.values(theirs(r)) : []
        })
        .filter((r) => r.length),
      ...added.map((ref, i) => Object.values(theirs(ref, i < PAIRED ? removed[i]! : ''))),
    ])
    await upload('Upload their counter-list', 'counter.csv', counter)
    trace('counter-list sent')
    await expect
      .poll(() => page.getByTestId('round-difference').textContent(), { timeout: 300_000 })
      .toContain('Round 2')

    const d = (await call('GET', `${base()}/rounds/2/difference`)).body.difference.receive as Json
    const refs = (xs: { ref: string }[]) => xs.map((x) => x.ref).sort()
    expect([...refs(d.removed), ...d.substituted.map((s: Json) => s.out.ref)].sort()).toEqual(
      [...removed].sort(),
    )
    expect([...refs(d.added), ...d.substituted.map((s: Json) => s.in.ref)].sort()).toEqual([...added].sort())
    expect(d.substituted).toHaveLength(PAIRED)
    expect(d.unmatched).toEqual([])
    const give = (await call('GET', `${base()}/rounds/2/difference`)).body.difference.give as Json
    expect([give.added, give.removed, give.unmatched]).toEqual([[], [], []])

    // on the page, every one of the 15 and the 10 by name
    const shown = async (testids: string[]) =>
      (await Promise.all(testids.map((x) => page.getByTestId(x).textContent()))).join('\n')
    const out = await shown(['receive-removed', 'receive-substituted'])
    const inn = await shown(['receive-added', 'receive-substituted'])
    const written = (ref: string) => `${oursById.get(ref)!.surname} ${oursById.get(ref)!.givenName}`
    for (const r of removed) expect(out).toContain(written(r))
    for (const r of added) expect(inn).toContain(written(r))
    expect(await page.getByTestId('receive-removed').textContent()).toContain(`Removed (${REMOVED - PAIRED})`)
    expect(await page.getByTestId('receive-added').textContent()).toContain(`Added (${ADDED - PAIRED})`)
    expect(await page.getByTestId('receive-unmatched').textContent()).toContain('Matched no one (0)')
  })

  it('flags the balance breach and agrees only with a reason', async () => {
    trace('flags the balance breach and agrees only with a reason')
    const receive = SIZE - REMOVED + ADDED
    const breaches = page.getByTestId('agreement-breaches')
    await expect
      .poll(() => breaches.textContent(), { timeout: 120_000 })
      .toContain(`The numbers are not equal: we give ${SIZE}, we receive ${receive}`)
    const agree = page.getByRole('button', { name: 'Agree despite the breaches' })
    expect(await agree.isDisabled()).toBe(true)
    await page
      .getByLabel('Reason to agree despite the breaches')
      .fill('the other side hands over five more in the next exchange (mediator’s note)')
    await agree.click()
    await expect
      .poll(() => page.getByTestId('exchange-status').textContent(), { timeout: 120_000 })
      .toBe('Agreed')
    const check = (await call('GET', `${base()}/agreement`)).body
    expect(check.breaches).toEqual([{ code: 'balance_equal', params: { give: SIZE, receive } }])
  })

  it('hands over in stages by priority: a no-show, a refuser refused by name, a substitution', async () => {
    trace('hands over in stages by priority: a no-show, a refuser refused by name, a substitution')
    await page.getByRole('button', { name: 'Start the handover' }).click()
    await expect
      .poll(() => page.getByTestId('exchange-status').textContent(), { timeout: 300_000 })
      .toBe('Handover under way')
    const persons = 2 * SIZE - REMOVED + ADDED
    await expect
      .poll(() => page.getByTestId('handover-pending').textContent(), { timeout: 300_000 })
      .toBe(`${persons} not checked off`)
    const rows = await sheet()
    expect(rows).toHaveLength(persons)
    expect(
      rows
        .filter((r) => r.side === 'give')
        .map((r) => r.stage)
        .sort(),
    ).toEqual(STAGES.flatMap((n, i) => Array<number>(n).fill(i + 1)))
    // the seriously wounded of ours come home in the first stage
    const wounded = new Set(ours.filter((_, i) => i % 40 === 0).map((p) => p.id))
    for (const r of rows) if (r.side === 'receive' && wounded.has(r.ref)) expect(r.stage).toBe(1)

    const search = page.getByLabel('Search by name (any alphabet) or service number')
    const nameOf = async (id: string) =>
      labelOf(
        await db()
          .selectFrom('persons')
          .select(['surname', 'first_names'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      )
    const giveRows = rows.filter((r) => r.side === 'give' && !requestedHeld.includes(r.ref))
    const noShow = giveRows[0]!
    const replaced = giveRows[1]!
    // a no-show, tapped on the tablet
    const noShowName = await nameOf(noShow.ref)
    await search.fill(noShowName)
    const noShowRow = page.locator(`article[aria-label="${noShowName}"]`).first()
    await noShowRow.getByRole('button', { name: 'No-show', exact: true }).click()
    await expect.poll(() => noShowRow.getByTestId('row-outcome').textContent()).toBe('No-show')
    await expect
      .poll(async () => (await sheet()).find((r) => r.side === 'give' && r.ref === noShow.ref)?.outcome)
      .toBe('no_show')

    // a refuser offered as substitute is refused, by name
    const replacedName = await nameOf(replaced.ref)
    const refuserName = await nameOf(refusers[0]!)
    await search.fill(replacedName)
    const replacedRow = page.locator(`article[aria-label="${replacedName}"]`).first()
    await replacedRow.getByRole('button', { name: 'Substitute', exact: true }).click()
    await page.getByRole('dialog').getByLabel('Name (any alphabet) or service number').fill(refuserName)
    await page
      .getByRole('dialog')
      .locator(`[aria-label="${refuserName}"]`)
      .first()
      .getByRole('button', { name: 'Choose' })
      .click()
    const refusal = page.getByRole('alert').filter({ hasText: 'Cannot cross instead' })
    await expect.poll(() => refusal.first().textContent(), { timeout: 60_000 }).toContain(refuserName)
    expect(await refusal.first().textContent()).toContain('refused repatriation')
    expect((await sheet()).find((r) => r.side === 'give' && r.ref === replaced.ref)?.outcome).toBe('pending')
    await expect.poll(() => replacedRow.getByTestId('row-outcome').textContent()).toBe('Waiting')

    // a person held and free to go crosses instead
    const listed = new Set(rows.map((r) => r.ref))
    const spare = ids.find(
      (id) =>
        !listed.has(id) && !refusers.includes(id) && !accused.includes(id) && !requestedHeld.includes(id),
    )!
    const spareName = await nameOf(spare)
    await replacedRow.getByRole('button', { name: 'Substitute', exact: true }).click()
    await page.getByRole('dialog').getByLabel('Name (any alphabet) or service number').fill(spareName)
    await page
      .getByRole('dialog')
      .locator(`[aria-label="${spareName}"]`)
      .first()
      .getByRole('button', { name: 'Choose' })
      .click()
    await expect.poll(() => replacedRow.getByTestId('row-outcome').textContent()).toBe('Substituted')
    expect(await replacedRow.textContent()).toContain(`instead: ${spareName}`)
    await expect
      .poll(
        async () =>
          (await call('GET', `${base()}/handover/sheet`)).body.rows.find((r: Json) => r.ref === replaced.ref)
            ?.substituteRef,
      )
      .toBe(spare)
    await search.fill('')
  })

  it('records the rest as the tablets do, completes after a confirmation, and every history ends right', async () => {
    trace('records the rest as the tablets do, completes after a confirmation, and every history ends right')
    // the rest checked off through the API one by one, as the tablets at the crossing send them
    const rows = await sheet()
    let giveNoShows = 1
    let receiveNoShows = 0
    for (const r of rows) {
      if (r.outcome !== 'pending') continue
      const noShow =
        r.side === 'give'
          ? giveNoShows < GIVE_NO_SHOWS && !requestedHeld.includes(r.ref)
          : receiveNoShows < RECEIVE_NO_SHOWS
      if (noShow) r.side === 'give' ? giveNoShows++ : receiveNoShows++
      const done = await call('POST', `${base()}/handover/check`, {
        side: r.side,
        ref: r.ref,
        outcome: noShow ? 'no_show' : 'crossed',
      })
      expect(done.status).toBe(200)
    }
    trace('all checked off')
    await reopen()
    await expect
      .poll(() => page.getByTestId('handover-pending').textContent(), { timeout: 300_000 })
      .toBe('0 not checked off')
    await page.getByRole('button', { name: 'Complete the handover', exact: true }).click()
    // completion writes the histories in this process's database (PGlite), which holds up the
    // browser's driver too: a long wait is no fault of the page
    await page.getByRole('button', { name: 'Yes, complete the handover' }).click({ timeout: 120_000 })
    await expect
      .poll(() => page.getByTestId('exchange-status').textContent(), { timeout: 600_000 })
      .toBe('Done')

    trace('completed')
    // every person of our list ends with the exchange: exchanged (stage), did not cross, replaced
    const final = (await call('GET', `${base()}/handover/sheet`)).body.rows as (SheetRow & {
      substituteRef: string | null
    })[]
    const lastEvent = async (id: string) => {
      const h = await call('GET', `/persons/${id}/events`)
      expect(h.status).toBe(200)
      return h.body.items.at(-1) as { type: string; details: Json }
    }
    for (const r of final.filter((x) => x.side === 'give')) {
      const last = await lastEvent(r.ref)
      expect(last.details.exchangeId, r.ref).toBe(exchangeId)
      if (r.outcome === 'crossed') expect([last.type, last.details.stage]).toEqual(['exchanged', r.stage])
      else if (r.outcome === 'no_show')
        expect([last.type, last.details.reason]).toEqual(['did_not_cross', 'no_show'])
      else {
        expect([r.outcome, last.type, last.details.replacedBy]).toEqual([
          'substituted',
          'replaced',
          r.substituteRef,
        ])
        const sub = await lastEvent(r.substituteRef!)
        expect([sub.type, sub.details.stage, sub.details.substituteFor]).toEqual([
          'exchanged',
          r.stage,
          r.ref,
        ])
      }
    }

    // counts after completion: the register, the returned persons and the page's report agree
    const crossedGive = SIZE - GIVE_NO_SHOWS
    const crossedReceive = SIZE - REMOVED + ADDED - RECEIVE_NO_SHOWS
    expect((await call('GET', '/persons/count?status=exchanged&confirmation=all')).body.total).toBe(
      crossedGive,
    )
    const handover = (await call('GET', `${base()}/handover`)).body
    expect(handover.returned).toHaveLength(crossedReceive)
    const cells = await page
      .getByTestId('handover-report')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
    const sum = (col: number) => cells.reduce((n, row) => n + Number(/^(\d+) of/.exec(row[col]!)?.[1]), 0)
    expect([cells.length, sum(1), sum(2)]).toEqual([3, crossedGive, crossedReceive])

    // and nothing anywhere answered with a server error
    expect(statuses.length).toBeGreaterThan(2 * SIZE)
    expect(statuses.filter((s) => s.status >= 500)).toEqual([])
  })
})
