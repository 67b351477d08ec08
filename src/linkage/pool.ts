import os from 'node:os'
import { Worker } from 'node:worker_threads'
import { countRandomPairs, countSampled } from './sample'
import { type CandidateSpace, type Scorer, scorePairs } from './score'
import type { WorkerTask } from './worker'

/** Threads to use by default: every core, as linkage is the bureau's heaviest job. */
export function defaultThreads(): number {
  return os.availableParallelism()
}

/**
 * Runs tasks over `threads` worker threads, handing each free worker the next task, and calls
 * `onResult` in the main thread as each finishes (for merging and progress). With one thread the
 * tasks run here, without the cost of starting workers. When `signal` aborts, no further task is
 * handed out and the workers are ended mid-task: a cancelled job frees the cores within one task.
 * @throws the signal's reason when it aborted
 */
export async function runTasks<R>(
  space: CandidateSpace,
  scorer: Scorer | undefined,
  tasks: WorkerTask[],
  threads: number,
  onResult: (result: R, task: WorkerTask) => void,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted()
  if (threads <= 1 || tasks.length <= 1) {
    for (const task of tasks) {
      onResult(runHere(space, scorer, task) as R, task)
      // let a progress bar draw (and a cancel arrive) between tasks
      await new Promise((resolve) => setImmediate(resolve))
      signal?.throwIfAborted()
    }
    return
  }
  // ids stay here: workers need only the typed arrays, which are shared, not copied
  const shared = { ...space, left: { ...space.left, ids: [] }, right: { ...space.right, ids: [] } }
  const workers = Array.from(
    { length: Math.min(threads, tasks.length) },
    () => new Worker(new URL('./worker.mjs', import.meta.url), { workerData: { space: shared, scorer } }),
  )
  let next = 0
  let onAbort: (() => void) | undefined
  try {
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal!.reason)
      signal?.addEventListener('abort', onAbort, { once: true })
    })
    stopped.catch(() => {})
    const work = Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: WorkerTask | undefined
            const give = () => {
              if (signal?.aborted) return reject(signal.reason)
              current = tasks[next++]
              if (current) worker.postMessage(current)
              else resolve()
            }
            worker.on('message', (result: R) => {
              // another thread's task may end in the same turn as the abort: its result is not wanted
              if (signal?.aborted) return reject(signal.reason)
              onResult(result, current!)
              give()
            })
            worker.on('error', reject)
            worker.on('exit', (code) => {
              if (current && next <= tasks.length)
                reject(new Error(`a linkage worker stopped (exit code ${code})`))
            })
            give()
          }),
      ),
    )
    // terminated workers reject `work` after an abort has already ended the race
    work.catch(() => {})
    await Promise.race([work, stopped])
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort)
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

function runHere(space: CandidateSpace, scorer: Scorer | undefined, task: WorkerTask) {
  if (task.kind === 'count') return countSampled(space, task.from, task.to, task.plan)
  if (task.kind === 'u') return countRandomPairs(space, task)
  if (!scorer) throw new Error('a scoring task needs a model')
  return scorePairs(space, scorer, task.from, task.to, task.minWeight)
}
