import { describe, expect, it } from 'vitest'
import { pairScoreLine, parsePairsTsv } from './pairs-file'

describe('a file of name pairs', () => {
  it('reads the columns a and b wherever they stand, and skips blank lines', () => {
    const { rows, issues } = parsePairsTsv(
      'label\tb\ta\n1\tІван Петренко\tIvan Petrenko\n\n0\tOlena Bondar\tOlha Bondar\n',
    )
    expect(issues).toEqual([])
    expect(rows).toEqual([
      { line: 2, a: 'Ivan Petrenko', b: 'Іван Петренко' },
      { line: 4, a: 'Olha Bondar', b: 'Olena Bondar' },
    ])
  })

  it('names each bad row by its line, and a header without a and b', () => {
    const { issues } = parsePairsTsv(
      'a\tb\nIvan Petrenko\tІван Петренко\nIvan Petrenko, Іван Петренко\n\tOlena\n',
    )
    expect(issues.map((i) => i.path)).toEqual(['line 3', 'line 4'])
    expect(issues[0]!.message).toContain('b is empty')
    expect(parsePairsTsv('first,second\nx,y\n').issues[0]!.message).toContain('columns a and b')
  })

  it('writes one line per pair with tabs inside names made spaces', () => {
    expect(pairScoreLine('A\tB', 'C', 0.98765, ['x', 'y'])).toBe('A B\tC\t0.988\tx; y')
  })
})
