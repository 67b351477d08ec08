import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ValidationError } from '../../src/core/errors'
import { parseInput } from '../../src/core/validate'
import { translateProblem } from '../../src/web/forms'
import { en } from '../../src/web/locales/en'
import { uk } from '../../src/web/locales/uk'

let tUk: TFunction
beforeAll(async () => {
  const i18n = i18next.createInstance()
  await i18n.init({ resources: { en: { translation: en }, uk: { translation: uk } }, lng: 'uk' })
  tUk = i18n.getFixedT('uk')
})

/** What the API says of each field when its own schemas refuse a request (src/core/plain-messages.ts). */
function serverMessages(schema: z.ZodType, input: unknown): string[] {
  try {
    parseInput(schema, input)
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.message)
  }
  throw new Error('expected a refusal')
}

describe("the API's words for a refused field", () => {
  it('are translated on a Ukrainian page, none left in English', () => {
    const schema = z.object({
      surname: z.string(),
      name: z.string().min(1).max(3),
      note: z.string().min(5),
      count: z.number().int().min(1).max(9),
      whole: z.number().int(),
      kind: z.enum(['camp', 'hospital']),
    })
    const said = [
      ...serverMessages(schema, { name: '', note: 'ab', count: 0, whole: 1.5, kind: 'castle' }),
      ...serverMessages(schema, {
        surname: 's',
        name: 'abcd',
        note: 'abcdef',
        count: 10,
        whole: 1,
        kind: 'camp',
      }),
    ]
    expect(said.length).toBeGreaterThanOrEqual(8)
    for (const message of said) {
      const shown = translateProblem(tUk, message)
      expect(shown, message).not.toBe(message)
      expect(shown, message).not.toMatch(/[a-z]{3}/)
    }
  })
})
