import pino from 'pino'
import { afterEach, expect, it } from 'vitest'
import { openParley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import type { Connection } from '../../src/db/connection'
import { createHttpApp } from '../../src/http/app'
import { TEST_PASSWORD_COST } from '../support/test-app'
import { createTestDatabase, dropTestTemplate } from '../support/test-db'

let conn: Connection
afterEach(async () => {
  await conn.close()
  await dropTestTemplate()
})

it('limits sign-in attempts per client and answers 429 past the limit', async () => {
  conn = await createTestDatabase()
  const config = loadConfig({ NODE_ENV: 'test', PARLEY_LOG_LEVEL: 'silent' })
  const parley = await openParley(config, {
    connection: conn,
    signInAttemptsPerMinute: 3,
    passwordCost: TEST_PASSWORD_COST,
  })
  const app = createHttpApp({
    conn,
    auth: parley.auth,
    services: parley.services,
    logger: pino({ level: 'silent' }),
    baseUrl: config.http.publicUrl,
  })
  const attempt = () =>
    app.request('/api/v1/session', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.0.0.${Math.floor(Math.random() * 200)}`,
      },
      body: JSON.stringify({ username: 'admin', password: 'wrong password' }),
    })
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) statuses.push((await attempt()).status)
  // A forged X-Forwarded-For does not give each attempt a fresh allowance.
  expect(statuses).toEqual([401, 401, 401, 429, 429])
}, 120_000)
