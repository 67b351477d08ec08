import { givenNameGroups, nameKey, otherLanguageKeys } from '../names'
import { fatherGroupsOf } from '../names/similarity'
import type { LinkRecord } from './record'

/**
 * Every string the engine compares (name keys, canonical names, service numbers, places, units),
 * numbered once. Both sides of a link share one vocabulary, so equal ids mean equal strings and
 * most comparisons are integer tests.
 */
export class Vocabulary {
  readonly words: string[] = ['']
  private readonly ids = new Map<string, number>([['', 0]])

  id(word: string): number {
    let id = this.ids.get(word)
    if (id === undefined) {
      id = this.words.length
      this.words.push(word)
      this.ids.set(word, id)
    }
    return id
  }
}

/**
 * A set of records prepared into columns: one typed array per feature, on shared memory so worker
 * threads read them without a copy. Id 0 means "not given" in every column.
 */
export type PreparedRecords = {
  size: number
  ids: string[]
  surnameKey: Int32Array
  /** the surname's key, or its other-language form's key where that sorts first (Олійник, Олейник) */
  surnameCanon: Int32Array
  /** the key of the surname's likeliest other-language form (Олійник: Олейник's key), or 0 */
  surnameAlt: Int32Array
  givenKey: Int32Array
  /** the given name's equivalence group (Олександр, Александр, Sasha) or, outside the table, its key */
  givenCanon: Int32Array
  patronymicKey: Int32Array
  /** the father's given name, from the patronymic or a father's-name column, as a canonical id */
  fatherCanon: Int32Array
  year: Int16Array
  month: Int8Array
  day: Int8Array
  /** a hash of the normalised service number (0: none) */
  serviceNumber: Int32Array
  /** its characters, SERVICE_WIDTH per record, 0-padded */
  serviceChars: Uint16Array
  place: Int32Array
  unit: Int32Array
  /** the e-mail address, lower-cased (0: none) */
  email: Int32Array
  /** its part before the @, for blocking that survives a typo in the domain */
  emailLocal: Int32Array
  /**
   * The consonant skeleton of the surname's and given name's keys (first letter kept, vowels and
   * doubled letters dropped: Bondraenko and Bondarenko are both "bndrnk"), for blocking that
   * survives a doubled, dropped or transposed vowel.
   */
  surnameSkeleton: Int32Array
  givenSkeleton: Int32Array
}

const COLUMNS = [
  'surnameKey',
  'surnameCanon',
  'surnameAlt',
  'givenKey',
  'givenCanon',
  'patronymicKey',
  'fatherCanon',
  'serviceNumber',
  'place',
  'unit',
  'email',
  'emailLocal',
  'surnameSkeleton',
  'givenSkeleton',
] as const

function sharedInt32(n: number) {
  return new Int32Array(new SharedArrayBuffer(Math.max(4, n * 4)))
}

// Cyrillic letters that look like Latin ones and are typed for them in service numbers (АВ123456).
const LOOKALIKES: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  І: 'I',
}

export function normaliseServiceNumber(text: string): string {
  return text
    .toUpperCase()
    .replace(/[АВЕКМНОРСТХУІ]/g, (c) => LOOKALIKES[c]!)
    .replace(/[^0-9A-ZА-ЯЇЄҐ]/g, '')
}

/**
 * Prepares records with caches keyed by the raw text: a million persons repeat a few thousand
 * names, so each distinct spelling goes through the name engine once.
 */
/** Records prepared between two turns of the event loop (about a tenth of a second's work). */
const PREPARE_SLICE = 20_000

export class Preparer {
  readonly vocabulary = new Vocabulary()
  private readonly surnames = new Map<string, [number, number, number]>()
  private readonly givens = new Map<string, [number, number]>()
  private readonly patronymics = new Map<string, [number, number]>()
  private readonly fathers = new Map<string, number>()
  private readonly places = new Map<string, number>()
  private readonly units = new Map<string, number>()
  private readonly wordKeys = new Map<string, string>()

