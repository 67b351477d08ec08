/**
 * What the information bureau owes the ICRC's Central Tracing Agency and the other side, as data a
 * lawyer can read and review: one table per Convention, one row per duty, each naming its article.
 * A custody event (as the register records it) raises the notices of every row it triggers.
 *
 * Sources: GC III Arts 70, 94, 120, 122, Annex IV B and D; GC IV Arts 106, 129, 136-138, Annex III
 * (texts and commentary in docs: shared brief, domain.md sections 1 and 3).
 */

export const NOTICE_KINDS = [
  'capture_card',
  'internment_card',
  'notification',
  'health_report',
  'death_notice',
] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

/**
 * Who receives a notice. The Central Tracing Agency forwards to the Power on which the person
 * depends (GC III Art. 123, GC IV Art. 140); 'power' is a direct channel to that Power.
 */
export const RECIPIENTS = ['agency', 'power'] as const
export type Recipient = (typeof RECIPIENTS)[number]

/** A fixed number of days, or the bureau's target for "the shortest possible period". */
export type Within = { days: number } | 'target'

export type NoticeRule = {
  kind: NoticeKind
  convention: 'GC III' | 'GC IV'
  article: string
  /** the duty in plain words */
  duty: string
  /** custody event types that raise it */
  on: readonly string[]
  to: Recipient
  within: Within
  /** raised only when the event reports this state of health */
  onlyIfHealth?: readonly string[]
}

/** Health that makes a person "seriously ill or seriously wounded" (GC III Art. 122, GC IV Art. 138). */
export const SERIOUS_HEALTH = ['seriously_sick', 'seriously_wounded'] as const

/** Events that put a person in our power for the purpose of notification. */
const TAKEN = ['captured', 'confirmed']
/** Events that give a new address: a new card is due (Annex IV B: "each time the address changes"). */
const NEW_ADDRESS = ['arrived', 'transferred', 'hospitalised']

/** Prisoners of war, retained personnel and persons whose status is not yet determined (Art. 5). */
export const GC_III: readonly NoticeRule[] = [
  {
    kind: 'capture_card',
    convention: 'GC III',
    article: 'GC III Art. 70, Annex IV B',
    duty: 'Capture card to the Central Agency: immediately upon capture or within one week of arrival at a camp, again after sickness or a transfer to hospital or another camp',
    on: [...TAKEN, ...NEW_ADDRESS],
    to: 'agency',
    within: { days: 7 },
  },
  {
    kind: 'notification',
    convention: 'GC III',
    article: 'GC III Art. 122',
    duty: 'Information on a prisoner who has fallen into our power, "within the shortest possible period"',
    on: TAKEN,
    to: 'agency',
    within: 'target',
  },
  {
    kind: 'notification',
    convention: 'GC III',
    article: 'GC III Art. 122',
    duty: 'Transfers, releases, repatriations, escapes, admissions to hospital and deaths, forwarded immediately',
    on: ['transferred', 'released', 'repatriated', 'exchanged', 'escaped', 'hospitalised', 'died'],
    to: 'agency',
    within: 'target',
  },
  {
    kind: 'notification',
    convention: 'GC III',
    article: 'GC III Art. 94',
    duty: 'Recapture of an escaped prisoner, notified as in Art. 122',
    on: ['recaptured'],
    to: 'agency',
    within: 'target',
  },
  {
    kind: 'health_report',
    convention: 'GC III',
    article: 'GC III Art. 122',
    duty: 'State of health of the seriously ill or seriously wounded, every week if possible',
    on: ['hospitalised', 'health_bulletin', 'discharged'],
    onlyIfHealth: SERIOUS_HEALTH,
    to: 'agency',
    within: { days: 7 },
  },
  {
    kind: 'death_notice',
    convention: 'GC III',
    article: 'GC III Art. 120, Annex IV D',
    duty: 'Death certificate or certified list, forwarded as rapidly as possible',
    on: ['died'],
    to: 'agency',
    within: 'target',
  },
]

/** Civilian internees and other protected persons in our power. */
export const GC_IV: readonly NoticeRule[] = [
  {
    kind: 'internment_card',
    convention: 'GC IV',
    article: 'GC IV Art. 106, Annex III',
    duty: 'Internment card to the Central Agency: on internment or within one week of arrival in a place of internment, again after sickness or a transfer',
    on: [...TAKEN, ...NEW_ADDRESS],
    to: 'agency',
    within: { days: 7 },
  },
  {
    kind: 'notification',
    convention: 'GC IV',
    article: 'GC IV Arts 136-138',
    duty: 'Internment and every change (transfers, releases, repatriations, escapes, admissions to hospital, deaths), "within the shortest possible period"',
    on: [
      ...TAKEN,
      'transferred',
      'released',
      'repatriated',
      'exchanged',
      'escaped',
      'recaptured',
      'hospitalised',
      'died',
    ],
    to: 'agency',
    within: 'target',
  },
  {
    kind: 'health_report',
    convention: 'GC IV',
    article: 'GC IV Art. 138',
    duty: 'State of health of seriously ill or seriously wounded internees, regularly and if possible every week',
    on: ['hospitalised', 'health_bulletin', 'discharged'],
    onlyIfHealth: SERIOUS_HEALTH,
    to: 'agency',
    within: { days: 7 },
  },
  {
    kind: 'death_notice',
    convention: 'GC IV',
    article: 'GC IV Art. 129',
    duty: 'Certified copy of the death record, without delay, to the Protecting Power and the Central Agency',
    on: ['died'],
    to: 'agency',
    within: 'target',
  },
]

