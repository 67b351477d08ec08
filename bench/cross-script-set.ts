import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { type GeneratedPerson, generatePersons } from '../src/generate/population'
import { Random } from '../src/generate/random'
import { registerRow } from '../src/generate/scenarios'
import { link } from '../src/linkage/engine'
import { pairQuality } from '../src/linkage/evaluate'
import { readLinkFile } from '../src/linkage/read'
import type { LinkRecord } from '../src/linkage/record'
import { blockedTogether } from '../src/linkage/score'

/**
 * An independent check of cross-script linkage. The register is fictitious persons from our
 * generator, but the other side's list is written here with corruption code of its own, sharing
 * nothing with src/generate/corrupt.ts or src/names: its own Ukrainian-to-Russian rules, its own
 * romanisation tables (KMU-2010, ICAO 9303, BGN/PCGN, by ear), its own typos and date slips. A flaw
 * the engine shares with our generator cannot hide here. Beside it, a rule-based matcher of about
 * a hundred lines, the bar the engine must clear.
 */

// ---- Ukrainian to Russian -------------------------------------------------------------------

/** Given names whose Russian form is not a letter-for-letter rewrite; [uk, ru, English]. */
const GIVEN: [string, string, string][] = [
  ['Олександр', 'Александр', 'Alexander'],
  ['Олексій', 'Алексей', 'Alexey'],
  ['Микола', 'Николай', 'Nicholas'],
  ['Михайло', 'Михаил', 'Michael'],
  ['Андрій', 'Андрей', 'Andrew'],
  ['Сергій', 'Сергей', 'Sergei'],
  ['Дмитро', 'Дмитрий', 'Dmitry'],
  ['Володимир', 'Владимир', 'Vladimir'],
  ['Юрій', 'Юрий', 'George'],
  ['Віталій', 'Виталий', 'Vitaly'],
  ['Анатолій', 'Анатолий', 'Anatoly'],
  ['Василь', 'Василий', 'Basil'],
  ['Петро', 'Пётр', 'Peter'],
  ['Павло', 'Павел', 'Paul'],
  ['Іван', 'Иван', 'John'],
  ['Григорій', 'Григорий', 'Gregory'],
  ['Євген', 'Евгений', 'Eugene'],
  ['Кирило', 'Кирилл', 'Cyril'],
  ['Данило', 'Даниил', 'Daniel'],
  ['Федір', 'Фёдор', 'Theodore'],
  ['Трохим', 'Трофим', 'Trofim'],
  ['Панас', 'Афанасий', 'Afanasy'],
  ['Олена', 'Елена', 'Helen'],
  ['Ольга', 'Ольга', 'Olga'],
  ['Наталія', 'Наталья', 'Natalie'],
  ['Марія', 'Мария', 'Maria'],
  ['Юлія', 'Юлия', 'Julia'],
  ['Тетяна', 'Татьяна', 'Tatiana'],
  ['Ірина', 'Ирина', 'Irina'],
  ['Ілля', 'Илья', 'Elijah'],
  ['Іларіон', 'Илларион', 'Hilarion'],
  ['Яків', 'Яков', 'Jacob'],
  ['Йосип', 'Иосиф', 'Joseph'],
  ['Степан', 'Степан', 'Stephen'],
  ['Максим', 'Максим', 'Maxim'],
  ['Артем', 'Артём', 'Artem'],
  ['Тарас', 'Тарас', 'Taras'],
  ['Богдан', 'Богдан', 'Bogdan'],
  ['Роман', 'Роман', 'Roman'],
]
const RU_OF = new Map(GIVEN.map(([uk, ru]) => [uk, ru]))
const EN_OF = new Map(GIVEN.map(([uk, , en]) => [uk, en]))

