import pino from 'pino'
import { afterAll, describe, expect, it } from 'vitest'
import { openParley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { createHttpApp } from '../../src/http/app'
import { relaxSecondFactor, TEST_PASSWORD_COST } from '../support/test-app'
import { createTestDatabase, dropTestTemplate, testDataDir } from '../support/test-db'

afterAll(dropTestTemplate)

const env = (more: Record<string, string>) => ({ NODE_ENV: 'test', PARLEY_DATA_DIR: testDataDir(), ...more })

describe('the Secure cookie setting', () => {
  it('is Secure unless the public URL is plain http on this machine or PARLEY_INSECURE_HTTP=1', () => {
    expect(loadConfig(env({})).http.plainHttp).toBe('http://localhost:4280 is this machine')
    expect(loadConfig(env({ PARLEY_PUBLIC_URL: 'http://127.0.0.1:8080' })).http.plainHttp).toBe(
      'http://127.0.0.1:8080 is this machine',
    )
    expect(loadConfig(env({ PARLEY_PUBLIC_URL: 'https://parley.example' })).http.plainHttp).toBeNull()
    expect(
      loadConfig(env({ PARLEY_PUBLIC_URL: 'http://10.0.0.5:4280', PARLEY_INSECURE_HTTP: '1' })).http
        .plainHttp,
    ).toBe('PARLEY_INSECURE_HTTP=1')
  })

  it('refuses plain http to another machine without the setting, naming both variables', () => {
    expect(() => loadConfig(env({ PARLEY_PUBLIC_URL: 'http://10.0.0.5:4280' }))).toThrow(
      /PARLEY_PUBLIC_URL: http:\/\/10\.0\.0\.5:4280 is plain http to another machine.*PARLEY_INSECURE_HTTP=1/,
    )
  })

  it('signs in over https with a __Secure- cookie marked Secure and HttpOnly', async () => {
    const config = loadConfig(
      env({ PARLEY_LOG_LEVEL: 'silent', PARLEY_PUBLIC_URL: 'https://parley.example' }),
    )
    const conn = await createTestDatabase()
    try {
      const parley = await openParley(config, { connection: conn, passwordCost: TEST_PASSWORD_COST })
      await relaxSecondFactor(conn)
      await parley.services.users.createUser(
        { id: 'test', name: 'test setup', role: 'admin' },
        {
          username: 'oksana',
          name: 'Oksana Test',
          role: 'registrar',
          password: 'correct horse battery staple',
        },
      )
      const app = createHttpApp({
        conn,
        auth: parley.auth,
        services: parley.services,
        logger: pino({ level: 'silent' }),
        baseUrl: config.http.publicUrl,
      })
      const res = await app.request('https://parley.example/api/v1/session', {
        method: 'POST',
        headers: { origin: 'https://parley.example', 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'oksana', password: 'correct horse battery staple' }),
      })
      expect(res.status).toBe(200)
      const session = res.headers.getSetCookie().find((c) => c.includes('parley.session_token='))!
      expect(session).toMatch(/^__Secure-parley\.session_token=/)
      expect(session).toMatch(/;\s*Secure/i)
      expect(session).toMatch(/;\s*HttpOnly/i)
    } finally {
      await conn.close()
    }
  }, 300_000)
})