  prepare(records: readonly LinkRecord[]): PreparedRecords {
    const out = this.emptyFor(records.length)
    for (let i = 0; i < records.length; i++) this.prepareOne(records[i]!, i, out)
    return out
  }

  /**
   * As `prepare`, in slices with a turn of the event loop between them: a million records take
   * seconds, and a job's lease heartbeat and its cancel must get through meanwhile.
   * @throws the signal's reason when it aborted
   */
  async prepareInSlices(records: readonly LinkRecord[], signal?: AbortSignal): Promise<PreparedRecords> {
    const out = this.emptyFor(records.length)
    for (let from = 0; from < records.length; from += PREPARE_SLICE) {
      signal?.throwIfAborted()
      const to = Math.min(records.length, from + PREPARE_SLICE)
      for (let i = from; i < to; i++) this.prepareOne(records[i]!, i, out)
      if (to < records.length) await new Promise((resolve) => setImmediate(resolve))
    }
    signal?.throwIfAborted()
    return out
  }

  private emptyFor(n: number): PreparedRecords {
    const out = {
      size: n,
      ids: new Array<string>(n),
      year: new Int16Array(new SharedArrayBuffer(Math.max(2, n * 2))),
      month: new Int8Array(new SharedArrayBuffer(Math.max(1, n))),
      day: new Int8Array(new SharedArrayBuffer(Math.max(1, n))),
      serviceChars: new Uint16Array(new SharedArrayBuffer(Math.max(2, n * 2 * SERVICE_WIDTH))),
    } as PreparedRecords
    for (const c of COLUMNS) out[c] = sharedInt32(n)
    return out
  }

  private prepareOne(r: LinkRecord, i: number, out: PreparedRecords) {
    out.ids[i] = r.id
    const [surnameKey, surnameCanon, surnameAlt] = this.surname(r.surname)
    out.surnameAlt[i] = surnameAlt
    out.surnameKey[i] = surnameKey
    out.surnameCanon[i] = surnameCanon
    const given = firstWord(r.givenName)
    const [givenKey, givenCanon] = this.given(given)
    out.givenKey[i] = givenKey
    out.givenCanon[i] = givenCanon
    const [patronymicKey, fatherFromPatronymic] = this.patronymic(r.patronymic)
    out.patronymicKey[i] = patronymicKey
    out.fatherCanon[i] = r.fatherName ? this.father(r.fatherName) : fatherFromPatronymic
    if (r.dateOfBirth) {
      out.year[i] = Number(r.dateOfBirth.slice(0, 4))
      if (r.dateOfBirth.length >= 7) out.month[i] = Number(r.dateOfBirth.slice(5, 7))
      if (r.dateOfBirth.length === 10) out.day[i] = Number(r.dateOfBirth.slice(8, 10))
    }
    if (r.serviceNumber) writeServiceNumber(normaliseServiceNumber(r.serviceNumber), i, out)
    out.place[i] = this.cached(this.places, r.placeOfBirth, 'p:')
    out.unit[i] = this.cached(this.units, r.unit, 'u:')
    const email = (r.email ?? '').trim().toLowerCase()
    out.email[i] = email ? this.vocabulary.id(`@${email}`) : 0
    const local = email.split('@')[0]!
    out.emailLocal[i] = local ? this.vocabulary.id(`@${local}`) : 0
    out.surnameSkeleton[i] = this.skeletonOf(surnameKey)
    out.givenSkeleton[i] = this.skeletonOf(givenKey)
  }

  private readonly skeletons = new Map<number, number>()

  private skeletonOf(keyId: number): number {
    if (keyId === 0) return 0
    let hit = this.skeletons.get(keyId)
    if (hit === undefined) {
      hit = this.vocabulary.id(`~${skeleton(this.vocabulary.words[keyId]!)}`)
      this.skeletons.set(keyId, hit)
    }
    return hit
  }

