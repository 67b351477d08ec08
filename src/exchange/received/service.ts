import type { Actor } from '../../auth/actor'
import { DomainError, notFound, ValidationError } from '../../core/errors'
import { agreementOf } from '../agreement/service'
import { diffRounds } from '../rounds'
import type { SoughtPerson } from '../sought'
import * as store from '../store'
import * as lists from '../store-lists'
import { candidatesOf } from '../use-cases/candidates'
import {
  type ExchangeDeps,
  exchangeEntry,
  load,
  lockExchange,
  requireStatus,
  todayOf,
} from '../use-cases/deps'
import { receivedCounts } from '../use-cases/pools'
import { labelOf, nameDifference } from './difference'
import type { PairEvidence } from './duplicates'
import type { RowMatch } from './match'

export type Decision = { decision: 'merge' | 'keep_both'; keep?: string }

/**
 * One person from a merged group: the kept row, with what any row of the group says that raises
 * or binds them (wounded, requested by name, a travel group), so a merge never loses a request.
 */
export function mergedPerson(kept: SoughtPerson, others: SoughtPerson[]): SoughtPerson {
  const all = [kept, ...others]
  return {
    ...kept,
    firstNames: kept.firstNames || (others.find((o) => o.firstNames)?.firstNames ?? ''),
    dateOfBirth: kept.dateOfBirth || (others.find((o) => o.dateOfBirth)?.dateOfBirth ?? ''),
    capturedOn: kept.capturedOn || (others.find((o) => o.capturedOn)?.capturedOn ?? ''),
    seriouslyWoundedOrSick: all.some((p) => p.seriouslyWoundedOrSick),
    requested: all.some((p) => p.requested),
    groupId: kept.groupId ?? others.find((o) => o.groupId)?.groupId ?? null,
  }
}

/** The received list, its flags and suspected duplicates, and the operator's decisions on them. */
export function receivedLists({ db, write }: ExchangeDeps) {
  async function view(id: string) {
    await load(db, id)
    const [rows, groups, pool] = await Promise.all([
      lists.receivedRows(db, id),
      lists.duplicateGroups(db, id),
      store.poolOf(db, id, 'receive'),
    ])
    const counts = receivedCounts(
      rows.length,
      pool.length,
      rows.filter((r) => (r.flags as unknown[]).length > 0).length,
      groups.length,
      groups.filter((g) => !g.decision).length,
    )
    return { rows, groups, counts }
  }

  return {
    /** Every row as received, with its flags, and the counts (rows, persons, flagged, undecided). */
    async received(id: string) {
      const { rows, counts } = await view(id)
      return {
        counts,
        rows: rows.map((r) => ({ line: r.line, ref: r.ref, written: r.written, flags: r.flags })),
      }
    },

    /** The suspected duplicate groups with each row as written and the evidence of each pair. */
    async duplicates(id: string) {
      const { rows, groups, counts } = await view(id)
      const byRef = new Map(rows.map((r) => [r.ref, r]))
      return {
        counts,
        groups: groups.map((g) => ({
          key: g.group_key,
          decision: g.decision,
          keep: g.keep_ref,
          decidedBy: g.decided_by,
          decidedAt: g.decided_at,
          rows: (g.refs as string[]).map((ref) => ({
            ref,
            line: byRef.get(ref)?.line ?? null,
            written: byRef.get(ref)?.written ?? null,
            flags: byRef.get(ref)?.flags ?? [],
          })),
          evidence: g.evidence as PairEvidence[],
        })),
      }
    },

    /**
     * Decides a group: merge (plan with one person, `keep` or the first row) or keep both (they
     * are different persons). A new decision replaces the old one; audited with the group's rows.
     */
    async decide(actor: Actor, id: string, key: string, input: Decision) {
      if (input.decision !== 'merge' && input.decision !== 'keep_both')
        throw new ValidationError([{ path: 'decision', message: 'must be merge or keep_both' }])
      await write(async (ctx) => {
        requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'decide on duplicates')
        const group = (await lists.duplicateGroups(ctx.tx, id)).find((g) => g.group_key === key)
        if (!group) throw notFound('duplicate group', key)
        const refs = group.refs as string[]
        const keep = input.decision === 'merge' ? (input.keep ?? refs[0]!) : null
        if (keep && !refs.includes(keep))
          throw new ValidationError([
            { path: 'keep', message: `${keep} is not a row of this group (${refs.join(', ')})` },
          ])
        const rows = new Map(
          (await lists.receivedRows(ctx.tx, id)).map((r) => [r.ref, r.attrs as SoughtPerson]),
        )
        // back to every row of the group as received, then apply the decision
        await lists.deletePoolRefs(ctx.tx, id, 'receive', refs)
        const restored = refs.filter((r) => rows.has(r)).map((ref) => ({ ref, attrs: rows.get(ref)! }))
        if (keep) {
          const others = restored.filter((r) => r.ref !== keep).map((r) => r.attrs)
          await store.upsertPool(ctx.tx, id, 'receive', [
            { ref: keep, attrs: mergedPerson(rows.get(keep)!, others) },
          ])
        } else await store.upsertPool(ctx.tx, id, 'receive', restored)
        await lists.decideGroup(ctx.tx, id, key, { decision: input.decision, keepRef: keep, by: actor.id })
        return {
          result: null,
          audit: [
            exchangeEntry(actor, 'exchange.duplicates.decide', id, {
              group: key,
              refs,
              decision: input.decision,
              keep,
              before: { decision: group.decision, keep: group.keep_ref },
            }),
          ],
        }
      })
      return this.duplicates(id)
    },
  }
}

