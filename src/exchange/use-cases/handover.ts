import type { Actor } from '../../auth/actor'
import { DomainError, ValidationError } from '../../core/errors'
import { parseInput } from '../../core/validate'
import type { PersonEventInput } from '../../custody/events'
import type { WriteContext } from '../../db/write'
import { recordReturnsWithin } from '../../missing/record-returns'
import type { Returnee } from '../../missing/returns'
import {
  dedupe,
  handoverReasonText,
  type RegisterStanding,
  stagesOf,
  substituteRefusal,
} from '../handover-rules'
import type { Candidate, Side, Terms } from '../model'
import type { Reason } from '../reasons'
import { handoverReport } from '../rounds'
import { CheckOff } from '../schema'
import type { SoughtPerson } from '../sought'
import * as store from '../store'
import { candidatesOf, type PersonLabel } from './candidates'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'
import { presentExchange } from './present'

const HELD = ['captured', 'interned', 'hospitalised']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** "Шевченко Іван (1990-04-02)": how a refusal names a person; the id when nothing else is known. */
function nameOf(
  ref: string,
  p: Pick<PersonLabel, 'surname' | 'firstNames' | 'dateOfBirth'> | undefined | null,
) {
  if (!p) return ref
  const name = [p.surname, p.firstNames].filter(Boolean).join(' ')
  return p.dateOfBirth ? `${name} (${p.dateOfBirth})` : name
}

/** A refusal that names the person and carries the reason's code for the web to translate. */
function refused(status: 'CONFLICT' | 'VALIDATION', message: string, r: Reason, person: string) {
  return new DomainError(status, message, {
    details: { reason: { code: r.code, params: { ...r.params, person } } },
    issues: status === 'VALIDATION' ? [{ path: 'substituteRef', message }] : [],
  })
}

/** The checklist of the day of the swap, with who crossed so far and who came home. */
export function handover({ db, clock }: ExchangeDeps) {
  return async (id: string) => {
    const e = await load(db, id)
    const [rows, returned] = await Promise.all([store.handoverOf(db, id), store.returnedOf(db, id)])
    const { people } = await candidatesOf(db, e, todayOf(clock))
    // persons of ours no longer held (exchanged, dead) are named from the register, never by id
    const gone = rows.flatMap((r) =>
      r.side === 'give' ? [r.ref, r.substitute_ref ?? r.ref].filter((x) => !people.has(x)) : [],
    )
    for (const p of await store.personStatuses(db, [...new Set(gone)]))
      people.set(p.id, { surname: p.surname, firstNames: p.first_names ?? '', dateOfBirth: p.date_of_birth })
    const list = rows.map((r) => ({
      side: r.side,
      ref: r.ref,
      stage: r.stage,
      outcome: r.outcome,
      substituteRef: r.substitute_ref,
      person: people.get(r.ref) ?? null,
      substitute: r.substitute_ref ? (people.get(r.substitute_ref) ?? null) : null,
    }))
    return {
      exchange: presentExchange(e),
      rows: list,
      report: handoverReport(list),
      returned: returned.map((r) => ({
        ref: r.ref,
        stage: r.stage,
        replacedRef: r.replaced_ref,
        surname: r.surname,
        firstNames: r.first_names,
        dateOfBirth: r.date_of_birth,
        serviceNumber: r.service_number,
        returnedOn: r.returned_on,
      })),
    }
  }
}

/**
 * The day of the swap: the last round's lists, each person once, staged by priority and then the
 * longest held (never by the order of the list's rows). A person the other side's list named twice
 * is listed once and reported, so the handover always starts.
 */
