import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { commandLineActor, progressBar, withParley } from '../cli/context'
import { count } from '../cli/plural'
import { DomainError, ValidationError } from '../core/errors'
import { repeatedColumnIssues } from '../core/repeated-columns'
import { LIST_FIELDS, type ListField, repeatedInHeader } from './columns'
import { ConfirmImport, SOURCE_KINDS } from './model'

type ImportFlags = {
  from: string
  received: string
  kind: string
  via?: string
  periodFrom?: string
  periodTo?: string
  replaces?: string
  note?: string
  name?: string
  column: string[]
}

const collect = (v: string, all: string[]) => [...all, v]

/** A column as --column names it: its header, or its position from 1 when headers repeat. */
function columnAt(header: readonly string[], said: string): number {
  const byName = header.findIndex((h) => h.trim() === said)
  if (byName >= 0 && header.filter((h) => h.trim() === said).length === 1) return byName
  const n = Number(said)
  return Number.isInteger(n) && n >= 1 && n <= header.length ? n - 1 : -1
}

/**
 * `parley lists import FILE` and `parley lists show ID`: the import wizard from the command line.
 * The mapping is the one saved for the source (or the headers' own), changed by --column.
 */
export function registerListCommands(program: Command) {
  const lists = program.command('lists').description('Received lists: import with provenance, show')
  lists
    .command('import <file>')
    .description(
      'Import a received list (CSV, XLSX or JSON lines) with its provenance: all rows or none, doubtful values flagged; the same file twice is imported once',
    )
    .requiredOption('--from <who>', 'who sent it (the mapping is saved for them)')
    .requiredOption('--received <date>', 'received on (YYYY-MM-DD)')
    .option('--kind <kind>', SOURCE_KINDS.join(', '), 'other_side')
    .option('--via <whom>', 'through whom it came')
    .option('--period-from <date>', 'the period it covers, from')
    .option('--period-to <date>', 'the period it covers, to')
    .option('--replaces <listId>', 'the earlier list this is a version of')
    .option('--note <text>', 'a note')
    .option('--name <name>', 'what the bureau calls it (default: from whom and when)')
    .option(
      '--column <header=field>',
      `map a column, by its header or its position from 1 (fields: ${LIST_FIELDS.join(', ')}, or none)`,
      collect,
      [],
    )
    .action(async (file: string, o: ImportFlags) => {
      if (!existsSync(file)) throw new DomainError('VALIDATION', `${file}: no such file`)
      const content = readFileSync(file)
      const sha256 = createHash('sha256').update(content).digest('hex')
      await withParley(async ({ services }) => {
        const actor = commandLineActor()
        const a = await services.lists.uploadList(
          actor,
          { fileName: path.basename(file), content, sha256 },
          o.from,
        )
        if (a.importedAs) {
          console.log(
            `This file was imported before as list ${a.importedAs.id} "${a.importedAs.name}"; nothing changed`,
          )
          return
        }
        const mapping = a.mapping.columns.map((c) => c.field)
        const chosen = new Set<number>()
        for (const spec of o.column) {
          const [header, field] = spec.split('=').map((s) => s.trim())
          const at = columnAt(a.upload.header, header ?? '')
          if (at < 0 || !field || (field !== 'none' && !LIST_FIELDS.includes(field as ListField)))
            throw new ValidationError([
              {
                path: `--column ${spec}`,
                message: `give a header of the file (${a.upload.header.join(', ')}) or a column's position = a field or none`,
              },
            ])
          mapping[at] = field === 'none' ? null : (field as ListField)
          chosen.add(at)
        }
        // a repeated header's columns are read only as the operator or a saved mapping says
        const unsettled =
          a.mapping.from === 'saved'
            ? []
            : repeatedInHeader(a.upload.header).filter((r) =>
                r.columns.every((c) => !chosen.has(c.position - 1)),
              )
        if (unsettled.length > 0)
          throw new ValidationError(
            repeatedColumnIssues(
              unsettled,
              (f) => f,
              `say which with --column POSITION=${unsettled[0]!.field} (and the other =none or another field)`,
            ),
          )
        console.log(
          a.mapping.columns.map((c, i) => `  ${c.header} -> ${mapping[i] ?? '(left out)'}`).join('\n'),
        )
        const input = ConfirmImport.parse({
          name: o.name,
          mapping,
          provenance: {
            from: o.from,
            fromKind: o.kind,
            via: o.via,
            receivedOn: o.received,
            periodFrom: o.periodFrom,
            periodTo: o.periodTo,
            replaces: o.replaces,
            note: o.note,
          },
        })
        const bar = progressBar('importing rows')
        try {
          const out = await services.lists.confirmImport(actor, a.upload.id, input, bar.update)
          bar.stop()
          const page = await services.lists.listPage(out.id)
          console.log(
            `Stored list ${out.id} "${page.list.name}": ${count(page.counts.rows, 'row')}, ${page.counts.flaggedRows} with a doubtful value`,
          )
          for (const [code, n] of Object.entries(page.counts.byCode)) console.log(`  ${code}: ${n}`)
        } finally {
          bar.stop()
        }
      })
    })
  lists
    .command('show <id>')
    .description("A list's provenance, counts, flags and what changed from the version it replaces")
    .action(async (id: string) => {
      await withParley(async ({ services }) => {
        const p = await services.lists.listPage(id)
        const v = p.provenance
        console.log(`${p.list.name} (${p.list.id})`)
        console.log(
          `  from: ${p.list.counterpart ?? '-'} (${v.fromKind ?? '-'})${v.via ? ` via ${v.via}` : ''}`,
        )
        console.log(
          `  received on: ${v.receivedOn ?? '-'}; period: ${v.periodFrom ?? '…'} to ${v.periodTo ?? '…'}`,
        )
        if (v.note) console.log(`  note: ${v.note}`)
        console.log(`  file: ${p.list.fileName}; rows: ${p.counts.rows}; flagged: ${p.counts.flaggedRows}`)
        for (const [code, n] of Object.entries(p.counts.byCode)) console.log(`    ${code}: ${n}`)
        if (p.replaces) console.log(`  replaces: ${p.replaces.name} (${p.replaces.id})`)
        for (const l of p.replacedBy) console.log(`  replaced by: ${l.name} (${l.id})`)
        const d = p.difference
        if (d)
          console.log(
            `  from the earlier version: ${d.counts.added} added, ${d.counts.removed} removed, ${d.counts.changed} changed, ${d.counts.unchanged} unchanged`,
          )
      })
    })
}
