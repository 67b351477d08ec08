#!/usr/bin/env node
// The `parley` command. It runs the compiled command line in dist/cli (built by `npm ci` through the
// `prepare` script, or here when missing or older than a source); without a build it runs the
// TypeScript sources through tsx, so a checkout works whatever state dist/ is in.
import { readFileSync, statSync } from 'node:fs'

// Output piped into `head` closes early; that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

const root = new URL('../', import.meta.url)
const out = new URL('dist/cli/', root)

/** The build is current when every source it was made from still has the same size and time. */
function current() {
  try {
    const manifest = JSON.parse(readFileSync(new URL('current.json', out), 'utf8'))
    for (const [file, [size, mtime]] of Object.entries(manifest.inputs)) {
      const s = statSync(new URL(file, root))
      if (s.size !== size || s.mtimeMs !== mtime) return null
    }
    return new URL(manifest.entry, out)
  } catch {
    return null
  }
}

async function compiled() {
  if (process.env.PARLEY_CLI_FROM_SOURCE === '1') return null
  const entry = current()
  if (entry) return entry
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs')
    const manifest = await buildCli({ quiet: true })
    return new URL(manifest.entry, out)
  } catch {
    return null
  }
}

const entry = await compiled()
let main
if (entry) {
  ;({ main } = await import(entry.href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
await main(process.argv)
