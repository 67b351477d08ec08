import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer } from '../support/test-server'
import { launchChromium } from './browser'

describe('the API reference in the browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  let browser: Browser

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('renders /api/docs from Parley alone, under its Content-Security-Policy', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage()
    const problems: string[] = []
    const elsewhere: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(e.message))
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) elsewhere.push(r.url())
    })
    await page.goto(`${server.url}/api/docs`)
    await expect.poll(() => page.getByText('Parley API').first().isVisible(), { timeout: 60_000 }).toBe(true)
    // Swagger UI draws its operations in a virtual list (only what is on screen is in the page),
    // so the reader scrolls through it as a person would and every tag of the document must pass by.
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>
    }
    const tags = new Set(
      Object.values(spec.paths).flatMap((ops) => Object.values(ops).flatMap((o) => o.tags ?? [])),
    )
    expect(tags.size).toBeGreaterThan(10)
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 30_000 }).toBeGreaterThan(5)
    const seen = new Set<string>()
    const lastDrawn = () =>
      page
        .locator('.operations-virtual__item')
        .evaluateAll((items) => Math.max(...items.map((i) => Number(i.getAttribute('data-index')))))
    const atBottom = () =>
      page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2)
    for (let step = 0; step < 400; step++) {
      for (const tag of await page
        .locator('.opblock-tag')
        .evaluateAll((hs) => hs.map((h) => h.getAttribute('data-tag'))))
        if (tag) seen.add(tag)
      if (seen.size === tags.size || (await atBottom())) break
      const before = await lastDrawn()
      // a third of a screen at a time, and wait until the list has drawn what came into view
      await page.mouse.wheel(0, 250)
      await expect
        .poll(async () => (await lastDrawn()) > before || (await atBottom()), { timeout: 30_000 })
        .toBe(true)
    }
    expect([...tags].filter((t) => !seen.has(t))).toEqual([])
    await expect.poll(() => page.getByText('Schemas').first().isVisible(), { timeout: 30_000 }).toBe(true)
    expect(problems).toEqual([])
    expect(elsewhere).toEqual([])
  })
})
