import { Writable } from 'node:stream'
import { z } from 'zod'
import { createDisclosureLog } from '../audit/disclosure'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import { can } from '../auth/roles'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { defineJobKind, type JobContext } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import { cellsOf, columnsFor, type ExportView, TITLES } from './columns'
import {
  DIRECT_EXPORT_LIMIT,
  EXPORT_FORMATS,
  EXPORT_LANGUAGES,
  EXPORT_LISTS,
  type ExportFormat,
  type ExportLanguage,
  type ExportList,
  FILTERS,
  READ_PERMISSION,
} from './model'
import { type SourcePorts, sourceOf } from './sources'
import * as store from './store'
import { type TableHead, tableWriter } from './write'

export const EXPORT_JOB = 'export'

/** An export as asked: which list, in which format and language, with which of its filters. */
export type ExportAsk = { list: string; format: string; lang?: string; filters: Record<string, string> }
type Checked = {
  list: ExportList
  format: ExportFormat
  lang: ExportLanguage
  filters: Record<string, unknown>
  view: ExportView
}

const ExportJobInput = z.object({
  list: z.enum(EXPORT_LISTS),
  format: z.enum(EXPORT_FORMATS),
  lang: z.enum(EXPORT_LANGUAGES),
  filters: z.record(z.string(), z.unknown()),
  view: z.object({ identify: z.boolean(), particulars: z.boolean(), contact: z.boolean() }),
})

export type ExportProgress = { progress?: (done: number, total: number) => void; signal?: AbortSignal }
export type ExportService = ReturnType<typeof createExportService>

/**
 * Lists and overview sections as XLSX, CSV or PDF, with the list's filters, in the reader's field
 * set. Every export is written to the audit trail as a disclosure (who, which list, which filters,
 * how many rows, which format) before the first row leaves; a big one runs as a job and is kept
 * for its owner, its download a disclosure of its own.
 */
