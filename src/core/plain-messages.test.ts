import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ValidationError } from './errors'
import { parseInput } from './validate'

const Person = z.object({
  surname: z.string().min(1),
  firstNames: z.string().max(5).optional(),
  category: z.enum(['prisoner_of_war', 'civilian_internee']),
  facilityId: z.uuid().optional(),
  capacity: z.number().int().min(1).optional(),
  username: z.string().min(1, 'enter your username'),
})

function messages(input: unknown): Record<string, string> {
  try {
    parseInput(Person, input)
  } catch (e) {
    if (e instanceof ValidationError) return Object.fromEntries(e.issues.map((i) => [i.path, i.message]))
    throw e
  }
  throw new Error('parsed')
}

describe("zod's default messages, in words", () => {
  it('names what is wrong without zod\'s "Invalid input: expected string, received undefined"', () => {
    const m = messages({
      firstNames: 'Олександр',
      category: 'spy',
      facilityId: 'x',
      capacity: 0,
      username: '',
    })
    expect(m).toEqual({
      surname: 'must be filled in',
      firstNames: 'must be at most 5 characters',
      category: 'must be one of: prisoner_of_war, civilian_internee',
      facilityId: 'must be an id (like 3f2b8c1e-…)',
      capacity: 'must be at least 1',
      // a schema's own message is kept
      username: 'enter your username',
    })
    expect(Object.values(m).join(' ')).not.toMatch(/Invalid|expected|received/)
  })

  it('says which kind of value a field takes', () => {
    expect(messages({ surname: 7, category: 'prisoner_of_war', username: 'a' })).toEqual({
      surname: 'must be text',
    })
    expect(messages({ surname: '', category: 'prisoner_of_war', username: 'a' })).toEqual({
      surname: 'must not be empty',
    })
  })
})
