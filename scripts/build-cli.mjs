// Compiles the `parley` command (src/cli/main.ts and every command group it loads on demand) into
// dist/cli with esbuild, so a command starts in a fraction of a second instead of compiling the
// TypeScript tree through tsx on every run. Run by `npm ci` (the `prepare` script) and by
// bin/parley.js when the build is missing or older than a source it was made from.
//
// Each build goes into a folder of its own (dist/cli/b-<time>-<pid>) and dist/cli/current.json is
// replaced atomically to point at it, so processes started at the same moment (the CLI tests) never
// load a half-written build. npm packages stay external: they are loaded from node_modules as usual.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(ROOT, 'dist', 'cli')
const MANIFEST = path.join(OUT, 'current.json')
const KEEP_OLD_MS = 60 * 60_000
const KEEP_BUILDS = 4

/**
 * Bundled code runs from dist/cli/b-…/, but sources find their neighbours (migrations, fixtures,
 * the linkage worker, dist/web) through `import.meta.url`: it is rewritten to the source file's own
 * URL, computed relative to the chunk at run time so the checkout may be moved.
 */
function sourceUrlPlugin(buildDir) {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8')
        if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' }
        const rel = path.relative(buildDir, args.path).split(path.sep).join('/')
        const expr = `new URL(${JSON.stringify(rel)}, import.meta.url).href`
        return { contents: text.replaceAll('import.meta.url', expr), loader: 'ts' }
      })
    },
  }
}

/**
 * Removes old builds, keeping the newest few: a long-running process (`parley serve`) started from
 * an older build may still load its chunks on demand, so a build goes only when several newer ones
 * exist and it is over an hour old.
 */
function removeOldBuilds(keep) {
  const builds = readdirSync(OUT)
    .filter((name) => name.startsWith('b-') && name !== keep)
    .map((name) => ({ dir: path.join(OUT, name), mtime: statSync(path.join(OUT, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
  for (const { dir, mtime } of builds.slice(KEEP_BUILDS)) {
    if (Date.now() - mtime > KEEP_OLD_MS) rmSync(dir, { recursive: true, force: true })
  }
}

export async function buildCli({ quiet = false } = {}) {
  const esbuild = await import('esbuild')
  const id = `b-${Date.now()}-${process.pid}`
  const buildDir = path.join(OUT, id)
  mkdirSync(buildDir, { recursive: true })
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outdir: buildDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'esnext',
    packages: 'external',
    metafile: true,
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'warning',
    plugins: [sourceUrlPlugin(buildDir)],
  })
  // Every source the build read, with its size and time: bin/parley.js rebuilds when one differs.
  const inputs = {}
  for (const file of [...Object.keys(result.metafile.inputs), 'scripts/build-cli.mjs', 'package-lock.json']) {
    if (file.includes('node_modules/')) continue
    const s = statSync(path.join(ROOT, file))
    inputs[file] = [s.size, s.mtimeMs]
  }
  const manifest = { dir: id, entry: `${id}/main.js`, builtAt: new Date().toISOString(), inputs }
  const tmp = `${MANIFEST}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(manifest))
  renameSync(tmp, MANIFEST)
  removeOldBuilds(id)
  if (!quiet) console.error(`parley: command line built into dist/cli/${id}`)
  return manifest
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCli({ quiet: process.argv.includes('--quiet') })
  } catch (error) {
    // `npm ci` must not fail over this: without a build, bin/parley.js runs the sources through tsx
    console.error(`parley: the command line was not built (${error.message}); it will run through tsx`)
  }
}
