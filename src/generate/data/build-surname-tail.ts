// Derives surname-tail.json from ua2ru.csv: run once with
//   npx tsx src/generate/data/build-surname-tail.ts /path/to/ua2ru.csv
// It keeps rows whose Ukrainian form ends like a surname (-енко, -чук, -ський, -ов, ...), takes the
// primary Russian form (count 2), capitalises it, and writes up to 3,000 pairs in file order.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SURNAME_ENDING = /(енко|чук|юк|ук|ський|цький|ов|ев|єв|ін|ин|як|ак|ич|ко|ець|ань|ар)$/
const source = process.argv[2] ?? '../shared/data/names/ua2ru.csv'
const lines = readFileSync(source, 'utf8').split('\n').slice(1)
const seen = new Set<string>()
const out: [string, string][] = []
for (const line of lines) {
  const [uk, ru, count] = line.trim().split(',')
  if (!uk || !ru || count !== '2' || seen.has(uk)) continue
  if (!SURNAME_ENDING.test(uk) || /(ович|евич|івна|ївна)$/.test(uk) || uk.length < 5) continue
  seen.add(uk)
  out.push([uk, ru.charAt(0).toUpperCase() + ru.slice(1)])
  if (out.length >= 3000) break
}
const here = path.dirname(fileURLToPath(import.meta.url))
writeFileSync(path.join(here, 'surname-tail.json'), `${JSON.stringify(out)}\n`)
console.log(`wrote ${out.length} surname pairs`)
