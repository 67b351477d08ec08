#!/usr/bin/env node
// Runs bench/run.ts through tsx, so benchmarks need no build step.
import { register } from 'tsx/esm/api'

register()
await import('../bench/run.ts')