/** The letters Ukrainian and Russian spell differently, word by word, as a Russian clerk writes. */
function ruLetters(random: Random, word: string): string {
  let w = word
    .replace(/ський$/, 'ский')
    .replace(/цький$/, 'цкий')
    .replace(/ська$/, 'ская')
    .replace(/цька$/, 'цкая')
    .replace(/ій$/, 'ий')
    .replace(/['’ʼ]/g, random.chance(0.5) ? 'ь' : '')
  // і is most often и, sometimes the o or e of the older form (Кіт: Кот, Сірко: Серко)
  w = w.replace(/і/g, () => (random.chance(0.85) ? 'и' : random.chance(0.5) ? 'е' : 'о'))
  w = w.replace(/ї/g, 'йи').replace(/є/g, 'е').replace(/ґ/g, 'г').replace(/Є/g, 'Е').replace(/І/g, 'И')
  // Ukrainian и is Russian ы after some consonants (Лисенко: Лысенко), not always
  return w.replace(/([лмнпрсбв])и/g, (m, c) => (random.chance(0.3) ? `${c}ы` : m))
}

function ruGiven(random: Random, uk: string): string {
  return RU_OF.get(uk) ?? ruLetters(random, uk)
}

/** The Russian patronymic from the Ukrainian one: the father's Russian name and Russian endings. */
function ruPatronymic(random: Random, uk: string): string {
  const m = /^(.*?)(ович|евич|йович|івна|ївна|овна|івич)$/.exec(uk)
  if (!m) return ruLetters(random, uk)
  const female = /вна$/.test(uk)
  const stem = m[1]!
  // the father's name: Сергій (Сергійович), Микола (Миколайович), Іван (Іванович)
  const father =
    [...RU_OF.keys()].find(
      (k) => k === stem || k === `${stem}й` || k === `${stem}а` || `${k}`.startsWith(stem),
    ) ?? stem
  const ru = RU_OF.get(father) ?? ruLetters(random, father)
  if (/[йя]$/.test(ru)) return `${ru.slice(0, -1)}е${female ? 'вна' : 'вич'}`
  if (/а$/.test(ru)) return `${ru.slice(0, -1)}ич${female ? 'на' : ''}`
  return `${ru}${female ? 'овна' : 'ович'}`
}

// ---- romanisations ------------------------------------------------------------------------

type Table = Record<string, string>
const COMMON: Table = {
  а: 'a',
  б: 'b',
  в: 'v',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ъ: '',
  "'": '',
  '’': '',
  ʼ: '',
}
/** Ukrainian, the 2010 cabinet resolution (passports since 2010): word-initial forms differ. */
const KMU: Table = {
  ...COMMON,
  г: 'h',
  ґ: 'g',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  є: 'ie',
  ю: 'iu',
  я: 'ia',
  ы: 'y',
  э: 'e',
  ё: 'e',
}
const KMU_START: Table = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' }
/** ICAO Doc 9303, as Russian passports write the Russian form. */
const ICAO: Table = {
  ...COMMON,
  г: 'g',
  и: 'i',
  й: 'i',
  ы: 'y',
  э: 'e',
  ё: 'e',
  ю: 'iu',
  я: 'ia',
  ъ: 'ie',
  і: 'i',
  ї: 'i',
  є: 'ie',
  ґ: 'g',
}
/** BGN/PCGN, as maps and older lists write Russian names. */
const BGN: Table = {
  ...COMMON,
  г: 'g',
  и: 'i',
  й: 'y',
  ы: 'y',
  э: 'e',
  ё: 'ye',
  е: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
}
const VOWELS = 'аеёиіїоуыэюяєАЕЁИІЇОУЫЭЮЯЄ'

function romanise(word: string, table: Table, start: Table = {}, bgnE = false): string {
  let out = ''
  const chars = [...word]
  chars.forEach((ch, i) => {
    const lower = ch.toLowerCase()
    const initial = i === 0 || !/\p{L}/u.test(chars[i - 1]!)
    let t = (initial ? start[lower] : undefined) ?? table[lower]
    if (bgnE && lower === 'е' && (initial || VOWELS.includes(chars[i - 1]!) || chars[i - 1] === 'ь')) t = 'ye'
    if (t === undefined) t = lower
    // зг is zgh in KMU-2010, so that it does not read as ж
    if (table === KMU && lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') t = 'gh'
    out += ch !== lower && t ? t[0]!.toUpperCase() + t.slice(1) : t
  })
  return out
}

/** How a clerk abroad writes by ear: Olexandr, Tkachivsky, Kravchenko, Bondarchuck. */
function byEar(random: Random, latin: string): string {
  let w = latin
  if (random.chance(0.5)) w = w.replace(/yi$|iy$|ii$/, 'y')
  if (random.chance(0.4)) w = w.replace(/ks/g, 'x')
  if (random.chance(0.3)) w = w.replace(/kh/gi, (m) => (m[0] === 'K' ? 'H' : 'h'))
  if (random.chance(0.3)) w = w.replace(/y(?=[aeiou])/g, 'j')
  if (random.chance(0.3)) w = w.replace(/uk$/, 'uck')
  if (random.chance(0.3)) w = w.replace(/ts/g, 'tz')
  return w
}

// ---- typos, dates ---------------------------------------------------------------------------

function typo(random: Random, word: string): string {
  const c = [...word]
  if (c.length < 3) return word
  const at = random.int(1, c.length - 2)
  const letters = /[a-z]/i.test(word) ? 'aeiouklmnrst' : 'аеиоклмнрст'
  switch (random.int(0, 3)) {
    case 0: // insert
      c.splice(at, 0, random.pick([...letters]))
      break
    case 1: // delete
      c.splice(at, 1)
      break
    case 2: // transpose
      ;[c[at], c[at + 1]] = [c[at + 1] ?? c[at]!, c[at]!]
      break
    default: // substitute
      c[at] = random.pick([...letters].filter((l) => l !== c[at]))
  }
  return c.join('')
}

function writeDate(random: Random, iso: string): { text: string; slip?: string } {
  if (random.chance(0.05)) return { text: '', slip: 'no date' }
  let [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  let slip: string | undefined
  if (random.chance(0.05)) {
    y += random.chance(0.5) ? 1 : -1
    slip = 'year off'
  }
  if (random.chance(0.05)) {
    ;[m, d] = [d, m]
    slip = slip ? `${slip}, day-month swap` : 'day-month swap'
  }
  if (random.chance(0.03)) return { text: String(y), slip: 'year only' }
  const p = (n: number) => String(n).padStart(2, '0')
  return { text: random.chance(0.6) ? `${p(d)}.${p(m)}.${y}` : `${y}-${p(m)}-${p(d)}`, slip }
}

// ---- the list ------------------------------------------------------------------------------

type Script = 'uk' | 'ru' | 'kmu' | 'icao' | 'bgn' | 'informal'
const SCRIPTS: [Script, number][] = [
  ['uk', 0.2],
  ['ru', 0.3],
  ['kmu', 0.15],
  ['icao', 0.15],
  ['bgn', 0.05],
  ['informal', 0.15],
]

export type CrossScriptRow = Record<string, string>

/** How the other side writes one person: a script, then slips, each drawn here. */
function writePerson(random: Random, p: GeneratedPerson, rowId: string, truth: string): CrossScriptRow {
  const roll = random.next()
  let sum = 0
  const script =
    SCRIPTS.find(([, w]) => {
      sum += w
      return roll < sum
    })?.[0] ?? 'uk'
  const ru = script === 'ru' || script === 'icao' || (script === 'bgn' && random.chance(0.5))
  let surname = ru ? ruLetters(random, p.surname) : p.surname
  let given = ru ? ruGiven(random, p.givenName) : p.givenName
  let patronymic = random.chance(0.45) ? '' : ru ? ruPatronymic(random, p.patronymic) : p.patronymic
  const slips: string[] = [script]
  // a typo is made in the script the clerk writes in, so before or after romanising
  const typoField = random.chance(0.12) ? (random.chance(0.7) ? 'surname' : 'given') : null
  if (typoField && random.chance(0.5)) {
    if (typoField === 'surname') surname = typo(random, surname)
    else given = typo(random, given)
    slips.push(`${typoField} typo`)
  }
  const latin = (w: string) =>
    script === 'kmu'
      ? romanise(w, KMU, KMU_START)
      : script === 'icao'
        ? romanise(w, ICAO)
        : script === 'bgn'
          ? romanise(w, BGN, {}, true)
          : script === 'informal'
            ? byEar(random, romanise(w, random.chance(0.5) ? KMU : BGN, KMU_START))
            : w
  if (script === 'informal' && random.chance(0.5) && EN_OF.has(p.givenName)) given = EN_OF.get(p.givenName)!
  else given = latin(given)
  surname = latin(surname)
  patronymic = latin(patronymic)
  if (typoField && !slips.includes(`${typoField} typo`)) {
    if (typoField === 'surname') surname = typo(random, surname)
    else given = typo(random, given)
    slips.push(`${typoField} typo`)
  }
  if (random.chance(0.03)) {
    surname = typo(random, surname)
    slips.push('second surname typo')
  }
  if (random.chance(0.06)) {
    ;[surname, given] = [given, surname]
    slips.push('swapped names')
  }
  const date = writeDate(random, p.dateOfBirth)
  if (date.slip) slips.push(date.slip)
  // most lists from the other side carry no service number at all
  const serviceNumber = random.chance(0.25) ? p.serviceNumber : ''
  return {
    id: rowId,
    surname,
    first_name: given,
    patronymic,
    date_of_birth: date.text,
    service_number: serviceNumber,
    place_of_birth: random.chance(0.3) ? p.placeOfBirth : '',
    truth,
    slips: slips.join('; '),
  }
}

export type CrossScriptOptions = { seed: number; persons: number; rows: number; matchShare: number }

/**
 * The register (our generator's persons, Ukrainian) and the list: `matchShare` of its rows copy
 * distinct register persons; the rest are persons not in the register, a quarter of them namesakes
 * of a register person (same surname and given name, another birth date, no number).
 */
export function crossScriptSet(o: CrossScriptOptions) {
  const register = [...generatePersons({ seed: o.seed, count: o.persons, nationality: 'UA' })]
  const random = new Random(o.seed * 7 + 13)
  const matched = Math.round(o.rows * o.matchShare)
  const picked = new Set<number>()
  while (picked.size < matched) picked.add(random.int(0, register.length - 1))
  const strangers = [
    ...generatePersons({
      seed: o.seed + 104_729,
      count: o.rows - matched,
      nationality: 'UA',
      firstId: 8_000_001,
    }),
  ]
  const list: CrossScriptRow[] = []
  let n = 0
  const id = () => `X${String(++n).padStart(6, '0')}`
  for (const i of picked) list.push(writePerson(random, register[i]!, id(), register[i]!.id))
  for (const s of strangers) {
    let p = s
    if (random.chance(0.25)) {
      const of = register[random.int(0, register.length - 1)]!
      p = { ...s, surname: of.surname, givenName: of.givenName, sex: of.sex }
    }
    list.push(writePerson(random, p, id(), ''))
  }
  for (let i = list.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
  return { register: register.map((p) => registerRow(p, o.seed)), list }
}

// ---- the rule-based baseline ----------------------------------------------------------------

const FOLD: Table = {
  ...Object.fromEntries(Object.entries(ICAO).map(([k, v]) => [k, v])),
  г: 'h',
  и: 'i',
  і: 'i',
  ї: 'i',
  ы: 'i',
  й: 'i',
  є: 'e',
  э: 'e',
  ё: 'e',
  ю: 'u',
  я: 'a',
}
/** A loose Latin skeleton any spelling of a name folds to (the baseline's whole name model). */
function fold(name: string): string {
  let w = [...name.toLowerCase()].map((c) => FOLD[c] ?? c).join('')
  w = w.normalize('NFD').replace(/[^a-z]/g, '')
  w = w.replace(/kh|g/g, 'h').replace(/ks|x/g, 'ks').replace(/tz|ts/g, 'c').replace(/[yj]/g, 'i')
  w = w
    .replace(/i+/g, 'i')
    .replace(/([aeiou])[aeiou]+/g, '$1')
    .replace(/(.)\1+/g, '$1')
  return w.replace(/[eio]/g, 'i')
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}

const nameScore = (a: string, b: string) =>
  !a || !b
    ? 0
    : a === b
      ? 2
      : editDistance(a, b) <= Math.max(1, Math.floor(Math.min(a.length, b.length) / 5))
        ? 1
        : -2
const givenFold = (g: string) => {
  const uk = GIVEN.find((row) => row.some((v) => fold(v) === fold(g)))
  return fold(uk ? uk[0] : g)
}
function dateScore(a: string, b: string): number {
  if (!a || !b) return 0
  const [ya, ma, da] = a.split('-')
  const [yb, mb, db] = b.split('-')
  if (a === b) return 3
  if (ya === yb && ((ma === db && da === mb) || !ma || !mb)) return 2
  if (Math.abs(Number(ya) - Number(yb)) === 1 && ma === mb && da === db) return 2
  return ya === yb ? -1 : -3
}

/** Rules: fold names, block on birth year or folded surname, add points, keep each row's best. */
export function baselineMatch(
  list: readonly LinkRecord[],
  register: readonly LinkRecord[],
): [string, string][] {
  const fr = register.map((r) => ({ id: r.id, s: fold(r.surname), g: givenFold(r.givenName), r }))
  const byKey = new Map<string, number[]>()
  const add = (k: string, i: number) => byKey.set(k, [...(byKey.get(k) ?? []), i])
  fr.forEach((r, i) => {
    add(`s:${r.s.slice(0, 4)}`, i)
    add(`s:${r.g.slice(0, 4)}`, i)
    if (r.r.dateOfBirth) add(`y:${r.r.dateOfBirth.slice(0, 4)}`, i)
  })
  const scored: [number, string, string][] = []
  for (const l of list) {
    const s = fold(l.surname)
    const g = givenFold(l.givenName)
    const cands = new Set([
      ...(byKey.get(`s:${s.slice(0, 4)}`) ?? []),
      ...(byKey.get(`s:${g.slice(0, 4)}`) ?? []),
    ])
    let best: [number, string] = [0, '']
    for (const i of cands) {
      const r = fr[i]!
      const straight = nameScore(s, r.s) + nameScore(g, r.g)
      const crossed = nameScore(s, r.g) + nameScore(g, r.s) - 0.5
      let score = Math.max(straight, crossed) + dateScore(l.dateOfBirth, r.r.dateOfBirth)
      if (l.serviceNumber && r.r.serviceNumber) score += l.serviceNumber === r.r.serviceNumber ? 4 : -2
      if (score > best[0]) best = [score, r.id]
    }
    if (best[0] >= 5) scored.push([best[0], l.id, best[1]])
  }
  const used = new Set<string>()
  return scored
    .sort((a, b) => b[0] - a[0])
    .filter(([, , r]) => !used.has(r) && used.add(r) !== undefined)
    .map(([, l, r]) => [l, r])
}

// ---- measuring -----------------------------------------------------------------------------

const COLUMNS = [
  'id',
  'surname',
  'first_name',
  'patronymic',
  'date_of_birth',
  'service_number',
  'place_of_birth',
  'truth',
  'slips',
]

function csv(rows: Record<string, string>[], columns: string[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c] ?? '')).join(','))].join('\n')}\n`
}

/** Writes the set once (bench/.data/cross-script-SEED) and returns its folder. */
export function writeCrossScriptSet(o: CrossScriptOptions, root = path.resolve('bench/.data')): string {
  const dir = path.join(root, `cross-script-${o.seed}-${o.persons}-${o.rows}`)
  if (existsSync(path.join(dir, 'list.csv'))) return dir
  const set = crossScriptSet(o)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'register.csv'), csv(set.register, Object.keys(set.register[0]!)))
  writeFileSync(path.join(dir, 'list.csv'), csv(set.list, COLUMNS))
  return dir
}

export const DEFAULT_CROSS_SCRIPT: CrossScriptOptions = {
  seed: 31,
  persons: 20_000,
  rows: 2_000,
  matchShare: 0.8,
}

/** The engine (one-to-one) and the baseline on the set: figures for bench/linkage-quality.ts. */
export async function measureCrossScript(o = DEFAULT_CROSS_SCRIPT) {
  const dir = writeCrossScriptSet(o)
  const left = await readLinkFile(path.join(dir, 'list.csv'), { extraColumns: ['truth', 'slips'] })
  const right = await readLinkFile(path.join(dir, 'register.csv'))
  const truth = left.records
    .map((r, i) => [r.id, left.extras.truth![i]!] as [string, string])
    .filter(([, t]) => t !== '')
  const started = performance.now()
  const result = await link(left.records, right.records, { oneToOne: true })
  const seconds = (performance.now() - started) / 1000
  const found = result.pairs.map(
    (p) => [result.left.ids[p.left]!, result.right.ids[p.right]!] as [string, string],
  )
  const q = pairQuality(found, truth)
  const base = pairQuality(baselineMatch(left.records, right.records), truth)
  const leftAt = new Map(result.left.ids.map((id, i) => [id, i]))
  const rightAt = new Map(result.right.ids.map((id, i) => [id, i]))
  const slipsOf = new Map(left.records.map((r, i) => [r.id, left.extras.slips![i]!]))
  let through = 0
  const missed: string[] = []
  for (const [a, b] of truth) {
    if (blockedTogether(result.space, leftAt.get(a)!, rightAt.get(b)!)) through++
    else missed.push(`${a}: ${slipsOf.get(a)}`)
  }
  const foundSet = new Set(found.map(([a, b]) => `${a}|${b}`))
  const falseNegatives = truth
    .filter(([a, b]) => !foundSet.has(`${a}|${b}`))
    .map(([a]) => `${a}: ${slipsOf.get(a)}`)
  const r4 = (x: number) => Number(x.toFixed(4))
  const weights = result.model.fields.map(
    (f) =>
      `${f.field.padEnd(15)} ${f.levels
        .slice(1)
        .map((l) => `${l.level}: ${Math.log2(l.m / l.u).toFixed(2)}`)
        .join('; ')}`,
  )
  return {
    figures: {
      blockingCeiling: r4(through / truth.length),
      pairsCompared: result.candidates,
      truePairs: truth.length,
      precision: r4(q.precision),
      recall: r4(q.recall),
      f1: r4(q.f1),
      baselinePrecision: r4(base.precision),
      baselineRecall: r4(base.recall),
      baselineF1: r4(base.f1),
      seconds: r4(seconds),
    },
    params: {
      options: o,
      em: result.model.em,
      weights,
      notBlocked: missed.slice(0, 20),
      falseNegatives: falseNegatives.slice(0, 40),
    },
    weights,
  }
}

// run alone: `node --import tsx bench/cross-script-set.ts [rows persons seed]` writes the set and prints figures
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve('bench/cross-script-set.ts')) {
  const [rows, persons, seed] = process.argv.slice(2).map(Number)
  const m = await measureCrossScript({
    ...DEFAULT_CROSS_SCRIPT,
    rows: rows || DEFAULT_CROSS_SCRIPT.rows,
    persons: persons || DEFAULT_CROSS_SCRIPT.persons,
    seed: seed || DEFAULT_CROSS_SCRIPT.seed,
  })
  console.log(JSON.stringify(m.figures, null, 1))
  for (const w of m.weights) console.log(w)
  console.log('not blocked:', m.params.notBlocked)
  console.log('false negatives:', m.params.falseNegatives)
}
