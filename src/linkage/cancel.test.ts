import { afterAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDatabase, dropTestTemplate } from '../../test/support/test-db'
import * as auditStore from '../audit/store'
import type { Connection } from '../db/connection'
import { generatePersons } from '../generate'
import { registerRow } from '../generate/scenarios'
import { defineJobKind } from '../jobs/kind'
import { createBossQueue } from '../jobs/queue-boss'
import { createLocalQueue } from '../jobs/queue-local'
import { createJobService } from '../jobs/service'
import { insertList } from '../lists/store'
import { dedupe } from './engine'
import { createLinkageJobService } from './jobs'
import { type LinkRecord, mapLinkHeader, recordFromRow } from './record'

const analyst = { id: 'u-analyst', name: 'Olena Analyst', role: 'admin' as const }

afterAll(dropTestTemplate)

function records(count: number): LinkRecord[] {
  return [...generatePersons({ seed: 23, count, nationality: 'mixed' })].map((p) => {
    const row = registerRow(p, 23)
    return recordFromRow(Object.values(row), mapLinkHeader(Object.keys(row), 'generated')).record
  })
}

/** Polls until `probe` gives a value: waits for a state, never for an amount of time. */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const got = await probe()
    if (got !== undefined) return got
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('stopping the linkage engine', () => {
  const input = records(3000)

  for (const threads of [1, 2])
    it(`stops a dedupe at its first training report when its signal aborts, and never scores (${threads} thread(s))`, async () => {
      const controller = new AbortController()
      const stages: string[] = []
      const run = dedupe(input, {
        threads,
        signal: controller.signal,
        onProgress: (stage) => {
          stages.push(stage)
          if (stage === 'train') controller.abort(new Error('cancelled by Olena Analyst'))
        },
      })
      await expect(run).rejects.toThrow('cancelled by Olena Analyst')
      expect(stages.filter((s) => s === 'train')).toHaveLength(1)
      expect(stages).not.toContain('score')
    }, 120_000)

  it('does not start a dedupe whose signal has already aborted', async () => {
    const stages: string[] = []
    await expect(
      dedupe(input, { signal: AbortSignal.abort(new Error('gone')), onProgress: (s) => stages.push(s) }),
    ).rejects.toThrow('gone')
    expect(stages).not.toContain('train')
  })
})

describe('cancelling a running linkage job', () => {
  let conn: Connection

  function services() {
    const jobs = createJobService({
      db: conn.db,
      audit: auditStore,
      clock: () => new Date(),
      queue: conn.kind === 'postgres' ? createBossQueue(conn.db, { onError: () => {} }) : createLocalQueue(),
      workers: 'internal',
      leaseSeconds: 30,
    })
    const linkage = createLinkageJobService({
      db: conn.db,
      audit: auditStore,
      clock: () => new Date(),
      jobs,
      threads: 1,
    })
    return { jobs, linkage }
  }

  it('stops the engine of a job cancelled after its first training report: cancelled, no pairs written', async () => {
    conn = await createTestDatabase()
    const { jobs, linkage } = services()
    // the engine's own outcome, seen through a kind that runs it exactly as the linkage kind does
    let engine: Promise<unknown> | undefined
    jobs.register(
      defineJobKind({
        name: 'test.dedupe',
        input: z.object({}),
        async run(ctx) {
          engine = dedupe(await linkageInput(), { threads: 1, signal: ctx.signal, onProgress: ctx.progress })
          return { summary: { pairs: ((await engine) as { pairs: unknown[] }).pairs.length } }
        },
      }),
    )
    const rows = records(20_000)
    const listId = await conn.db.transaction().execute((tx) =>
      insertList(
        tx,
        {
          name: 'generated list',
          counterpart: null,
          fileName: 'list.csv',
          sha256: 'c'.repeat(64),
          createdBy: analyst.id,
        },
        rows,
      ),
    )
    const linkageInput = async () => rows
    try {
      for (const kind of ['linkage', 'test.dedupe']) {
        const id =
          kind === 'linkage'
            ? (
                await linkage.startJob(analyst, {
                  kind: 'dedupe',
                  left: `list:${listId}`,
                  threshold: 0.9,
                  oneToOne: false,
                })
              ).id
            : await jobs.submit(analyst, 'test.dedupe', {})
        await until(async () => {
          const job = await jobs.getJob(id)
          return job.progress.stage === 'train' ? job : undefined
        })
        const asked = await jobs.cancel(analyst, id)
        expect(['running', 'cancelled']).toContain(asked.status)
        await jobs.idle()
        const job = await jobs.getJob(id)
        expect(job).toMatchObject({ status: 'cancelled', cancelledBy: analyst.name, result: null })
        expect(job.progress.stage).not.toBe('score')
        if (kind === 'linkage') {
          expect(await conn.db.selectFrom('linkage_pairs').select('job_id').execute()).toEqual([])
          expect((await linkage.getJob(id)).status).toBe('cancelled')
        } else {
          // the computation itself ended in the cancel: it did not run on to the end in the background
          await expect(engine).rejects.toMatchObject({ why: 'cancelled' })
        }
      }
    } finally {
      await jobs.stopWorker()
      await conn.close()
    }
  }, 600_000)
})
