import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_SCHEMA_FILE, apiSchemaSource } from '../../scripts/gen-api-types'

describe("the web app's API types", { timeout: 120_000 }, () => {
  it('match the OpenAPI document the server builds now (run `npm run gen:api` after changing a route)', async () => {
    const fresh = await apiSchemaSource()
    expect(fresh).toContain('"/persons/{id}"')
    // compared whole: a stale file would let tsc pass calls the server no longer answers
    expect(readFileSync(API_SCHEMA_FILE, 'utf8') === fresh, 'src/web/api-schema.gen.ts is stale').toBe(true)
  })
})
