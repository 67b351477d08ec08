import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { GROUPS, groupOf } from '../../src/cli/commands'
import { fieldWords } from '../../src/cli/field-words'
import { commandNamed } from '../../src/cli/main'

describe('the table of command groups', () => {
  it('names each top-level command and description that its module registers', {
    timeout: 120_000,
  }, async () => {
    for (const group of GROUPS) {
      const program = new Command()
      ;(await group.load())(program)
      const registered = Object.fromEntries(program.commands.map((c) => [c.name(), c.description()]))
      expect(registered).toEqual(group.commands)
    }
  })

  it('finds the group of a command line, `help NAME` included', () => {
    expect(commandNamed(['names', 'key', 'X'])).toBe('names')
    expect(commandNamed(['help', 'link'])).toBe('link')
    expect(groupOf('dedupe')).toBe(groupOf('link'))
    expect(groupOf('--help')).toBeUndefined()
    expect(groupOf('toString')).toBeUndefined()
  })
})

describe('field names in messages', () => {
  it('reads as words whichever layer spelled them', () => {
    expect(fieldWords('row 2.date_of_birth')).toBe('row 2, date of birth')
    expect(fieldWords('persons.3.dateOfBirth')).toBe('persons 3, date of birth')
    expect(fieldWords('surname')).toBe('surname')
    expect(fieldWords('--pairs')).toBe('--pairs')
    expect(fieldWords('row 4.ПІБ')).toBe('row 4, ПІБ')
  })
})
