import type { AuditService } from './service'

type Logger = {
  info: (o: object, m: string) => void
  error: (o: object, m: string) => void
}

/**
 * Signs a checkpoint when the server starts (making the key on a new data folder) and then
 * whenever `everyEntries` entries or `everyMinutes` minutes have passed. A failure is logged, not
 * thrown: the register keeps working, and `parley audit verify` says what is wrong.
 * @returns a function that stops the timer
 */
export async function startAuditCheckpoints(
  audit: AuditService,
  policy: { everyEntries: number; everyMinutes: number },
  logger: Logger,
): Promise<() => void> {
  let running = false
  const tick = async (first: boolean) => {
    if (running) return
    running = true
    try {
      const { checkpoint, written } = first
        ? await audit.writeCheckpoint()
        : await audit.checkpointIfDue(policy)
      if (written) logger.info({ seq: checkpoint.seq, key: checkpoint.key }, 'audit checkpoint signed')
    } catch (error) {
      logger.error({ err: error }, 'audit checkpoint not written')
    } finally {
      running = false
    }
  }
  await tick(true)
  // look often enough to honour the entry count; the minutes rule is checked on the same tick
  const everyMs = Math.max(1000, Math.min(60_000, policy.everyMinutes * 60_000))
  const timer = setInterval(() => void tick(false), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