export function createExportService(
  deps: SourcePorts & {
    audit: { appendAudit: typeof appendAudit }
    clock: Clock
    jobs: JobService
    /** rows above which an export runs as a job (DIRECT_EXPORT_LIMIT; lower in tests) */
    directLimit?: number
  },
) {
  const { db, clock, jobs } = deps
  const directLimit = deps.directLimit ?? DIRECT_EXPORT_LIMIT
  const disclosures = createDisclosureLog(deps)

  /**
   * The ask checked against the reader and the list.
   * @throws DomainError FORBIDDEN naming the list; ValidationError naming the filter or format
   */
  function check(actor: Actor, ask: ExportAsk): Checked {
    if (!(EXPORT_LISTS as readonly string[]).includes(ask.list))
      throw new ValidationError([
        {
          path: 'list',
          message: `there is no list "${ask.list}" to export; lists: ${EXPORT_LISTS.join(', ')}`,
        },
      ])
    const list = ask.list as ExportList
    if (!(EXPORT_FORMATS as readonly string[]).includes(ask.format))
      throw new ValidationError([
        { path: 'format', message: `format must be ${EXPORT_FORMATS.join(', ')}, not "${ask.format}"` },
      ])
    const lang = ask.lang ?? 'en'
    if (!(EXPORT_LANGUAGES as readonly string[]).includes(lang))
      throw new ValidationError([{ path: 'lang', message: `language must be en or uk, not "${lang}"` }])
    const permission = READ_PERMISSION[list]
    if (!can(actor.role, permission))
      throw new DomainError(
        'FORBIDDEN',
        `The ${actor.role} role may not export the ${TITLES[list].en.toLowerCase()} (reading it needs ${permission})`,
      )
    const parsed = FILTERS[list].safeParse(ask.filters)
    if (!parsed.success)
      throw new ValidationError(
        parsed.error.issues.flatMap((i) =>
          i.code === 'unrecognized_keys'
            ? i.keys.map((k) => ({
                path: k,
                message: `the ${TITLES[list].en.toLowerCase()} has no filter "${k}"; its filters: ${Object.keys(FILTERS[list].shape).join(', ')}`,
              }))
            : [{ path: i.path.join('.'), message: i.message }],
        ),
      )
    const view: ExportView = {
      identify: can(actor.role, 'persons.identify'),
      particulars: can(actor.role, 'particulars.read'),
      contact: can(actor.role, 'enquiries.contact'),
    }
    return {
      list,
      format: ask.format as ExportFormat,
      lang: lang as ExportLanguage,
      filters: parsed.data,
      view,
    }
  }

  function headOf(c: Checked): TableHead {
    const columns = columnsFor(c.list, c.view)
    const filters = Object.entries(c.filters)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')
    const made = clock().toISOString().slice(0, 16).replace('T', ' ')
    const words =
      c.lang === 'uk'
        ? { filters: 'Фільтри', none: 'без фільтрів', made: 'Створено', page: 'сторінка' }
        : { filters: 'Filters', none: 'none', made: 'Made', page: 'page' }
    return {
      title: TITLES[c.list][c.lang],
      subtitle: `${words.filters}: ${filters || words.none} · ${words.made} ${made} UTC`,
      columns: columns.map((col) => ({ label: col.label[c.lang], width: col.width, align: col.align })),
      pageLabel: (n) => `${words.page} ${n}`,
    }
  }

  /** Streams every row of the list through the format's writer; returns how many were written. */
  async function writeAll(c: Checked, out: Writable, opts: ExportProgress & { total?: number } = {}) {
    const columns = columnsFor(c.list, c.view)
    const writer = await tableWriter(c.format, headOf(c), out)
    let n = 0
    for await (const page of sourceOf(c.list, c.filters, deps).pages()) {
      if (opts.signal?.aborted) throw new DomainError('CONFLICT', 'the export was cancelled')
      await writer.rows(page.map((r) => cellsOf(columns, r)))
      n += page.length
      opts.progress?.(n, Math.max(n, opts.total ?? n))
    }
    await writer.end()
    return n
  }

  function auditEntry(c: Checked, rows: number, how: string) {
    return {
      what: `export.${c.list}`,
      // a handover's export shows in its exchange's trail, beside the sheet's reads
      ...(c.list === 'handover' ? { entity: { type: 'exchange', id: String(c.filters.exchangeId) } } : {}),
      query: { format: c.format, lang: c.lang, how, ...c.filters },
      count: rows,
      view: viewName(c.view),
    }
  }

  const fileName = (c: Checked) => `${c.list}-${clock().toISOString().slice(0, 10)}.${c.format}`

  jobs.register(
    defineJobKind({
      name: EXPORT_JOB,
      input: ExportJobInput,
      async run(ctx: JobContext, input) {
        const c = input as Checked
        await store.clearChunks(ctx.db, ctx.id)
        const total = await sourceOf(c.list, c.filters, { ...deps, db: ctx.db }).countUpTo(10_000_000)
        const sink = chunkSink(ctx)
        const rows = await writeAll(c, sink.stream, {
          total,
          signal: ctx.signal,
          progress: (done, of) => ctx.progress('rows', done, of),
        })
        const name = fileName(c)
        return {
          summary: { list: c.list, format: c.format, rows, bytes: sink.bytes(), fileName: name },
          save: async (tx) => {
            await store.insertFile(tx, {
              job_id: ctx.id,
              owner_id: ctx.owner.id,
              list: c.list,
              format: c.format,
              file_name: name,
              rows,
              bytes: sink.bytes(),
            })
            await ctx.audit.appendAudit(
              tx,
              [
                {
                  actorId: ctx.owner.id,
                  actorName: ctx.owner.name,
                  action: 'export.file.written',
                  entityType: 'job',
                  entityId: ctx.id,
                  before: null,
                  after: { list: c.list, format: c.format, rows, filters: c.filters, view: viewName(c.view) },
                },
              ],
              ctx.clock(),
            )
          },
        }
      },
    }),
  )

  return {
    check,
    fileName,

    /**
     * Starts an export: a small one is returned as `write`, to stream into the response (its
     * disclosure already recorded); a big one is queued as a job and its id returned.
     */
    async start(
      actor: Actor,
      ask: ExportAsk,
    ): Promise<
      | {
          mode: 'direct'
          fileName: string
          format: ExportFormat
          rows: number
          write: (out: Writable) => Promise<number>
        }
      | { mode: 'job'; jobId: string; rows: number }
    > {
      const c = check(actor, ask)
      const count = await sourceOf(c.list, c.filters, deps).countUpTo(directLimit)
      if (count > directLimit) {
        const jobId = await jobs.submit(actor, EXPORT_JOB, c)
        await disclosures.record(actor, {
          ...auditEntry(c, count, 'job'),
          entity: { type: 'job', id: jobId },
        })
        return { mode: 'job', jobId, rows: count }
      }
      // audited before the first byte leaves: a disclosure that cannot be recorded is refused
      await disclosures.record(actor, auditEntry(c, count, 'download'))
      return {
        mode: 'direct',
        fileName: fileName(c),
        format: c.format,
        rows: count,
        write: (out) => writeAll(c, out),
      }
    },

    /**
     * Writes the whole list to `out` at once, however long (the command line, the benchmark),
     * after recording the disclosure.
     */
    async exportTo(actor: Actor, ask: ExportAsk, out: Writable, opts: ExportProgress = {}) {
      const c = check(actor, ask)
      const total = await sourceOf(c.list, c.filters, deps).countUpTo(10_000_000)
      await disclosures.record(actor, auditEntry(c, total, 'file'))
      const rows = await writeAll(c, out, { ...opts, total })
      return { rows, fileName: fileName(c) }
    },

    /**
     * A finished export job's file, for its owner only; the download is recorded as a disclosure.
     * @throws NOT_FOUND when the job has no file (yet); FORBIDDEN for anyone but its owner
     */
    async download(actor: Actor, jobId: string) {
      const file = await store.findFile(db, jobId)
      if (!file) {
        const job = await jobs.findJob(jobId)
        throw new DomainError(
          'NOT_FOUND',
          job ? `export ${jobId} has no file yet: the job is ${job.status}` : `there is no export ${jobId}`,
        )
      }
      if (file.owner_id !== actor.id)
        throw new DomainError(
          'FORBIDDEN',
          `export ${jobId} is another user's: only who made it may download it`,
        )
      await disclosures.record(actor, {
        what: `export.${file.list}.download`,
        entity: { type: 'job', id: jobId },
        query: { format: file.format },
        count: file.rows,
      })
      return { ...file, chunks: store.readChunks(db, jobId) }
    },
  }
}

function viewName(v: ExportView) {
  if (!v.identify) return 'pseudonymised'
  return v.particulars ? 'full' : 'identified'
}

const CHUNK = 1 << 20

/** A writable that stores what it is given as the job's chunks of about a mebibyte each. */
function chunkSink(ctx: JobContext) {
  let seq = 0
  let size = 0
  let held: Buffer[] = []
  let heldBytes = 0
  const flush = async () => {
    if (heldBytes === 0) return
    const bytes = Buffer.concat(held)
    held = []
    heldBytes = 0
    await store.insertChunk(ctx.db, ctx.id, seq++, bytes)
  }
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      held.push(chunk)
      heldBytes += chunk.length
      size += chunk.length
      if (heldBytes < CHUNK) return done()
      flush().then(() => done(), done)
    },
    final(done) {
      flush().then(() => done(), done)
    },
  })
  return { stream, bytes: () => size }
}
