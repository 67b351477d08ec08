// `npm start` builds the web app when dist/web is missing or older than any file in src/web,
// so a newcomer's first start works and later starts do not wait for a needless build.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const built = 'dist/web/index.html'
function newest(dir) {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}
if (!existsSync('src/web')) process.exit(0)
if (existsSync(built) && statSync(built).mtimeMs >= newest('src/web')) process.exit(0)
console.log('Building the web app (dist/web)…')
execFileSync('npx', ['vite', 'build', '--config', 'src/web/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
})
