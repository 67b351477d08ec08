import { z } from 'zod'

type Issue = z.core.$ZodRawIssue

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
}

const FORMAT: Record<string, string> = {
  uuid: 'an id (like 3f2b8c1e-…)',
  email: 'an e-mail address',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time',
  url: 'a web address',
}

const list = (values: readonly unknown[]) => values.map((v) => String(v)).join(', ')

/**
 * Zod's own messages ("Invalid input: expected string, received undefined") in words a registrar
 * can act on. Only the defaults change: a message a schema gives itself ('enter your username')
 * still wins. Each message follows the field's name ("surname: must be filled in").
 */
export function plainMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'must be filled in'
      if (issue.input === null) return 'must not be empty'
      return `must be ${KIND[issue.expected] ?? issue.expected}`
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'}`
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at most ${issue.maximum} entries`
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of: ${list(issue.values)}`
    case 'invalid_format':
      return `must be ${FORMAT[issue.format] ?? `in the form ${issue.format}`}`
    case 'unrecognized_keys':
      return `has fields Parley does not know: ${list(issue.keys)}`
    case 'invalid_union':
      return 'is not one of the accepted forms'
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`
    default:
      return undefined
  }
}

// Installed once for every schema in the process (server, CLI, importers): imported by the modules
// that turn zod's issues into ValidationErrors.
z.config({ customError: plainMessage })
