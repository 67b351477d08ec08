import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp } from '../support/test-app'
import { dropTestTemplate } from '../support/test-db'

const SLOW = { timeout: 300_000 }

let t: Awaited<ReturnType<typeof createTestApp>>
beforeEach(async () => {
  t = await createTestApp()
}, SLOW.timeout)
afterEach(async () => t?.close())
afterAll(dropTestTemplate)

describe('the API reference', SLOW, () => {
  it('serves the OpenAPI document at /api/openapi.json, with every route', async () => {
    const res = await t.app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/persons', '/session']))
  })

  it('serves /api/docs as a page whose scripts and styles all come from Parley itself', async () => {
    const res = await t.app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    // the app's strict policy holds here too: no inline script, nothing from elsewhere
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await res.text()
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBeGreaterThanOrEqual(3)
    expect(html).not.toMatch(/<script>[^<]/)
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/api\/docs\//)
      const served = await t.app.request(asset)
      expect(served.status, asset).toBe(200)
      expect((await served.arrayBuffer()).byteLength, asset).toBeGreaterThan(100)
    }
    expect((await t.app.request('/api/docs/package.json')).status).toBe(404)
  })
})

type Schema = { $ref?: string; properties?: object; type?: string | string[] }
type Operation = { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }

describe('the OpenAPI document', SLOW, () => {
  it('gives every 2xx JSON answer a schema with its properties (none documented as {})', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, Operation>>
      components: { schemas: Record<string, Schema> }
    }
    const resolve = (s: Schema | undefined) =>
      s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s
    const loose: string[] = []
    let answers = 0
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(operations))
        for (const [status, response] of Object.entries(op.responses)) {
          if (!status.startsWith('2') || !response.content?.['application/json']) continue
          answers++
          const schema = resolve(response.content['application/json'].schema)
          if (Object.keys(schema?.properties ?? {}).length === 0)
            loose.push(`${method.toUpperCase()} ${path} ${status}`)
        }
    expect(answers).toBeGreaterThan(60)
    expect(loose).toEqual([])
  })
})
