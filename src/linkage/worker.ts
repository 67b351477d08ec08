import { parentPort, workerData } from 'node:worker_threads'
import { countRandomPairs, countSampled, type SamplingPlan, type UTask } from './sample'
import { type CandidateSpace, type Scorer, scorePairs } from './score'

export type WorkerTask =
  | { kind: 'count'; from: number; to: number; plan: SamplingPlan }
  | UTask
  | { kind: 'score'; from: number; to: number; minWeight: number }

const space = workerData.space as CandidateSpace
const scorer = workerData.scorer as Scorer | undefined

parentPort!.on('message', (task: WorkerTask) => {
  if (task.kind === 'count') {
    const r = countSampled(space, task.from, task.to, task.plan)
    parentPort!.postMessage(r, [r.counts.buffer as ArrayBuffer, r.byRule.buffer as ArrayBuffer])
  } else if (task.kind === 'u') {
    const r = countRandomPairs(space, task)
    parentPort!.postMessage(r, [r.buffer as ArrayBuffer])
  } else {
    if (!scorer) throw new Error('a scoring task needs a model')
    const r = scorePairs(space, scorer, task.from, task.to, task.minWeight)
    parentPort!.postMessage(
      r,
      [r.left, r.right, r.weight, r.pattern].map((a) => a.buffer as ArrayBuffer),
    )
  }
})