export function startHandover(deps: ExchangeDeps) {
  const show = handover(deps)
  return async (actor: Actor, id: string) => {
    const repeated = await deps.write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(e, ['agreed'], 'start the handover')
      const last = await store.lastRound(ctx.tx, id)
      if (!last) throw new DomainError('CONFLICT', 'no agreed lists to hand over')
      const { candidates, people } = await candidatesOf(ctx.tx, e, todayOf(deps.clock))
      const bySide = { give: new Map<string, Candidate>(), receive: new Map<string, Candidate>() }
      for (const c of candidates) bySide[c.side].set(c.id, c)
      const rows: { side: Side; ref: string; stage: number }[] = []
      const repeats: { side: Side; ref: string; name: string }[] = []
      for (const side of ['give', 'receive'] as const) {
        const { unique, repeated } = dedupe(last[side] as string[])
        for (const ref of repeated) repeats.push({ side, ref, name: nameOf(ref, people.get(ref)) })
        const stages = stagesOf(unique, bySide[side], e.terms as Terms, e.stages as number[])
        for (const ref of unique) rows.push({ side, ref, stage: stages.get(ref)! })
      }
      await store.insertHandover(ctx.tx, id, rows)
      await store.updateExchange(ctx.tx, id, { status: 'executing' })
      return {
        result: repeats,
        audit: [
          exchangeEntry(actor, 'exchange.handover.start', id, {
            persons: rows.length,
            listedTwice: repeats.map((r) => ({ side: r.side, ref: r.ref })),
          }),
        ],
      }
    })
    return { ...(await show(id)), listedTwice: repeated }
  }
}

/** Who is listed on one side: every row's person, and every substitute but the one of `exceptRef`. */
function listedOn(rows: Awaited<ReturnType<typeof store.handoverOf>>, side: Side, exceptRef: string) {
  const out = new Set<string>()
  for (const r of rows) {
    if (r.side !== side) continue
    out.add(r.ref)
    if (r.substitute_ref && r.ref !== exceptRef) out.add(r.substitute_ref)
  }
  return out
}

/** A sought person's label, from the pool (the other side's list of ours). */
async function soughtLabel(ctx: WriteContext, id: string, ref: string): Promise<PersonLabel | null> {
  const pool = await store.poolOf(ctx.tx, id, 'receive')
  const row = pool.find((r) => r.ref === ref)
  if (!row) return null
  const s = row.attrs as SoughtPerson
  return { surname: s.surname, firstNames: s.firstNames, dateOfBirth: s.dateOfBirth || null }
}

/**
 * Checks that a substitute may cross instead of `ref`: the plan's eligibility and the day's.
 * @throws DomainError CONFLICT naming both persons and the reason (code in details.reason)
 */
async function requireSubstitute(
  deps: ExchangeDeps,
  ctx: WriteContext,
  e: store.ExchangeRow,
  side: Side,
  ref: string,
  sub: string,
) {
  const rows = await store.handoverOf(ctx.tx, e.id)
  const { candidates, people } = await candidatesOf(ctx.tx, e, todayOf(deps.clock))
  const candidate = candidates.find((c) => c.side === side && c.id === sub)
  let standing: RegisterStanding = null
  let label = people.get(sub) ?? null
  if (side === 'give' && !candidate) {
    const [p] = await store.personStatuses(ctx.tx, [sub])
    if (p) {
      standing = { status: p.status, confirmation: p.confirmation }
      label = { surname: p.surname, firstNames: p.first_names ?? '', dateOfBirth: p.date_of_birth }
    }
  }
  const listed = sub === ref || listedOn(rows, side, ref).has(sub)
  const why = substituteRefusal(side, candidate, standing, listed, e.terms as Terms)
  if (!why) return
  const who = nameOf(sub, label)
  const instead = nameOf(
    ref,
    people.get(ref) ?? (side === 'receive' ? await soughtLabel(ctx, e.id, ref) : null),
  )
  const status =
    why.code === 'substitute.notInRegister' || why.code === 'substitute.notSought' ? 'VALIDATION' : 'CONFLICT'
  throw refused(status, `${who} cannot cross instead of ${instead}: ${handoverReasonText(why)}`, why, who)
}

