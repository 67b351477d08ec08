import { once } from 'node:events'
import { createWriteStream, rmSync } from 'node:fs'
import type { Command } from 'commander'
import { commandLineActor, progressBar, withParley } from '../cli/context'
import { EXPORT_FORMATS, EXPORT_LISTS } from './model'

/**
 * `parley export <list> --format xlsx --out FILE [--FILTER value...]`: the whole list, however
 * long, streamed into the file with a progress bar; audited like a download.
 */
export function registerExportCommands(program: Command) {
  program
    .command('export')
    .description('Write a list (register, fund, missing, enquiries, handover, dashboard) to XLSX, CSV or PDF')
    .argument('<list>', EXPORT_LISTS.join(', '))
    .requiredOption('--format <format>', EXPORT_FORMATS.join(', '))
    .requiredOption('--out <file>', 'the file to write')
    .option('--lang <lang>', 'language of the headings: en or uk', 'en')
    // a list's filters are its own (--status, --exchangeId...): passed through, checked by the service
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .helpOption('-h, --help', "filters are the list page's own: --status interned --sex female --q Шевч...")
    .action(async (list: string, flags: { format: string; out: string; lang: string }, cmd: Command) => {
      const filters = filtersFrom(cmd.args.slice(1))
      await withParley(async ({ services }) => {
        const actor = commandLineActor()
        // checked before the file is created: a refused filter leaves no empty file behind
        services.exports.check(actor, { list, format: flags.format, lang: flags.lang, filters })
        const bar = progressBar(`export ${list}`)
        const out = createWriteStream(flags.out)
        const { rows } = await services.exports
          .exportTo(actor, { list, format: flags.format, lang: flags.lang, filters }, out, {
            progress: bar.update,
          })
          .catch(async (e: unknown) => {
            // refused after the file was opened (an exchange that does not exist): no file left behind
            bar.stop()
            const closed = once(out, 'close')
            out.destroy()
            await closed
            rmSync(flags.out, { force: true })
            throw e
          })
        bar.stop()
        console.log(`${rows} rows written to ${flags.out}`)
      })
    })
}

/** `--status interned --q Шевч` as { status: 'interned', q: 'Шевч' }. */
function filtersFrom(args: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (!a.startsWith('--')) continue
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined]
    out[name] = inline ?? args[++i] ?? ''
  }
  return out
}
