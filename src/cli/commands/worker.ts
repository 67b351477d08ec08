import os from 'node:os'
import type { Command } from 'commander'
import { DomainError } from '../../core/errors'

/**
 * `parley worker`: runs jobs (linkage, dedupe...) from the queue until stopped. On PostgreSQL any
 * number of workers on any machines share the queue with the servers; stopped with SIGTERM or
 * Ctrl-C, a worker hands its running job back to the queue; killed outright, the job is taken up
 * by another after its lease (PARLEY_JOB_LEASE_SECONDS).
 */
export function registerWorkerCommands(program: Command) {
  program
    .command('worker')
    .description('Run jobs (linkage, dedupe...) from the queue until stopped; servers then need none')
    .option(
      '--nice <n>',
      'CPU priority, 0 (normal) to 19 (lowest): a worker beside a server leaves the server the cores it needs to answer',
      '10',
    )
    .action(async (opts: { nice: string }) => {
      const nice = Number(opts.nice)
      if (!Number.isInteger(nice) || nice < 0 || nice > 19)
        throw new DomainError('VALIDATION', `--nice ${opts.nice}: give a whole number from 0 to 19`)
      // set before the scoring threads start: Linux threads inherit their creator's priority
      if (nice > 0) os.setPriority(0, nice)
      const [{ loadConfig }, { openParley }] = await Promise.all([
        import('../../core/config'),
        import('../../app/container'),
      ])
      const config = loadConfig()
      const parley = await openParley(config)
      const { jobs } = parley.services
      await jobs.startWorker()
      console.log(
        `Parley worker ${jobs.workerName} takes jobs from ${jobs.queueName === 'pg-boss' ? 'the PostgreSQL queue (pg-boss)' : `the embedded database in ${config.dataDir}`}`,
      )
      const stop = async () => {
        console.log('Stopping: a running job goes back to the queue')
        await parley.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
}
