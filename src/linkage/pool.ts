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
 * tasks run here, without the cost of starting workers.
 */
export async function runTasks<R>(
  space: CandidateSpace,
  scorer: Scorer | undefined,
  tasks: WorkerTask[],
  threads: number,
  onResult: (result: R, task: WorkerTask) => void,
): Promise<void> {
  if (threads <= 1 || tasks.length <= 1) {
    for (const task of tasks) {
      onResult(runHere(space, scorer, task) as R, task)
      // let a progress bar draw between tasks
      await new Promise((resolve) => setImmediate(resolve))
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
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let current: WorkerTask | undefined
            const give = () => {
              current = tasks[next++]
              if (current) worker.postMessage(current)
              else resolve()
            }
            worker.on('message', (result: R) => {
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
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}

function runHere(space: CandidateSpace, scorer: Scorer | undefined, task: WorkerTask) {
  if (task.kind === 'count') return countSampled(space, task.from, task.to, task.plan)
  if (task.kind === 'u') return countRandomPairs(space, task)
  if (!scorer) throw new Error('a scoring task needs a model')
  return scorePairs(space, scorer, task.from, task.to, task.minWeight)
}
