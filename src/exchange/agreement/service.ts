import { DomainError } from '../../core/errors'
import type { Db } from '../../db/connection'
import type { Terms } from '../model'
import { labelOf } from '../received/difference'
import * as store from '../store'
import * as lists from '../store-lists'
import { candidatesOf } from '../use-cases/candidates'
import { type Breach, checkAgreement } from './check'

/** The last round's lists checked against the terms: what would be agreed, and what it breaches. */
export async function agreementOf(db: Db, e: store.ExchangeRow, today: string) {
  const [round, groups, { candidates, people }] = await Promise.all([
    store.lastRound(db, e.id),
    lists.duplicateGroups(db, e.id),
    candidatesOf(db, e, today),
  ])
  const lists_ = { give: (round?.give ?? []) as string[], receive: (round?.receive ?? []) as string[] }
  const breaches: Breach[] = round ? [] : [{ code: 'no_round', params: {} }]
  breaches.push(
    ...checkAgreement({
      lists: lists_,
      candidates,
      terms: e.terms as Terms,
      undecidedDuplicates: groups.filter((g) => !g.decision).length,
      nameOf: (ref) => labelOf(people.get(ref), ref),
    }),
  )
  return { round: round?.n ?? null, give: lists_.give.length, receive: lists_.receive.length, breaches }
}

/** Agreeing despite breaches without a reason: refused, with every breach as a code and parameters. */
export class AgreementBreached extends DomainError {
  readonly breaches: Breach[]
  constructor(breaches: Breach[]) {
    super(
      'CONFLICT',
      `the lists breach the terms (${breaches.map((b) => b.code).join(', ')}); give a reason to agree anyway`,
      {
        issues: breaches.map((b) => ({ path: b.code, message: JSON.stringify(b.params) })),
        details: { breaches },
      },
    )
    this.breaches = breaches
  }
}