/** One person checked off: crossed, did not come, refused, or someone else crossed instead. */
export function checkOff(deps: ExchangeDeps) {
  return async (actor: Actor, id: string, input: unknown) => {
    const c = parseInput(CheckOff, input)
    const substituteRef = c.outcome === 'substituted' ? (c.substituteRef ?? null) : null
    await deps.write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(e, ['executing'], 'check persons off')
      if (substituteRef) await requireSubstitute(deps, ctx, e, c.side, c.ref, substituteRef)
      // a person of ours who crosses must still be ours to give: no crossing of the dead
      if (c.side === 'give' && c.outcome === 'crossed') {
        const [p] = await store.personStatuses(ctx.tx, [c.ref])
        if (p && !HELD.includes(p.status)) {
          const who = nameOf(c.ref, {
            surname: p.surname,
            firstNames: p.first_names ?? '',
            dateOfBirth: p.date_of_birth,
          })
          const why: Reason = { code: 'substitute.notHeld', params: { status: p.status } }
          throw refused('CONFLICT', `${who} cannot cross: ${handoverReasonText(why)}`, why, who)
        }
      }
      const n = await store.updateHandover(ctx.tx, id, c.side, c.ref, {
        outcome: c.outcome,
        substitute_ref: substituteRef,
        updated_by: actor.id,
      })
      if (n === 0)
        throw new ValidationError([{ path: 'ref', message: `${c.ref} is not on the ${c.side} list` }])
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.handover.check', id, { ...c, substituteRef })],
      }
    })
    // the one row, not the whole checklist: the tablet taps hundreds of times and keeps its own copy
    return { side: c.side, ref: c.ref, outcome: c.outcome, substituteRef }
  }
}

type Ending = { personId: string; event: PersonEventInput; mustBeHeld: boolean }

/**
 * What each row of the handover writes. Our side: the person who crossed is exchanged (stage); a
 * no-show or a refusal at the crossing "did not cross" (reason); a replaced person "replaced" (by
 * whom) and the substitute exchanged. Their side: our people who came home, as returned persons.
 */
export function endingsOf(
  id: string,
  rows: readonly { side: Side; ref: string; stage: number; outcome: string; substitute_ref: string | null }[],
  occurredOn: string,
  note: string,
) {
  const endings: Ending[] = []
  const returned: { ref: string; stage: number; replacedRef: string | null }[] = []
  const base = { occurredOn, source: 'exchange', note }
  for (const r of rows) {
    const crossedRef = r.outcome === 'crossed' ? r.ref : r.outcome === 'substituted' ? r.substitute_ref : null
    if (r.side === 'receive') {
      if (crossedRef)
        returned.push({ ref: crossedRef, stage: r.stage, replacedRef: crossedRef === r.ref ? null : r.ref })
      continue
    }
    if (r.outcome === 'crossed')
      endings.push({
        personId: r.ref,
        mustBeHeld: true,
        event: { type: 'exchanged', exchangeId: id, stage: r.stage, ...base },
      })
    else if (r.outcome === 'substituted' && r.substitute_ref) {
      endings.push({
        personId: r.ref,
        mustBeHeld: false,
        event: { type: 'replaced', exchangeId: id, replacedBy: r.substitute_ref, ...base },
      })
      endings.push({
        personId: r.substitute_ref,
        mustBeHeld: true,
        event: { type: 'exchanged', exchangeId: id, stage: r.stage, substituteFor: r.ref, ...base },
      })
    } else if (r.outcome === 'no_show' || r.outcome === 'refused')
      endings.push({
        personId: r.ref,
        mustBeHeld: false,
        event: { type: 'did_not_cross', exchangeId: id, reason: r.outcome, ...base },
      })
  }
  return { endings, returned }
}

/**
 * Completes the handover: every person of our list ends with an event (exchanged, did not cross,
 * replaced), our people who came home are kept as returned persons, all in one write with the
 * exchange's new status. The exchange is locked first, then the persons (the pipeline's order), so a
 * correction of one of them waits instead of deadlocking. A person who can no longer cross (died,
 * escaped since the check-off) is named, and nothing is written.
 */