  private surname(text: string): [number, number, number] {
    let hit = this.surnames.get(text)
    if (!hit) {
      const key = nameKey(text)
      const other = otherLanguageKeys(text)
      const canon = [key, ...other].sort()[0]!
      hit = key
        ? [
            this.vocabulary.id(key),
            this.vocabulary.id(`=${canon}`),
            other[0] ? this.vocabulary.id(other[0]) : 0,
          ]
        : [0, 0, 0]
      this.surnames.set(text, hit)
    }
    return hit
  }

  private given(text: string): [number, number] {
    let hit = this.givens.get(text)
    if (!hit) {
      const key = nameKey(text)
      hit = key ? [this.vocabulary.id(key), this.vocabulary.id(givenCanonOf(text, key))] : [0, 0]
      this.givens.set(text, hit)
    }
    return hit
  }

  private patronymic(text: string): [number, number] {
    let hit = this.patronymics.get(text)
    if (!hit) {
      const key = nameKey(text)
      const father = fatherGroupsOf(text)
      hit = key
        ? [this.vocabulary.id(key), father.length ? this.vocabulary.id(`#${Math.min(...father)}`) : 0]
        : [0, 0]
      this.patronymics.set(text, hit)
    }
    return hit
  }

  private father(text: string): number {
    let hit = this.fathers.get(text)
    if (hit === undefined) {
      const word = firstWord(text)
      hit = word ? this.vocabulary.id(givenCanonOf(word, nameKey(word))) : 0
      this.fathers.set(text, hit)
    }
    return hit
  }

  private cached(cache: Map<string, number>, raw: string, prefix: string): number {
    let id = cache.get(raw)
    if (id === undefined) {
      const value = this.wordsKey(raw)
      id = value ? this.vocabulary.id(prefix + value) : 0
      cache.set(raw, id)
    }
    return id
  }

  /** Places and units compared by the keys of their words, so "Київ" and "Kyiv" meet. */
  private wordsKey(text: string): string {
    return text
      .split(/[\s,.;()"«»-]+/)
      .filter(Boolean)
      .map((w) => {
        if (/^\d+$/.test(w)) return w
        let key = this.wordKeys.get(w)
        if (key === undefined) {
          key = nameKey(w)
          this.wordKeys.set(w, key)
        }
        return key
      })
      .join(' ')
  }
}

/** First letter, then the consonants without repeats: "bondraenko" and "bondarenko" give "bndrnk". */
export function skeleton(key: string): string {
  const k = key.replace(/[^a-z]/g, '')
  let out = k.slice(0, 1)
  for (let c = 1; c < k.length; c++) {
    const ch = k[c]!
    if ('aeiouyhjw'.includes(ch) || ch === out.at(-1)) continue
    out += ch
  }
  return out
}

function givenCanonOf(text: string, key: string): string {
  const groups = givenNameGroups(text)
  return groups.length ? `#${Math.min(...groups)}` : `=${key}`
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/)[0] ?? ''
}

/** Service numbers longer than this are compared on their first SERVICE_WIDTH characters. */
export const SERVICE_WIDTH = 16

/**
 * Service numbers are nearly all distinct, so they are not numbered in the vocabulary: each is kept
 * as a hash (for blocking and equality) and its characters in a fixed-width table (for "one
 * character off"), both in shared memory.
 */
function writeServiceNumber(text: string, i: number, out: PreparedRecords) {
  if (!text) return
  let h = 0x811c9dc5
  const n = Math.min(text.length, SERVICE_WIDTH)
  for (let c = 0; c < n; c++) {
    const code = text.charCodeAt(c)
    out.serviceChars[i * SERVICE_WIDTH + c] = code
    h = Math.imul(h ^ code, 0x01000193)
  }
  out.serviceNumber[i] = h | 1
}
