import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * With DATABASE_URL set (CI's second pass) only the files that open a database through the test
 * support (or read DATABASE_URL themselves) run again: the rest (pure functions, and the CLI tests,
 * which always run `parley` on a PGlite data folder) would repeat the first pass word for word.
 */
function filesOpeningTheServerDatabase(): string[] {
  return ['src', 'test']
    .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
    .filter((f) => f.endsWith('.test.ts') && !f.startsWith(path.join('test', 'browser')))
    .filter((f) => /support\/(test-db|test-app|test-server)|DATABASE_URL/.test(readFileSync(f, 'utf8')))
}

// Unit, service and API tests. Browser tests have their own config (test/browser) so that
// `npm test` stays fast enough to run twice in CI (PGlite, then PostgreSQL).
export default defineConfig({
  test: {
    include: process.env.DATABASE_URL
      ? filesOpeningTheServerDatabase()
      : ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one file at a time on CI's two cores,
    // while most files spend their time waiting on a child process or the database server.
    maxWorkers: 2,
  },
})
