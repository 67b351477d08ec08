import { defineConfig } from 'vitest/config'

// Browser tests drive Debian's Chromium against a real server serving the built web app
// (`npm run test:browser` builds it first). One file at a time: each starts its own browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
})