export function completeHandover(deps: ExchangeDeps) {
  const show = handover(deps)
  return async (actor: Actor, id: string) => {
    await deps.write(async (ctx) => {
      const e = await lockExchange(ctx, id)
      requireStatus(e, ['executing'], 'complete the handover')
      const rows = await store.handoverOf(ctx.tx, id)
      const { people } = await candidatesOf(ctx.tx, e, todayOf(deps.clock))
      const pending = rows.filter((r) => r.outcome === 'pending')
      if (pending.length)
        throw new DomainError(
          'CONFLICT',
          `${pending.length} person(s) are not checked off yet (first: ${nameOf(pending[0]!.ref, people.get(pending[0]!.ref))}, stage ${pending[0]!.stage})`,
        )
      const occurredOn = todayOf(deps.clock)
      const { endings, returned } = endingsOf(
        id,
        rows,
        occurredOn,
        `exchange ${e.name} with ${e.counterpart}`,
      )
      const twice = dedupe(
        endings.filter((x) => x.event.type === 'exchanged').map((x) => x.personId),
      ).repeated
      if (twice.length)
        throw new DomainError(
          'CONFLICT',
          `${nameOf(twice[0]!, people.get(twice[0]!))} would cross twice: check the substitutions`,
        )
      const ids = [...new Set(endings.map((x) => x.personId))]
      const stranger = ids.find((x) => !UUID.test(x))
      if (stranger)
        throw new DomainError('CONFLICT', `row ${stranger} of our list is not a person of the register`)
      await ctx.lock('persons', ids)
      const standing = new Map((await statusesOf(ctx, ids)).map((p) => [p.id, p]))
      const written: Ending[] = []
      for (const x of endings) {
        const p = standing.get(x.personId)
        if (p && HELD.includes(p.status)) written.push(x)
        else if (x.mustBeHeld) {
          const who = nameOf(
            x.personId,
            p ? { surname: p.surname, firstNames: p.first_names ?? '', dateOfBirth: p.date_of_birth } : null,
          )
          throw new DomainError(
            'CONFLICT',
            `${who} cannot be recorded as exchanged: ${p ? `the register says ${p.status}` : 'not in the register'}; check this row again`,
          )
        }
        // a listed person who is no longer held (died, escaped) already has the last word in the history
      }
      const events = await deps.custody.addEventsWithin(
        ctx,
        actor,
        written.map((x) => ({ personId: x.personId, event: x.event })),
      )
      const pool = new Map(
        (await store.poolOf(ctx.tx, id, 'receive')).map((r) => [r.ref, r.attrs as SoughtPerson]),
      )
      await store.insertReturned(
        ctx.tx,
        id,
        returned.map((r) => {
          const s = pool.get(r.ref)
          return {
            ref: r.ref,
            stage: r.stage,
            replaced_ref: r.replacedRef,
            surname: s?.surname || r.ref,
            first_names: s?.firstNames || null,
            date_of_birth: s?.dateOfBirth || null,
            service_number: s?.serviceNumber || null,
            returned_on: occurredOn,
          }
        }),
        actor.id,
      )
      // our people who came home, into the missing-persons register: after the persons, in the lock order
      const home = await recordReturnsWithin(
        ctx,
        actor,
        returned.map((r) => returneeOf(r.ref, r.stage, pool.get(r.ref))),
        { exchangeId: id, exchangeName: e.name, on: occurredOn },
        deps.romanize,
      )
      await store.updateExchange(ctx.tx, id, { status: 'done' })
      const count = (type: string) => written.filter((x) => x.event.type === type).length
      return {
        result: null,
        audit: [
          ...events.audit,
          ...home.audit,
          exchangeEntry(actor, 'exchange.done', id, {
            crossed: count('exchanged'),
            didNotCross: count('did_not_cross'),
            replaced: count('replaced'),
            returned: returned.length,
            intoMissingRegister: home.recorded.length,
            newMissingRecords: home.recorded.filter((x) => x.created).length,
            returnsToReview: home.toReview.map((x) => ({ person: x.person, reason: x.reason })),
          }),
        ],
      }
    })
    return show(id)
  }
}

/** One of ours who came home, as the exchange's sought list knew them. */
function returneeOf(ref: string, stage: number, s: SoughtPerson | undefined): Returnee {
  return {
    ref,
    stage,
    surname: s?.surname ?? '',
    firstNames: s?.firstNames ?? '',
    patronymic: s?.patronymic ?? '',
    dateOfBirth: s?.dateOfBirth ?? '',
    serviceNumber: s?.serviceNumber ?? '',
    sex: s?.sex ?? null,
    rank: s?.rank ?? '',
    capturedOn: s?.capturedOn ?? '',
    missingPersonId: s?.missingPersonId ?? null,
  }
}

async function statusesOf(ctx: WriteContext, ids: string[]) {
  const out = []
  for (let i = 0; i < ids.length; i += 5000)
    out.push(...(await store.personStatuses(ctx.tx, ids.slice(i, i + 5000))))
  return out
}
