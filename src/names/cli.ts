import type { Command } from 'commander'
import { ValidationError } from '../core/errors'
import { cyrillicSpellings } from './cyrillic'
import { nameKey } from './key'
import { nameTokens } from './normalise'
import { compareNames } from './similarity'
import { isStandard, STANDARDS, transliterate } from './transliterate'

/** `parley names ...`: the name engine at the command line, for people who check a spelling by hand. */
export function registerNameCommands(program: Command) {
  const names = program.command('names').description('Transliterate, key and compare names')

  names
    .command('translit <text...>')
    .description('Write Cyrillic text in Latin letters by one official standard')
    .requiredOption('--standard <std>', STANDARDS.join(', '))
    .action((words: string[], opts: { standard: string }) => {
      if (!isStandard(opts.standard))
        throw new ValidationError([
          { path: '--standard', message: `must be one of ${STANDARDS.join(', ')}, not ${opts.standard}` },
        ])
      console.log(transliterate(words.join(' '), opts.standard))
    })

  names
    .command('cyrillic <text...>')
    .description('The plausible Cyrillic spellings of a Latin name, likeliest first')
    .action((words: string[]) => {
      for (const s of cyrillicSpellings(words.join(' '))) console.log(s)
    })

  names
    .command('key <text...>')
    .description('The name key of each word')
    .action((words: string[]) => {
      for (const token of nameTokens(words.join(' '))) console.log(`${token}\t${nameKey(token)}`)
    })

  names
    .command('compare <a> <b>')
    .description('How alike two names are (0 to 1), and why')
    .action((a: string, b: string) => {
      const { score, reasons } = compareNames(a, b)
      console.log(score.toFixed(3))
      for (const r of reasons) console.log(`  ${r}`)
    })
}
