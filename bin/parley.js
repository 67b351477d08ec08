#!/usr/bin/env node
// The `parley` command. TypeScript runs through tsx: Parley ships its sources, with no build step for the server.
import { register } from 'tsx/esm/api'

// Output piped into `head` closes early; that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})
register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
