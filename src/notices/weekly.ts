import { addDays, SERIOUS_HEALTH } from './rules'

/**
 * Weekly health bulletins for the seriously ill or wounded (GC III Art. 122: "supplied regularly,
 * every week if possible"; GC IV Art. 138: "regularly and if possible every week").
 *
 * Why a computation rather than "the next one when the previous is sent": the duty runs by the
 * calendar, not by the liaison's pace. Chained on sending, one late batch would push every later
 * week back and a never-sent bulletin would silently stop the series. Here the weeks owed follow
 * from the history alone: a pass (at each write of the person's events, and hourly in the server)
 * adds every week that has begun, and an event that ends the condition stops the series, even one
 * recorded late, which withdraws the weeks it made unnecessary.
 */

/** One event as the weekly rule reads it: its health, if it reports one. */
export type HealthEvent = { seq: number; type: string; occurredOn: string; health: string | null }

/** A time the person was seriously ill or wounded in our power: from `start`, until `end` (exclusive). */
export type SeriousPeriod = { anchorSeq: number; start: string; end: string | null }

export type WeeklyBulletin = { anchorSeq: number; occurredOn: string; dueOn: string }

/** Events after which the person is no longer in our power: the bulletins stop. */
const LEFT_OUR_POWER = ['died', 'released', 'repatriated', 'exchanged', 'escaped']

const serious = (health: string | null) =>
  health !== null && (SERIOUS_HEALTH as readonly string[]).includes(health)

/** The periods of serious illness or wounds, from a history in the order things happened. */
export function seriousPeriods(events: readonly HealthEvent[]): SeriousPeriod[] {
  const sorted = [...events].sort((a, b) =>
    a.occurredOn === b.occurredOn ? a.seq - b.seq : a.occurredOn < b.occurredOn ? -1 : 1,
  )
  const periods: SeriousPeriod[] = []
  let open: SeriousPeriod | null = null
  for (const e of sorted) {
    const ends = LEFT_OUR_POWER.includes(e.type) || (e.health !== null && !serious(e.health))
    if (open && ends) {
      open.end = e.occurredOn
      open = null
    } else if (!open && serious(e.health) && !LEFT_OUR_POWER.includes(e.type)) {
      open = { anchorSeq: e.seq, start: e.occurredOn, end: null }
      periods.push(open)
    }
  }
  return periods
}

/**
 * The weekly bulletins owed up to `today` that no health report yet covers: in each period, a week
 * after the latest report (an event's own report counts, so a registrar's weekly health bulletin
 * leaves nothing for the pass), until the period ends.
 */
export function weeklyBulletinsOwed(
  events: readonly HealthEvent[],
  reportDates: readonly string[],
  today: string,
): WeeklyBulletin[] {
  const owed: WeeklyBulletin[] = []
  for (const p of seriousPeriods(events)) {
    const inside = reportDates.filter((d) => d >= p.start && (p.end === null || d < p.end))
    let last = inside.reduce((m, d) => (d > m ? d : m), p.start)
    for (;;) {
      const next = addDays(last, 7)
      if (next > today || (p.end !== null && next >= p.end)) break
      owed.push({ anchorSeq: p.anchorSeq, occurredOn: next, dueOn: addDays(next, 7) })
      last = next
    }
  }
  return owed
}

/** Whether a weekly bulletin of `on` still falls in a period of serious illness or wounds. */
export function stillOwed(periods: readonly SeriousPeriod[], on: string): boolean {
  return periods.some((p) => on >= p.start && (p.end === null || on < p.end))
}
