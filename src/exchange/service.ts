import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { DomainError, notFound, ValidationError } from '../core/errors'
import { parseInput } from '../core/validate'
import { parsePartialDate } from '../custody/partial-date'
import type { CustodyService } from '../custody/service'
import type { Db } from '../db/connection'
import { readTable } from '../lists/table'
import type { Candidate, Side, Terms } from './model'
import { planExchange } from './planner'
import { assignStages, diffRounds, handoverReport } from './rounds'
import { CheckOff, CreateExchange, GiveAnnotation, TermsInput } from './schema'
import { columnsOf, matchKey, readSought, type SoughtPerson } from './sought'
import * as store from './store'
import { checkPlan } from './validate'

export type ExchangeService = ReturnType<typeof createExchangeService>

type Deps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock; custody: CustodyService }

const DAY = 86_400_000

/**
 * Exchanges from terms to handover. The planner is pure; this gathers its pools (the register and
 * what is known beyond it; the list of ours the other side holds), keeps every round, and writes
 * the crossings into the persons' histories when the handover is done.
 */
export function createExchangeService({ db, audit, clock, custody }: Deps) {
  const today = () => clock().toISOString().slice(0, 10)

  async function write<T>(
    actor: Actor,
    action: string,
    id: string | null,
    after: unknown,
    fn: (tx: Db) => Promise<T>,
  ) {
    return db.transaction().execute(async (tx) => {
      const result = await fn(tx)
      const entityId = id ?? (result as { id: string }).id
      await audit.appendAudit(
        tx,
        [
          {
            actorId: actor.id,
            actorName: actor.name,
            action,
            entityType: 'exchange',
            entityId,
            before: null,
            after: after as never,
          },
        ],
        clock(),
      )
      return result
    })
  }

  async function load(id: string, tx: Db = db) {
    const e = await store.getExchange(tx, id)
    if (!e) throw notFound('exchange', id)
    return e
  }

  function requireStatus(e: store.ExchangeRow, allowed: string[], what: string) {
    if (!allowed.includes(e.status))
      throw new DomainError(
        'INVALID_TRANSITION',
        `cannot ${what}: the exchange is ${e.status} (needs ${allowed.join(' or ')})`,
      )
  }

  /** Both pools as the planner sees them, with what a person reading a plan needs to recognise each. */
  async function candidatesOf(e: store.ExchangeRow) {
    const [held, notes, sought, others] = await Promise.all([
      store.heldPersons(db),
      store.poolOf(db, e.id, 'give'),
      store.poolOf(db, e.id, 'receive'),
      store.openRoundsExcept(db, e.id),
    ])
    const busy = new Set<string>()
    const seenExchange = new Set<string>()
    for (const r of others) {
      if (seenExchange.has(r.exchange_id)) continue
      seenExchange.add(r.exchange_id)
      for (const id of [...(r.give as string[]), ...(r.receive as string[])]) busy.add(id)
    }
    const noteOf = new Map(notes.map((n) => [n.ref, n.attrs as ReturnType<typeof GiveAnnotation.parse>]))
    const now = Date.parse(today())
    const ageOf = (dob: string | null) =>
      dob && dob.length >= 4
        ? Math.floor(
            (now - Date.parse(dob.length === 4 ? `${dob}-07-01` : dob.length === 7 ? `${dob}-15` : dob)) /
              (365.25 * DAY),
          )
        : null
    const daysSince = (d: string | null) => (d ? Math.max(0, Math.round((now - Date.parse(d)) / DAY)) : 0)
    const people = new Map<string, { surname: string; firstNames: string; dateOfBirth: string | null }>()
    const candidates: Candidate[] = []
    for (const p of held) {
      const n = noteOf.get(p.id)
      people.set(p.id, { surname: p.surname, firstNames: p.first_names ?? '', dateOfBirth: p.date_of_birth })
      candidates.push({
        id: p.id,
        side: 'give',
        sex: p.sex === 'female' ? 'female' : p.sex === 'male' ? 'male' : null,
        age: ageOf(p.date_of_birth),
        seriouslyWoundedOrSick: p.health === 'seriously_wounded' || p.health === 'seriously_sick',
        daysHeld: daysSince(p.captured_on ?? p.registered_on),
        category: p.category,
        rank: p.rank,
        consent: n?.consent ?? false,
        refusedRepatriation: n?.refusedRepatriation ?? false,
        pendingProceedings: n?.pendingProceedings ?? false,
        inOpenExchange: busy.has(p.id),
        groupId: n?.groupId ?? null,
        requested: n?.requested ?? false,
      })
    }
    for (const row of sought) {
      const s = row.attrs as SoughtPerson
      people.set(row.ref, {
        surname: s.surname,
        firstNames: s.firstNames,
        dateOfBirth: s.dateOfBirth || null,
      })
      candidates.push({
        id: row.ref,
        side: 'receive',
        sex: s.sex,
        age: ageOf(s.dateOfBirth || null),
        seriouslyWoundedOrSick: s.seriouslyWoundedOrSick,
        daysHeld: daysSince(s.capturedOn || null),
        category: s.category,
        rank: s.rank || null,
        consent: true,
        refusedRepatriation: false,
        pendingProceedings: false,
        inOpenExchange: busy.has(row.ref),
        groupId: s.groupId,
        requested: s.requested,
      })
    }
    return { candidates, people }
  }

  function present(e: store.ExchangeRow) {
    return {
      id: e.id,
      name: e.name,
      counterpart: e.counterpart,
      mediator: e.mediator,
      venue: e.venue,
      status: e.status,
      terms: e.terms as Terms,
      stages: e.stages as number[],
      createdBy: e.created_by,
      createdAt: e.created_at,
      updatedAt: e.updated_at,
    }
  }

  return {
    async createExchange(actor: Actor, input: CreateExchange) {
      const p = parseInput(CreateExchange, input)
      const row = await write(actor, 'exchange.create', null, p, (tx) =>
        store.insertExchange(tx, {
          name: p.name,
          counterpart: p.counterpart,
          mediator: p.mediator ?? null,
          venue: p.venue ?? null,
          terms: p.terms,
          stages: p.stages,
          createdBy: actor.id,
        }),
      )
      return present(await load(row.id))
    },

    listExchanges: async () => (await store.listExchanges(db)).map(present),

    async getExchange(id: string) {
      const e = await load(id)
      const [give, receive, rounds] = await Promise.all([
        store.poolOf(db, id, 'give'),
        store.poolOf(db, id, 'receive'),
        store.roundsOf(db, id),
      ])
      return { ...present(e), annotated: give.length, sought: receive.length, rounds: rounds.length }
    },

    async updateTerms(actor: Actor, id: string, input: { terms: unknown; stages?: number[] }) {
      const terms = parseInput(TermsInput, input.terms)
      const stages = parseInput(CreateExchange.shape.stages, input.stages ?? [])
      const e = await load(id)
      requireStatus(e, ['draft', 'proposed'], 'change the terms')
      await write(actor, 'exchange.terms', id, { terms, stages }, (tx) =>
        store.updateExchange(tx, id, { terms: JSON.stringify(terms), stages: JSON.stringify(stages) }),
      )
      return present(await load(id))
    },

    /** Replaces the list of our persons the other side holds (the receive pool) from a file. */
    async importSought(actor: Actor, id: string, fileName: string, content: Buffer) {
      const e = await load(id)
      requireStatus(e, ['draft', 'proposed'], 'change the pools')
      const { header, rows } = await readTable(fileName, content)
      const sought = readSought(header, rows)
      await write(actor, 'exchange.sought', id, { file: fileName, rows: sought.length }, (tx) =>
        store.replacePool(
          tx,
          id,
          'receive',
          sought.map((s) => ({ ref: s.ref, attrs: s.person })),
        ),
      )
      return { rows: sought.length }
    },

    /** Records what is known about persons we hold for this exchange: consent, refusal, proceedings. */
    async annotateGive(actor: Actor, id: string, input: unknown[]) {
      const notes = input.map((n, i) => {
        const r = GiveAnnotation.safeParse(n)
        if (!r.success)
          throw new ValidationError(
            r.error.issues.map((x) => ({ path: [i, ...x.path].join('.'), message: x.message })),
          )
        return r.data
      })
      const e = await load(id)
      requireStatus(e, ['draft', 'proposed'], 'change the pools')
      const known = await store.existingPersons(
        db,
        notes.map((n) => n.personId),
      )
      const unknown = notes.flatMap((n, i) =>
        known.has(n.personId)
          ? []
          : [{ path: `${i}.personId`, message: `no person ${n.personId} in the register` }],
      )
      if (unknown.length) throw new ValidationError(unknown.slice(0, 200))
      await write(actor, 'exchange.annotate', id, { persons: notes.length }, (tx) =>
        store.upsertPool(
          tx,
          id,
          'give',
          notes.map((n) => ({ ref: n.personId, attrs: n })),
        ),
      )
      return { persons: notes.length }
    },

    /** Plans with the current terms and pools; `save` keeps it as this round's proposal. */
    async plan(actor: Actor, id: string, opts: { save?: boolean } = {}) {
      const e = await load(id)
      const { candidates, people } = await candidatesOf(e)
      const terms = e.terms as Terms
      const plan = await planExchange(candidates, terms)
      const breaches = checkPlan(plan, candidates, terms)
      if (breaches.length)
        throw new DomainError('INTERNAL', `the plan breaks its terms: ${breaches.slice(0, 3).join('; ')}`)
      let round: number | null = null
      if (opts.save && plan.feasible) {
        requireStatus(e, ['draft', 'proposed'], 'propose')
        const rounds = await store.roundsOf(db, id)
        round = rounds.length + 1
        const detail = { give: plan.give, receive: plan.receive, method: plan.method, proven: plan.proven }
        await write(
          actor,
          'exchange.propose',
          id,
          { round, give: plan.give.length, receive: plan.receive.length },
          async (tx) => {
            await store.insertRound(tx, {
              exchangeId: id,
              n: round!,
              kind: 'proposal',
              give: plan.give.map((p) => p.id),
              receive: plan.receive.map((p) => p.id),
              detail,
              createdBy: actor.id,
            })
            await store.updateExchange(tx, id, { status: 'proposed' })
          },
        )
      }
      return { ...plan, round, people: Object.fromEntries(people) }
    },

    /**
     * Their counter-list: rows with a side (give: whom they ask of us; receive: whom they offer),
     * matched to our pools by surname, first name and date of birth. Rows that match no one are
     * reported, not guessed.
     */
    async importCounter(actor: Actor, id: string, fileName: string, content: Buffer) {
      const e = await load(id)
      requireStatus(e, ['proposed'], 'record a counter-list')
      const { header, rows } = await readTable(fileName, content)
      const at = columnsOf(header)
      for (const need of ['side', 'surname', 'firstNames', 'dateOfBirth'])
        if (at[need] === undefined)
          throw new ValidationError([
            {
              path: need,
              message: `the counter-list needs a ${need === 'firstNames' ? 'first_name' : need} column`,
            },
          ])
      const { people } = await candidatesOf(e)
      const byKey = new Map<string, string>()
      for (const [ref, p] of people) byKey.set(matchKey(p.surname, p.firstNames, p.dateOfBirth ?? ''), ref)
      const lists: Record<Side, string[]> = { give: [], receive: [] }
      const unmatched: string[] = []
      rows.forEach((row, k) => {
        const side = (row[at.side!] ?? '').trim().toLowerCase()
        if (side !== 'give' && side !== 'receive')
          throw new ValidationError([{ path: `row ${k + 2}.side`, message: 'must be give or receive' }])
        // their lists write dates as 17.03.1994 as often as 1994-03-17
        const written = (row[at.dateOfBirth!] ?? '').trim()
        const dob = written ? parsePartialDate(written) : { ok: true as const, value: '' }
        if (!dob.ok) throw new ValidationError([{ path: `row ${k + 2}.date_of_birth`, message: dob.message }])
        const ref = byKey.get(matchKey(row[at.surname!] ?? '', row[at.firstNames!] ?? '', dob.value))
        if (ref) lists[side].push(ref)
        else
          unmatched.push(`row ${k + 2}: ${row[at.surname!]} ${row[at.firstNames!]} ${row[at.dateOfBirth!]}`)
      })
      const rounds = await store.roundsOf(db, id)
      const n = rounds.length + 1
      await write(
        actor,
        'exchange.counter',
        id,
        { round: n, give: lists.give.length, receive: lists.receive.length, unmatched: unmatched.length },
        (tx) =>
          store.insertRound(tx, {
            exchangeId: id,
            n,
            kind: 'counter',
            ...lists,
            detail: { unmatched },
            createdBy: actor.id,
          }),
      )
      const previous = rounds.at(-1)
      return {
        round: n,
        unmatched,
        difference: previous
          ? diffRounds({ give: previous.give as string[], receive: previous.receive as string[] }, lists)
          : null,
      }
    },

    async rounds(id: string) {
      await load(id)
      const rounds = await store.roundsOf(db, id)
      return rounds.map((r, k) => ({
        n: r.n,
        kind: r.kind,
        give: r.give as string[],
        receive: r.receive as string[],
        detail: r.detail,
        createdAt: r.created_at,
        difference:
          k === 0
            ? null
            : diffRounds(
                { give: rounds[k - 1]!.give as string[], receive: rounds[k - 1]!.receive as string[] },
                { give: r.give as string[], receive: r.receive as string[] },
              ),
      }))
    },

    async setStatus(actor: Actor, id: string, status: 'agreed' | 'cancelled') {
      const e = await load(id)
      requireStatus(
        e,
        status === 'agreed' ? ['proposed'] : ['draft', 'proposed', 'agreed'],
        status === 'agreed' ? 'agree' : 'cancel',
      )
      await write(actor, `exchange.${status}`, id, { status }, (tx) =>
        store.updateExchange(tx, id, { status }),
      )
      return present(await load(id))
    },

    /** The day of the swap: the last round's lists, staged in priority order. */
    async startHandover(actor: Actor, id: string) {
      const e = await load(id)
      requireStatus(e, ['agreed'], 'start the handover')
      const last = (await store.roundsOf(db, id)).at(-1)
      if (!last) throw new DomainError('CONFLICT', 'no agreed lists to hand over')
      const rows: { side: Side; ref: string; stage: number }[] = []
      for (const side of ['give', 'receive'] as const) {
        const ids = last[side] as string[]
        const stages = assignStages(ids, e.stages as number[])
        for (const ref of ids) rows.push({ side, ref, stage: stages.get(ref)! })
      }
      await write(actor, 'exchange.handover.start', id, { persons: rows.length }, async (tx) => {
        await store.insertHandover(tx, id, rows)
        await store.updateExchange(tx, id, { status: 'executing' })
      })
      return this.handover(id)
    },

    async handover(id: string) {
      const e = await load(id)
      const rows = await store.handoverOf(db, id)
      const { people } = await candidatesOf(e)
      const list = rows.map((r) => ({
        side: r.side,
        ref: r.ref,
        stage: r.stage,
        outcome: r.outcome,
        substituteRef: r.substitute_ref,
        person: people.get(r.ref) ?? null,
      }))
      return { exchange: present(e), rows: list, report: handoverReport(list) }
    },

    async checkOff(actor: Actor, id: string, input: unknown) {
      const c = parseInput(CheckOff, input)
      const e = await load(id)
      requireStatus(e, ['executing'], 'check persons off')
      // a person of ours who crosses instead must be one we hold: completion writes their history
      if (
        c.substituteRef &&
        c.side === 'give' &&
        (await store.existingPersons(db, [c.substituteRef])).size === 0
      )
        throw new ValidationError([
          { path: 'substituteRef', message: `no person ${c.substituteRef} in the register` },
        ])
      await write(actor, 'exchange.handover.check', id, c, async (tx) => {
        const n = await store.updateHandover(tx, id, c.side, c.ref, {
          outcome: c.outcome,
          substitute_ref: c.substituteRef ?? null,
          updated_by: actor.id,
        })
        if (n === 0)
          throw new ValidationError([{ path: 'ref', message: `${c.ref} is not on the ${c.side} list` }])
      })
      return this.handover(id)
    },

    /**
     * Completes the handover: every person of ours who crossed gets an "exchanged" event, all in
     * one transaction with the exchange's new status, and the report of who crossed is returned.
     */
    async complete(actor: Actor, id: string) {
      const e = await load(id)
      requireStatus(e, ['executing'], 'complete the handover')
      const rows = await store.handoverOf(db, id)
      const pending = rows.filter((r) => r.outcome === 'pending')
      if (pending.length)
        throw new DomainError(
          'CONFLICT',
          `${pending.length} person(s) are not checked off yet (first: ${pending[0]!.ref})`,
        )
      const crossed = rows
        .filter((r) => r.side === 'give' && (r.outcome === 'crossed' || r.outcome === 'substituted'))
        .map((r) => (r.outcome === 'substituted' ? r.substitute_ref! : r.ref))
      const note = `exchange ${e.name} with ${e.counterpart}`
      await write(actor, 'exchange.done', id, { crossed: crossed.length }, async (tx) => {
        await custody.recordEvents(
          actor,
          crossed.map((personId) => ({
            personId,
            event: { type: 'exchanged', occurredOn: today(), source: 'exchange', note },
          })),
          tx,
        )
        await store.updateExchange(tx, id, { status: 'done' })
      })
      return this.handover(id)
    },
  }
}
