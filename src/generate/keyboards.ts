import type { Random } from './random'

// Rows of the keyboards lists are typed on: a slip hits the key beside the intended one.
const ROWS = [
  'йцукенгшщзхї',
  'фівапролджє',
  'ячсмитьбю',
  'йцукенгшщзхъ',
  'фывапролджэ',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
]
const NEIGHBOURS = new Map<string, string[]>()
for (const row of ROWS) {
  const keys = [...row]
  keys.forEach((k, i) => {
    const near = NEIGHBOURS.get(k) ?? []
    if (i > 0) near.push(keys[i - 1]!)
    if (i < keys.length - 1) near.push(keys[i + 1]!)
    NEIGHBOURS.set(k, near)
  })
}

export type TypingError = 'adjacent_key' | 'doubled_letter' | 'dropped_letter'

/** One typing error in `word`, away from its first letter (clerks rarely miss the first). */
export function typingError(random: Random, word: string): { text: string; kind: TypingError } {
  const chars = [...word]
  if (chars.length < 3) return { text: `${word}${chars.at(-1) ?? ''}`, kind: 'doubled_letter' }
  const at = random.int(1, chars.length - 1)
  const roll = random.next()
  const lower = chars[at]!.toLowerCase()
  const near = NEIGHBOURS.get(lower)
  if (roll < 0.5 && near && near.length > 0) {
    const replacement = random.pick(near)
    chars[at] = chars[at] === lower ? replacement : replacement.toUpperCase()
    return { text: chars.join(''), kind: 'adjacent_key' }
  }
  if (roll < 0.75) {
    chars.splice(at, 0, chars[at]!)
    return { text: chars.join(''), kind: 'doubled_letter' }
  }
  chars.splice(at, 1)
  return { text: chars.join(''), kind: 'dropped_letter' }
}
