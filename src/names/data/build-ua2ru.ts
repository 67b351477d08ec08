// Derives ua2ru.json from ua2ru.csv (names-translator, Dmitry Chaplinsky, MIT): run once with
//   npx tsx src/names/data/build-ua2ru.ts /path/to/ua2ru.csv
// Keeps only the pairs whose name keys differ (Олійник / Олейник), because pairs that already share
// a key (Коваленко / Коваленко) need no table to meet.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { nameKey } from '../key'

const source = process.argv[2] ?? '../shared/data/names/ua2ru.csv'
const pairs: [string, string][] = []
const seen = new Set<string>()
for (const line of readFileSync(source, 'utf8').split('\n').slice(1)) {
  const [uk, ruRaw, count] = line.trim().split(',')
  if (!uk || !ruRaw || !count) continue
  const ru = ruRaw.charAt(0).toUpperCase() + ruRaw.slice(1)
  const ukKey = nameKey(uk)
  const ruKey = nameKey(ru)
  if (ukKey === ruKey || seen.has(`${ukKey}|${ruKey}`)) continue
  seen.add(`${ukKey}|${ruKey}`)
  pairs.push([uk, ru])
}
const here = path.dirname(fileURLToPath(import.meta.url))
writeFileSync(path.join(here, 'ua2ru.json'), `${JSON.stringify(pairs)}\n`)
console.log(`wrote ${pairs.length} pairs whose keys differ`)
