import { once } from 'node:events'
import { createWriteStream, readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { progressBar } from '../cli/context'
import { count } from '../cli/plural'
import { ValidationError } from '../core/errors'
import { nameKey } from './key'
import { nameTokens } from './normalise'
import { pairScoreLine, parsePairsTsv } from './pairs-file'
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
    .action(async (words: string[]) => {
      // the spelling and similarity tables take a moment to build: loaded only by the commands using them
      const { cyrillicSpellings } = await import('./cyrillic')
      for (const s of cyrillicSpellings(words.join(' '))) console.log(s)
    })

  names
    .command('key <text...>')
    .description('The name key of each word')
    .action((words: string[]) => {
      for (const token of nameTokens(words.join(' '))) console.log(`${token}\t${nameKey(token)}`)
    })

  names
    .command('compare [a] [b]')
    .description('How alike two names are (0 to 1), and why; or every pair of a file with --pairs')
    .option('--pairs <file>', 'tab-separated file with columns a and b: scores every pair')
    .option('--out <file>', 'with --pairs: write the scores here instead of the standard output')
    .action(
      async (
        a: string | undefined,
        b: string | undefined,
        opts: { pairs?: string; out?: string },
        cmd: Command,
      ) => {
        if (opts.pairs) return comparePairsFile(opts.pairs, opts.out)
        // a usage mistake: the message, then the command's usage, exit 2
        if (!a || !b)
          return cmd.error('error: give two names, or a file of pairs with --pairs', { exitCode: 2 })
        const { compareNames } = await import('./similarity')
        const { score, reasons } = compareNames(a, b)
        console.log(score.toFixed(3))
        for (const r of reasons) console.log(`  ${r}`)
      },
    )
}

/** Scores every pair of a file: a, b, score and reasons, tab-separated, with a progress bar. */
async function comparePairsFile(file: string, out: string | undefined) {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new ValidationError([{ path: '--pairs', message: `cannot read ${file}` }])
  }
  const { compareNames } = await import('./similarity')
  const { rows, issues } = parsePairsTsv(text)
  if (issues.length > 0)
    throw new ValidationError(issues.slice(0, 20), `${file}: ${issues.length} bad row(s)`)
  const sink = out ? createWriteStream(out) : process.stdout
  const bar = rows.length >= 5000 ? progressBar('compare') : null
  const write = async (line: string) => {
    if (!sink.write(`${line}\n`)) await once(sink, 'drain')
  }
  await write('a\tb\tscore\treasons')
  for (let i = 0; i < rows.length; i++) {
    const { a, b } = rows[i]!
    const { score, reasons } = compareNames(a, b)
    await write(pairScoreLine(a, b, score, reasons))
    if (bar && (i % 1000 === 999 || i === rows.length - 1)) bar.update(i + 1, rows.length)
  }
  bar?.stop()
  if (out) {
    sink.end()
    await once(sink, 'finish')
    console.error(`${count(rows.length, 'pair')} scored into ${out}`)
  }
}
