import { defineConfig } from 'vitest/config'

// Unit, service and API tests. Browser tests have their own config (test/browser) so that
// `npm test` stays fast enough to run twice in CI (PGlite, then PostgreSQL).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
})
