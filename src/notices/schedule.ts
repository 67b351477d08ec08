type Logger = {
  info: (o: object, m: string) => void
  error: (o: object, m: string) => void
}

/**
 * Runs the weekly health bulletins' pass when the server starts and then every hour, so a week
 * that begins is owed within the hour, with no one having to open a page. Several servers on one
 * PostgreSQL may all run it: a unique index keeps each week once. A failure is logged, not thrown.
 * @returns a function that stops the timer
 */
export function startWeeklyBulletins(
  notices: { weeklyBulletins: () => Promise<{ added: number; withdrawn: number }> },
  logger: Logger,
  everyMs = 60 * 60_000,
): () => void {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      const r = await notices.weeklyBulletins()
      if (r.added + r.withdrawn > 0) logger.info(r, 'weekly health bulletins brought up to date')
    } catch (error) {
      logger.error({ err: error }, 'weekly health bulletins not brought up to date')
    } finally {
      running = false
    }
  }
  void tick()
  const timer = setInterval(() => void tick(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
