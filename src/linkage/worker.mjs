// Worker threads start as plain Node: this loads TypeScript through tsx, as bin/parley.js does.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
