import { openParley } from '../../src/app/container'
import { loadConfig } from '../../src/core/config'
import { startServer } from '../../src/http/server'
import { relaxSecondFactor, TEST_PASSWORD_COST } from './test-app'
import { createTestDatabase, testDataDir } from './test-db'

/**
 * A real Parley server on a free loopback port over a fresh test database, serving the built web
 * app from dist/web, with an admin whose password the test knows. For browser tests.
 */
export async function startTestServer() {
  const config = loadConfig({
    NODE_ENV: 'test',
    PARLEY_LOG_LEVEL: 'warn',
    PARLEY_PORT: '0',
    PARLEY_HOST: '127.0.0.1',
    PARLEY_DATA_DIR: testDataDir(),
  })
  const connection = await createTestDatabase()
  const parley = await openParley(config, {
    connection,
    signInAttemptsPerMinute: 1000,
    passwordCost: TEST_PASSWORD_COST,
  })
  await relaxSecondFactor(connection)
  const adminCredentials = { username: 'admin', password: 'test admin password 2026' }
  await parley.services.users.createUser(
    { id: 'test', name: 'test setup', role: 'admin' },
    {
      username: adminCredentials.username,
      name: 'Test Admin',
      role: 'admin',
      password: adminCredentials.password,
    },
  )
  const server = await startServer(config, { parley })
  return { url: server.url, parley, adminCredentials, close: server.close }
}
