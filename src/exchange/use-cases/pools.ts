import type { Actor } from '../../auth/actor'
import { ValidationError } from '../../core/errors'
import { readTable } from '../../lists/table'
import { confirmedInCaptivity, sharedWithOtherSide } from '../../missing/store'
import { findDuplicates } from '../received/duplicates'
import { GiveAnnotation } from '../schema'
import { columnsOf, readSought, type SoughtPerson, soughtFromMissing } from '../sought'
import * as store from '../store'
import * as lists from '../store-lists'
import { type ExchangeDeps, exchangeEntry, load, lockExchange, requireStatus, todayOf } from './deps'

/**
 * Replaces the list of our persons the other side holds from a file: kept as received (every row,
 * doubtful values flagged), with the rows suspected to be one person grouped for a decision. Until
 * decided, every row is in the receive pool; a merge leaves one person of the group.
 */
export function importSought({ db, write, clock }: ExchangeDeps) {
  return async (actor: Actor, id: string, fileName: string, content: Buffer) => {
    requireStatus(await load(db, id), ['draft', 'proposed'], 'change the pools')
    const { header, rows } = await readTable(fileName, content)
    const received = readSought(header, rows, todayOf(clock))
    const groups = findDuplicates(
      received.map((r) => ({
        ref: r.ref,
        listedRef: r.listedRef,
        surname: r.person.surname,
        firstNames: r.person.firstNames,
        patronymic: r.person.patronymic,
        // compared as written: a swapped day and month is evidence, not noise
        dateOfBirth: r.written[dobColumn(header)] || r.person.dateOfBirth,
      })),
    )
    const counts = receivedCounts(
      received.length,
      received.length,
      received.filter((r) => r.flags.length).length,
      groups.length,
      groups.length,
    )
    await write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the pools')
      await store.replacePool(
        ctx.tx,
        id,
        'receive',
        received.map((s) => ({ ref: s.ref, attrs: s.person })),
      )
      await lists.replaceReceived(
        ctx.tx,
        id,
        received.map((r) => ({
          line: r.line,
          ref: r.ref,
          written: r.written,
          attrs: r.person,
          flags: r.flags,
        })),
        groups,
      )
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.sought', id, { file: fileName, ...counts })],
      }
    })
    return counts
  }
}

/**
 * Replaces the list of ours the other side holds with the register's persons whose captivity is
 * confirmed and whose case is open (not returned, found or dead), each row keeping its record's id.
 * The register is already one record per person, so no duplicate groups are left to decide.
 */
export function soughtFromRegister({ write }: ExchangeDeps) {
  return async (actor: Actor, id: string) => {
    return write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the pools')
      const rows = (await confirmedInCaptivity(ctx.tx)).map(soughtFromMissing)
      // the list is negotiated with the other side: a person no report lets us name to them is kept, flagged
      const shared = await sharedWithOtherSide(
        ctx.tx,
        rows.map((r) => r.person.missingPersonId!),
      )
      const flagsOf = (r: (typeof rows)[number]) =>
        shared.has(r.person.missingPersonId!)
          ? []
          : [{ code: 'consent_other_side_absent', params: { ref: r.ref } }]
      await store.replacePool(
        ctx.tx,
        id,
        'receive',
        rows.map((r) => ({ ref: r.ref, attrs: r.person })),
      )
      await lists.replaceReceived(
        ctx.tx,
        id,
        rows.map((r, i) => ({
          line: i + 1,
          ref: r.ref,
          written: registerColumns(r.person),
          attrs: r.person,
          flags: flagsOf(r),
        })),
        [],
      )
      const flagged = rows.filter((r) => flagsOf(r).length).length
      const counts = receivedCounts(rows.length, rows.length, flagged, 0, 0)
      return {
        result: counts,
        audit: [
          exchangeEntry(actor, 'exchange.sought', id, {
            ...counts,
            fromRegister: true,
            missingPersonIds: rows.map((r) => r.person.missingPersonId),
          }),
        ],
      }
    })
  }
}

/** A register row shown as the received list's columns, so the list page reads it like a file's. */
function registerColumns(p: SoughtPerson): Record<string, string> {
  return {
    surname: p.surname,
    first_name: p.firstNames,
    patronymic: p.patronymic,
    date_of_birth: p.dateOfBirth,
    service_number: p.serviceNumber ?? '',
    rank: p.rank,
  }
}

const dobColumn = (header: string[]) => header[columnsOf(header).dateOfBirth ?? -1] ?? ''

/** What each count of a received list counts, named so no one reads rows as persons. */
export function receivedCounts(
  rows: number,
  persons: number,
  flagged: number,
  groups: number,
  undecided: number,
) {
  return { rows, persons, flaggedRows: flagged, duplicateGroups: groups, undecidedDuplicates: undecided }
}

/** Records what is known about persons we hold for this exchange: consent, refusal, proceedings. */
export function annotateGive({ write }: ExchangeDeps) {
  return async (actor: Actor, id: string, input: unknown[]) => {
    const notes = input.map((n, i) => {
      const r = GiveAnnotation.safeParse(n)
      if (!r.success)
        throw new ValidationError(
          r.error.issues.map((x) => ({ path: [i, ...x.path].join('.'), message: x.message })),
        )
      return r.data
    })
    await write(async (ctx) => {
      requireStatus(await lockExchange(ctx, id), ['draft', 'proposed'], 'change the pools')
      const known = await store.existingPersons(
        ctx.tx,
        notes.map((n) => n.personId),
      )
      const unknown = notes.flatMap((n, i) =>
        known.has(n.personId)
          ? []
          : [{ path: `${i}.personId`, message: `no person ${n.personId} in the register` }],
      )
      if (unknown.length) throw new ValidationError(unknown.slice(0, 200))
      await store.upsertPool(
        ctx.tx,
        id,
        'give',
        notes.map((n) => ({ ref: n.personId, attrs: n })),
      )
      return {
        result: null,
        audit: [exchangeEntry(actor, 'exchange.annotate', id, { persons: notes.length })],
      }
    })
    return { persons: notes.length }
  }
}
