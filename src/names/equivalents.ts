import { GIVEN_NAME_TABLE } from './data/given-names'
import ua2ru from './data/ua2ru.json'
import { nameKey } from './key'

/** One given name in its Ukrainian, Russian and Latin forms, with the diminutives people use. */
export type GivenNameGroup = {
  id: number
  sex: 'male' | 'female'
  uk: string[]
  ru: string[]
  latin: string[]
  diminutives: string[]
}

function parseTable(text: string): GivenNameGroup[] {
  const groups: GivenNameGroup[] = []
  for (const line of text.split('\n')) {
    const parts = line.split('|').map((p) => p.trim())
    if (parts.length < 4) continue
    const words = (i: number) => (parts[i] ?? '').split(/\s+/).filter(Boolean)
    groups.push({
      id: groups.length,
      sex: parts[0] === 'f' ? 'female' : 'male',
      uk: words(1),
      ru: words(2),
      latin: words(3),
      diminutives: words(4),
    })
  }
  return groups
}

export const GIVEN_NAME_GROUPS: readonly GivenNameGroup[] = parseTable(GIVEN_NAME_TABLE)

// A spelling may belong to several names (Саша: Александр and Александра; Слава: Ярослав,
// Вячеслав, Станислав), so each key maps to every group it appears in.
const GROUPS_BY_KEY = new Map<string, number[]>()
for (const g of GIVEN_NAME_GROUPS) {
  for (const form of [...g.uk, ...g.ru, ...g.latin, ...g.diminutives]) {
    const key = nameKey(form)
    const ids = GROUPS_BY_KEY.get(key) ?? []
    if (!ids.includes(g.id)) ids.push(g.id)
    GROUPS_BY_KEY.set(key, ids)
  }
}

/** The given-name groups a spelling belongs to, in any script and any romanisation. */
export function givenNameGroups(name: string): readonly number[] {
  return GROUPS_BY_KEY.get(nameKey(name)) ?? []
}

/** Whether two given names are one name in different languages or forms (Микола, Николай, Nikolai, Коля). */
export function sameGivenName(a: string, b: string): boolean {
  const ga = givenNameGroups(a)
  if (ga.length === 0) return false
  const gb = givenNameGroups(b)
  return ga.some((g) => gb.includes(g))
}

// Ukrainian and Russian forms of surnames and patronymics whose keys differ (Олійник, Олейник).
const OTHER_FORMS = new Map<string, Set<string>>()
for (const [uk, ru] of ua2ru as [string, string][]) {
  const ukKey = nameKey(uk)
  const ruKey = nameKey(ru)
  OTHER_FORMS.set(ukKey, (OTHER_FORMS.get(ukKey) ?? new Set()).add(ru))
  OTHER_FORMS.set(ruKey, (OTHER_FORMS.get(ruKey) ?? new Set()).add(uk))
}

/** The Russian forms of a Ukrainian name (given name, surname or patronymic), when they differ. */
export function ukrainianToRussian(name: string): string[] {
  const given = givenNameGroups(name).flatMap((id) => GIVEN_NAME_GROUPS[id]!.ru)
  return unique([...given, ...(OTHER_FORMS.get(nameKey(name)) ?? [])].filter((f) => f !== name))
}

/** The Ukrainian forms of a Russian name, when they differ. */
export function russianToUkrainian(name: string): string[] {
  const given = givenNameGroups(name).flatMap((id) => GIVEN_NAME_GROUPS[id]!.uk)
  return unique([...given, ...(OTHER_FORMS.get(nameKey(name)) ?? [])].filter((f) => f !== name))
}

// Ukrainian і where Russian keeps о or е, in a closed last syllable (Кіт / Кот, Сірко / Серко,
// Федір / Федор, Гнатів / Гнатов). Derived from ua2ru.csv: of its pairs that differ in one letter,
// 316 differ by this і, nearly all before one consonant at the end (-ів, -ін, -ір, -іл, -ід) or in
// a final syllable -ко, -ка; the table lists only the pairs it holds, the rule reads the rest.
const CLOSED_LAST_SYLLABLE = /(?<=[^aeiou])i(sh|zh|ch|ts|[bdfhklmnprstvz])(ko|ka|ok|)$/

/** Keys of the name's forms in the other language, for matching across Ukrainian and Russian. */
export function otherLanguageKeys(name: string): string[] {
  const key = nameKey(name)
  const keys = [...(OTHER_FORMS.get(key) ?? [])].map(nameKey)
  if (CLOSED_LAST_SYLLABLE.test(key))
    for (const vowel of ['o', 'e']) keys.push(key.replace(CLOSED_LAST_SYLLABLE, `${vowel}$1$2`))
  return unique(keys)
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)]
}

const GROUP_KEYS = new Map<number, readonly string[]>()

/**
 * The keys of a given-name group's full forms (Ukrainian, Russian, Latin; not diminutives), so a
 * misspelt name outside every group ("Алекснй", "Alekusei") can be held against each form of the
 * other side's name (Олексій, Алексей, Aleksei) instead of only the form that side wrote.
 */
export function givenGroupKeys(id: number): readonly string[] {
  let keys = GROUP_KEYS.get(id)
  if (!keys) {
    const g = GIVEN_NAME_GROUPS[id]
    keys = g ? [...new Set([...g.uk, ...g.ru, ...g.latin].map(nameKey).filter(Boolean))] : []
    GROUP_KEYS.set(id, keys)
  }
  return keys
}

/** The given-name groups of a name key (a key made by nameKey), for keys the caller already has. */
export function groupsOfKey(key: string): readonly number[] {
  return GROUPS_BY_KEY.get(key) ?? []
}
