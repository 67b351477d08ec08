import { describe, expect, it } from 'vitest'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'

type Tree = { [k: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

// Words that are the same in both languages: the product's name, a number sign, a code format.
const SAME_IN_BOTH = /^(Parley|№|—|…|TOTP|[A-Z]{2,}(-\w+)?|.*YYYY.*)$/

describe('the Ukrainian locale', () => {
  const enLeaves = leaves(en as Tree)
  const ukLeaves = leaves(uk as Tree)

  it('has every key the English one has, and no other', () => {
    expect([...enLeaves.keys()].filter((k) => !ukLeaves.has(k))).toEqual([])
    expect([...ukLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([])
  })

  it('fills every value with the same placeholders as English', () => {
    const wrong = [...enLeaves].filter(
      ([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(ukLeaves.get(k) ?? '')),
    )
    expect(wrong.map(([k]) => k)).toEqual([])
  })

  it('leaves no value in English (untranslated copies)', () => {
    const copies = [...enLeaves].filter(
      ([k, v]) =>
        ukLeaves.get(k) === v && /[A-Za-z]{3,}/.test(v.replace(/\{\{\w+\}\}/g, '')) && !SAME_IN_BOTH.test(v),
    )
    expect(copies.map(([k, v]) => `${k}: ${v}`)).toEqual([])
  })

  it('gives Ukrainian its plural forms wherever a count is plural', () => {
    const plural = [...ukLeaves.keys()].filter((k) => k.endsWith('_other'))
    expect(plural.length).toBeGreaterThan(2)
    for (const k of plural) {
      const base = k.slice(0, -'_other'.length)
      for (const form of ['one', 'few', 'many'])
        expect(ukLeaves.has(`${base}_${form}`), `${base}_${form}`).toBe(true)
    }
  })
})
