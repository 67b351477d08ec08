#!/usr/bin/env node
// The `parley` command. TypeScript runs through tsx: Parley ships its sources, with no build step for the server.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
await main(process.argv)
