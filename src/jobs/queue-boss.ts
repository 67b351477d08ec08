import { CompiledQuery, sql } from 'kysely'
import PgBoss from 'pg-boss'
import type { Db } from '../db/connection'
import type { Queue } from './queue'

/** The pg-boss queue every Parley job travels on. */
export const BOSS_QUEUE = 'parley-jobs'

/**
 * pg-boss's own retries are a safety net only: the jobs table's attempts bound a job's runs
 * (max_attempts), and a worker hands a job back after a graceful stop without counting it.
 */
const BOSS_RETRY_LIMIT = 20
/**
 * pg-boss fails a handler that runs longer than this. Our lease (renewed every two seconds) is what
 * finds a dead worker; this is only the outer bound of one run (a million deduplicated is minutes).
 */
const BOSS_EXPIRE_SECONDS = 6 * 3600

/**
 * pg-boss's first start on a database creates its schema and queue tables; two instances doing it
 * at once (two workers started together on a new database) can deadlock each other, and the loser
 * never starts. Starts take this session lock one at a time; later starts find everything made.
 */
const BOSS_START_LOCK = 728_100_016

/** pg-boss runs its SQL through our pool (or a transaction): one set of connections, one URL. */
function executor(db: Db) {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as never[] }
    },
  }
}

/**
 * The PostgreSQL queue: pg-boss (SKIP LOCKED delivery to one worker, retries, expiry, archive).
 * Every instance can submit; those that work poll every second.
 */
export function createBossQueue(db: Db, opts: { onError: (e: Error) => void }): Queue {
  let started: Promise<PgBoss> | undefined
  let working = false
  const startBoss = async () => {
    const b = new PgBoss({
      db: executor(db),
      // maintenance (expiry, archive) is cheap and locked: every instance may do it
      maintenanceIntervalSeconds: 120,
    })
    b.on('error', opts.onError)
    // the lock is held on a connection of its own while pg-boss works through the pool's others
    await db.connection().execute(async (conn) => {
      await sql`select pg_advisory_lock(${BOSS_START_LOCK})`.execute(conn)
      try {
        await b.start()
        await b.createQueue(BOSS_QUEUE).catch(async (e) => {
          if (!(await b.getQueue(BOSS_QUEUE))) throw e
        })
      } catch (e) {
        await b.stop({ graceful: false, close: false, wait: false }).catch(() => {})
        throw e
      } finally {
        await sql`select pg_advisory_unlock(${BOSS_START_LOCK})`.execute(conn)
      }
    })
    return b
  }
  const boss = () => {
    if (!started) {
      started = startBoss()
      // a start that failed is tried again by the next caller, not kept as the queue's answer
      started.catch(() => {
        started = undefined
      })
    }
    return started
  }
  return {
    name: 'pg-boss',
    enqueue: async (tx, jobId) => {
      const b = await boss()
      const ref = await b.send(BOSS_QUEUE, { jobId }, {
        retryLimit: BOSS_RETRY_LIMIT,
        expireInSeconds: BOSS_EXPIRE_SECONDS,
        db: executor(tx),
      } as PgBoss.SendOptions)
      if (!ref) throw new Error('the job queue refused the job')
      await tx.updateTable('jobs').set({ queue_ref: ref }).where('id', '=', jobId).execute()
    },
    work: async (take) => {
      const b = await boss()
      working = true
      await b.work<{ jobId: string }>(
        BOSS_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          if (!job) return
          // 'again': the job is queued in our table again; failing the pg-boss job delivers it again
          if ((await take(job.data.jobId, job.id)) === 'again') throw new Error('handed back')
        },
      )
    },
    redeliver: async (job) => {
      const b = await boss()
      if (job.status !== 'queued') {
        if (job.queue_ref) await b.cancel(BOSS_QUEUE, job.queue_ref).catch(() => {})
        return
      }
      // pg-boss's typings say void; it answers how many jobs it changed
      const failed = (
        job.queue_ref ? await b.fail(BOSS_QUEUE, job.queue_ref, { reason: 'its worker stopped' }) : undefined
      ) as { affected?: number } | undefined
      // the pg-boss job is gone or finished already (e.g. expired and delivered): send a new one
      if (!failed || failed.affected === 0)
        await db.transaction().execute(async (tx) => {
          const ref = await b.send(BOSS_QUEUE, { jobId: job.id }, {
            retryLimit: BOSS_RETRY_LIMIT,
            expireInSeconds: BOSS_EXPIRE_SECONDS,
            db: executor(tx),
          } as PgBoss.SendOptions)
          if (ref) await tx.updateTable('jobs').set({ queue_ref: ref }).where('id', '=', job.id).execute()
        })
    },
    kick: () => {},
    stop: async () => {
      if (!started) return
      const b = await started
      started = undefined
      // the running job was handed back by the runner already; do not wait for pg-boss's timeout
      await b.stop({ graceful: working, close: false, wait: true, timeout: 5000 })
      working = false
    },
  }
}