/** Substitutions the operator pairs: `out` of the round before replaced by `in` of round `n`. */
export function pairings({ db, write }: ExchangeDeps) {
  return {
    async pair(
      actor: Actor,
      id: string,
      input: { round: number; side: 'give' | 'receive'; out: string; in: string },
    ) {
      await write(async (ctx) => {
        requireStatus(await lockExchange(ctx, id), ['proposed'], 'pair a substitution')
        const now = await lists.roundOf(ctx.tx, id, input.round)
        const before = await lists.roundOf(ctx.tx, id, input.round - 1)
        if (!now || !before)
          throw new ValidationError([
            { path: 'round', message: `round ${input.round} has no round before it to compare` },
          ])
        const was = new Set(before[input.side] as string[])
        const is = new Set(now[input.side] as string[])
        const issues = []
        if (!was.has(input.out) || is.has(input.out))
          issues.push({
            path: 'out',
            message: `${input.out} was not removed from the ${input.side} list in round ${input.round}`,
          })
        if (was.has(input.in) || !is.has(input.in))
          issues.push({
            path: 'in',
            message: `${input.in} was not added to the ${input.side} list in round ${input.round}`,
          })
        if (issues.length) throw new ValidationError(issues)
        const taken = (await lists.pairingsOf(ctx.tx, id)).find(
          (p) =>
            p.n === input.round && p.side === input.side && p.in_ref === input.in && p.out_ref !== input.out,
        )
        if (taken)
          throw new DomainError(
            'CONFLICT',
            `${input.in} already replaces ${taken.out_ref} in round ${input.round}`,
          )
        await lists.upsertPairing(ctx.tx, {
          exchangeId: id,
          n: input.round,
          side: input.side,
          outRef: input.out,
          inRef: input.in,
          source: 'operator',
          by: actor.id,
        })
        return { result: null, audit: [exchangeEntry(actor, 'exchange.pair', id, input)] }
      })
      return { paired: input }
    },

    async unpair(actor: Actor, id: string, input: { round: number; side: 'give' | 'receive'; out: string }) {
      await write(async (ctx) => {
        requireStatus(await lockExchange(ctx, id), ['proposed'], 'undo a pairing')
        if ((await lists.deletePairing(ctx.tx, id, input.round, input.side, input.out)) === 0)
          throw notFound('pairing of', input.out)
        return { result: null, audit: [exchangeEntry(actor, 'exchange.unpair', id, input)] }
      })
      await load(db, id)
      return { unpaired: input }
    },
  }
}

/** A round's difference from the one before, by name, with its pairings and unmatched rows. */
export function roundDifference({ db, clock }: ExchangeDeps) {
  return async (id: string, n: number) => {
    const e = await load(db, id)
    const [now, before, pairs, { people }] = await Promise.all([
      lists.roundOf(db, id, n),
      lists.roundOf(db, id, n - 1),
      lists.pairingsOf(db, id),
      candidatesOf(db, e, todayOf(clock)),
    ])
    if (!now) throw notFound('round', String(n))
    const matches = ((now.detail as { matches?: RowMatch[] }).matches ?? []) as RowMatch[]
    const diff = diffRounds(
      { give: (before?.give ?? []) as string[], receive: (before?.receive ?? []) as string[] },
      { give: now.give as string[], receive: now.receive as string[] },
      pairs
        .filter((p) => p.n === n)
        .map((p) => ({ side: p.side, out: p.out_ref, in: p.in_ref, source: p.source })),
    )
    return {
      round: n,
      kind: now.kind,
      before: before ? before.n : null,
      difference: nameDifference(diff, matches, (ref) => labelOf(people.get(ref), ref)),
      matches,
    }
  }
}

/** Everything of this part of the exchange, for the service. */
export function exchangeListsUseCases(deps: ExchangeDeps) {
  return {
    ...receivedLists(deps),
    ...pairings(deps),
    roundDifference: roundDifference(deps),
    agreement: async (id: string) => agreementOf(deps.db, await load(deps.db, id), todayOf(deps.clock)),
  }
}
