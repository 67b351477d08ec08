/**
 * Reasons, left-out reasons and conflicts as codes with parameters: the contract shared by the
 * planner, the agreement check and the handover's eligibility. The web translates the code; the
 * CLI and the logs print the English text made here from the same code.
 */
export type Reason = { code: string; params?: Record<string, string | number> }

const EN: Record<string, (p: Record<string, string | number>) => string> = {
  'reason.requested': () => 'requested by name',
  'reason.priority': (p) => `priority ${p.n}: ${String(p.category).replaceAll('_', ' ')}`,
  'reason.held': (p) => `held ${p.days} days`,
  'reason.travelsWith': (p) => `travels with ${p.ids}`,
  'leftOut.sizeLimit': (p) =>
    `the size limit of ${p.max} is reached by persons of higher priority or longer held`,
  'leftOut.quotaFull': (p) => `the quota of at most ${p.max} ${p.group} is full`,
  'leftOut.valueBalance': () => 'the value balance: the other side’s list does not weigh enough for more',
  'leftOut.balance': (p) => `the balance: the ${p.other} list has no more persons to match`,
  'ineligible.refusedRepatriation': () => 'refused repatriation (GC III Art. 109): never proposed',
  'ineligible.noConsent': () => 'no consent to repatriation recorded',
  'ineligible.proceedings': () => 'criminal proceedings pending, and the terms do not allow them',
  'ineligible.inOpenExchange': () => 'already in another open exchange',
  'ineligible.excluded': () => 'excluded by the terms',
  'ineligible.groupMember': (p) =>
    `travels together with ${p.other}, who cannot go: ${reasonText({ code: String(p.why) })}`,
  'conflict.equal': () => 'equal numbers on both sides',
  'conflict.ratio': (p) => `the ratio ${p.give}:${p.receive}`,
  'conflict.value': (p) => `equal value by the table (± ${p.tolerance})`,
  'conflict.maxSize': (p) => `at most ${p.max} persons to ${p.side}`,
  'conflict.quota': (p) =>
    `quota: ${p.min !== undefined ? `at least ${p.min} ` : ''}${p.max !== undefined ? `at most ${p.max} ` : ''}${p.group} to ${p.side}`,
  'conflict.namedRequest': (p) => `named request: ${p.ids} (${p.side})`,
  'conflict.requestsOverLimit': (p) => `${p.n} named requests to ${p.side} exceed the size limit of ${p.max}`,
  'conflict.requestsOverOther': (p) =>
    `${p.n} named requests to ${p.side}, but only ${p.available} eligible persons to ${p.other} for equal numbers`,
  'conflict.unmeetable': () => 'the terms cannot all be met',
  // the handover's refusals of a substitute (handover-rules.ts); `person` names who was refused
  'substitute.notInRegister': () => 'is not a person of the register',
  'substitute.died': () => 'is dead',
  'substitute.escaped': () => 'has escaped',
  'substitute.unconfirmed': () => 'is an unconfirmed report',
  'substitute.notHeld': (p) => `is no longer held (${p.status})`,
  'substitute.notSought': () => 'is not on our list of persons sought',
  'substitute.alreadyListed': () => 'is already on the handover list',
}

/** The English words of a reason (the CLI's and the logs'); an unknown code prints as itself. */
export function reasonText(r: Reason): string {
  const f = EN[r.code]
  return f ? f(r.params ?? {}) : r.code
}

/** Every code the planner and eligibility produce (the locales must translate each). */
export const REASON_CODES = Object.keys(EN)

export const reason = (code: string, params?: Reason['params']): Reason =>
  params ? { code, params } : { code }
