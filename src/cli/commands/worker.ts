import type { Command } from 'commander'

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
    .action(async () => {
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