/**
 * GC IV Art. 137: information whose transmission might be detrimental to the person or the family
 * is not transmitted to the Power, but "may not be withheld from the Central Agency", which, told
 * of the circumstances, takes the precautions of Art. 140. A marked person's notices therefore go
 * to the Agency, flagged, and never into a batch to the Power.
 */
export const ART_137 = {
  article: 'GC IV Art. 137',
  appliesTo: 'GC IV',
  mayGoTo: ['agency'] as readonly Recipient[],
} as const

/** Default target, in days, for "the shortest possible period" (GC III Art. 122, GC IV Art. 136). */
export const DEFAULT_TARGET_DAYS = 7

export type Convention = NoticeRule['convention']

/** Which Convention protects a person of this custody category. */
export function conventionOf(category: string): Convention {
  return category === 'civilian_internee' ? 'GC IV' : 'GC III'
}

export function rulesOf(convention: Convention): readonly NoticeRule[] {
  return convention === 'GC IV' ? GC_IV : GC_III
}

/** One event as the rules read it. */
export type TriggerEvent = { seq: number; type: string; occurredOn: string; health?: string | null }

/** A notice the rules ask for, before it is stored. */
export type PlannedNotice = {
  kind: NoticeKind
  convention: Convention
  article: string
  recipient: Recipient
  eventSeq: number
  eventType: string
  occurredOn: string
  dueOn: string
  withheldFromPower: boolean
}

export type PersonForRules = { category: string; confirmation: string; withheld: boolean }

/**
 * The notices that new events of one person raise. An unconfirmed report raises none (nothing is
 * owed about a person not known to be in our power; its confirmation counts as the capture). One
 * write raises each duty once: a registration's captured, registered and arrived events make one
 * capture card, counted from the latest of them (the week runs from arrival at the camp).
 */
export function noticesFor(
  person: PersonForRules,
  events: readonly TriggerEvent[],
  opts: { targetDays?: number } = {},
): PlannedNotice[] {
  if (person.confirmation !== 'confirmed') return []
  const convention = conventionOf(person.category)
  const byDuty = new Map<string, PlannedNotice>()
  for (const rule of rulesOf(convention)) {
    for (const e of events) {
      if (!rule.on.includes(e.type)) continue
      if (rule.onlyIfHealth && !(e.health && rule.onlyIfHealth.includes(e.health))) continue
      // a notification names its event; a card or a report is one per write, whatever raised it
      const key = rule.kind === 'notification' ? `${rule.kind}:${e.type}` : rule.kind
      const days = rule.within === 'target' ? (opts.targetDays ?? DEFAULT_TARGET_DAYS) : rule.within.days
      const planned: PlannedNotice = {
        kind: rule.kind,
        convention,
        article: rule.article,
        recipient: rule.to,
        eventSeq: e.seq,
        eventType: e.type,
        occurredOn: e.occurredOn,
        dueOn: addDays(e.occurredOn, days),
        withheldFromPower: person.withheld && convention === ART_137.appliesTo,
      }
      const seen = byDuty.get(key)
      if (!seen || planned.occurredOn >= seen.occurredOn) byDuty.set(key, planned)
    }
  }
  return [...byDuty.values()]
}

/** The days a notice of `kind` allows under `convention`: a card's week, or the bureau's target. */
export function withinDays(kind: string, convention: Convention, targetDays: number): number {
  const rule = rulesOf(convention).find((r) => r.kind === kind)
  return !rule || rule.within === 'target' ? targetDays : rule.within.days
}

/** Whether a notice may go into a batch to `recipient`; the reason in words when not. */
export function mayJoinBatch(
  notice: { recipient: string; withheldFromPower: boolean },
  recipient: Recipient,
): string | null {
  if (notice.withheldFromPower && !ART_137.mayGoTo.includes(recipient))
    return `${ART_137.article}: marked as harmful to transmit to the Power; it goes to the Central Agency only`
  if (notice.recipient !== recipient) return `addressed to the ${recipientWord(notice.recipient)}`
  return null
}

export function recipientWord(recipient: string) {
  return recipient === 'power' ? 'Power on which the person depends' : 'Central Tracing Agency'
}

/** Whole days from `from` to `to` (calendar dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
