import type { Queue, Take } from './queue'

/** How long an idle in-process worker waits before looking at the table again (a kick wakes it at once). */
const POLL_MS = 2000

/**
 * The queue of the embedded database: the jobs table itself, polled by one worker in this process.
 * PGlite belongs to one process (the data-folder lock) and cannot be shared with a thread, so the
 * job's orchestration runs on the main thread and its heavy part (scoring) on the worker-thread
 * pool the linkage engine already uses; a job left running by a process that died is taken up at
 * the next start (see reapAbandoned's `all`).
 */
export function createLocalQueue(): Queue {
  let wake: (() => void) | undefined
  let stopped = false
  let loop: Promise<void> | undefined

  async function run(take: Take) {
    while (!stopped) {
      const got = await take(undefined).catch((e) => {
        console.error(`jobs: ${e instanceof Error ? e.message : e}`)
        return 'idle' as const
      })
      if (got !== 'idle' || stopped) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS)
        timer.unref()
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = undefined
    }
  }

  return {
    name: 'in-process',
    enqueue: async () => {},
    work: async (take) => {
      stopped = false
      loop = run(take)
    },
    redeliver: async () => wake?.(),
    kick: () => wake?.(),
    stop: async () => {
      stopped = true
      wake?.()
      await loop
    },
  }
}
