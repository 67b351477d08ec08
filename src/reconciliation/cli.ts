import type { Command } from 'commander'
import { commandLineActor, progressBar, withParley } from '../cli/context'
import { count } from '../cli/plural'
import { DomainError } from '../core/errors'
import { AGAINST } from './model'
import type { ReconciliationSummary } from './run'

type Flags = { list?: string; against: string; threshold?: string }

/** `parley reconcile --list ID`: a run with a progress bar per stage, then what it found. */
export function registerReconcileCommands(program: Command) {
  program
    .command('reconcile')
    .description(
      'Reconcile a stored list with the missing-persons (or custody) register: a review queue and a summary',
    )
    .requiredOption('--list <id>', 'the stored list (parley lists, or GET /api/v1/lists)')
    .option('--against <register>', AGAINST.join(' or '), 'missing')
    .option('--threshold <p>', 'pairs at least this likely are "above" (default 0.9)')
    .action(async (flags: Flags) => {
      if (!(AGAINST as readonly string[]).includes(flags.against))
        throw new DomainError('VALIDATION', `--against must be ${AGAINST.join(' or ')}, not ${flags.against}`)
      const threshold = flags.threshold === undefined ? undefined : Number(flags.threshold)
      if (threshold !== undefined && !(threshold > 0 && threshold < 1))
        throw new DomainError(
          'VALIDATION',
          `--threshold must be a number between 0 and 1, not ${flags.threshold}`,
        )
      await withParley(async ({ services }) => {
        const { runs, review } = services.reconciliation
        const run = await runs.start(commandLineActor(), {
          listId: flags.list!,
          against: flags.against as 'missing' | 'custody',
          ...(threshold === undefined ? {} : { threshold }),
        })
        let stage = ''
        let bar: ReturnType<typeof progressBar> | undefined
        const finished = runs.idle()
        let ended = false
        void finished.then(() => {
          ended = true
        })
        // the run writes its progress to its row; the bar follows the row, as the web page does
        while (!ended) {
          const now = await review.getRun(run.id)
          if (now.progress.stage && now.progress.stage !== stage && now.status === 'running') {
            bar?.stop()
            stage = now.progress.stage
            bar = progressBar(stage.padEnd(10))
          }
          if (now.progress.total > 0) bar?.update(now.progress.done, now.progress.total)
          await Promise.race([finished, new Promise((r) => setTimeout(r, 300))])
        }
        bar?.stop()
        const done = await review.getRun(run.id)
        if (done.status !== 'done')
          throw new DomainError(
            'CONFLICT',
            `reconciliation ${done.number} ${done.status}: ${done.error ?? 'stopped'}`,
          )
        const s = done.summary as ReconciliationSummary
        console.log(
          [
            `reconciliation ${done.number} of list "${done.listName}" against the ${done.against} register (id ${done.id})`,
            `${count(s.listRows, 'row')} against ${count(s.registerRecords, 'record')} in ${s.seconds} s`,
            `${count(s.pairs, 'pair')} for review: ${s.above} above the threshold, ${s.below} below; ${count(s.listRows - s.rowsWithPair, 'row')} with no pair`,
            `${count(s.duplicateGroups, 'group')} of rows listed twice (${count(s.duplicateRows, 'row')})`,
            ...s.warnings,
          ].join('\n'),
        )
      })
    })
}
