import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { commandLineActor, withParley } from '../cli/context'

/** `parley report monthly --month YYYY-MM [--lang uk] --out FILE`: the monthly report as PDF, audited. */
export function registerReportCommands(program: Command) {
  const report = program
    .command('report')
    .description('Reports for the leadership: the monthly report as PDF')
  report
    .command('monthly')
    .description(
      "The month's figures beside the month before, with the change, and the exchanges of the month",
    )
    .requiredOption('--month <month>', 'the month, YYYY-MM (not one to come)')
    .option('--lang <lang>', 'language of the report: en or uk', 'en')
    .requiredOption('--out <file>', 'the PDF to write')
    .action(async (flags: { month: string; lang: string; out: string }) => {
      await withParley(async ({ services }) => {
        const { pdf, report: r } = await services.reports.monthly(
          commandLineActor(),
          { month: flags.month, lang: flags.lang },
          'file',
        )
        writeFileSync(flags.out, pdf)
        console.log(`monthly report for ${r.month} written to ${flags.out}`)
      })
    })
}
