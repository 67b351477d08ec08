import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { parse } from 'csv-parse/sync'
import { progressBar } from '../cli/context'
import { count } from '../cli/plural'
import { writeRows } from '../generate/write'
import { DEFAULT_THRESHOLD, dedupe, explainPair, type LinkOptions, type LinkResult, link } from './engine'
import { parseModel } from './model'
import { readLinkFile } from './read'
import { badInput } from './record'

type CommonFlags = {
  out: string
  model?: string
  threshold: string
  threads?: string
  labels?: string
}

/** `parley link` and `parley dedupe`: the linkage engine on files, for tracers and analysts. */
export function registerLinkageCommands(program: Command) {
  const common = (c: Command) =>
    c
      .option(
        '--model <file>',
        'reuse this trained model; if the file does not exist, train and save it there',
      )
      .option(
        '--threshold <p>',
        'report pairs at least this likely to be one person',
        String(DEFAULT_THRESHOLD),
      )
      .option('--threads <n>', 'worker threads (default: every core)')
      .option('--labels <file>', 'CSV of pairs known to be one person (left_id,right_id): m comes from them')

  common(
    program
      .command('link')
      .description('Find the persons of one file (a list) in another (a register), across alphabets')
      .requiredOption('--left <file>', 'the list: CSV, XLSX or JSON lines')
      .requiredOption('--right <file>', 'the register: CSV, XLSX or JSON lines')
      .option('--out <file>', 'pairs found, as CSV', 'pairs.csv')
      .option('--one-to-one', 'keep at most one pair per left row (its best)'),
  ).action(async (flags: CommonFlags & { left: string; right: string; oneToOne?: boolean }) => {
    const options = optionsFrom(flags)
    const left = await read(flags.left)
    const right = await read(flags.right)
    const result = await link(left, right, { ...options, oneToOne: flags.oneToOne, onProgress: stages() })
    await finish(result, flags, options)
  })

  common(
    program
      .command('dedupe')
      .description('Find the records of one file that are one person, and group them')
      .requiredOption('--in <file>', 'the register: CSV, XLSX or JSON lines')
      .option('--out <file>', 'pairs found, as CSV', 'pairs.csv')
      .option('--clusters <file>', 'also write each record with its cluster, as CSV'),
  ).action(async (flags: CommonFlags & { in: string; clusters?: string }) => {
    const options = optionsFrom(flags)
    const records = await read(flags.in)
    const result = await dedupe(records, { ...options, onProgress: stages() })
    await finish(result, flags, options)
    if (flags.clusters && result.clusters) {
      const clusters = result.clusters
      const rows = result.left.ids.map((id, i) => ({ id, cluster: result.left.ids[clusters[i]!]! }))
      await writeRows(flags.clusters, 'csv', ['id', 'cluster'], rows)
      const groups = new Set(clusters).size
      console.log(
        `clusters: ${count(groups, 'person')} among ${count(records.length, 'record')}; written to ${flags.clusters}`,
      )
    }
  })
}

function optionsFrom(flags: CommonFlags): LinkOptions {
  const threshold = Number(flags.threshold)
  if (!(threshold > 0 && threshold < 1))
    throw badInput(`--threshold must be a probability between 0 and 1, not ${flags.threshold}`)
  const threads = flags.threads === undefined ? undefined : Number(flags.threads)
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
    throw badInput(`--threads must be a whole number of at least 1, not ${flags.threads}`)
  const options: LinkOptions = { threshold, threads }
  if (flags.model && existsSync(flags.model))
    options.model = parseModel(readFileSync(flags.model, 'utf8'), flags.model)
  if (flags.labels) options.labels = readLabels(flags.labels)
  return options
}

function readLabels(file: string): [string, string][] {
  if (!existsSync(file)) throw badInput(`${file}: no such file`)
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[]
  return rows.map((r, i) => {
    if (!r.left_id || !r.right_id)
      throw badInput(`${path.basename(file)} row ${i + 2}: left_id and right_id are required`)
    return [r.left_id, r.right_id]
  })
}

async function read(file: string) {
  const bar = progressBar(`reading ${path.basename(file)}`)
  const { records, ignored, warnings } = await readLinkFile(file, { onProgress: (d, t) => bar.update(d, t) })
  bar.stop()
  console.error(
    `${path.basename(file)}: ${count(records.length, 'record')}${ignored.length ? `; ignored columns: ${ignored.join(', ')}` : ''}`,
  )
  for (const w of warnings.slice(0, 10)) console.error(`  warning: ${w}`)
  return records
}

function stages(): NonNullable<LinkOptions['onProgress']> {
  const bars = new Map<string, ReturnType<typeof progressBar>>()
  return (stage, done, total) => {
    let bar = bars.get(stage)
    if (!bar) {
      bar = progressBar(stage.padEnd(7))
      bars.set(stage, bar)
    }
    bar.update(done, total)
    if (done >= total) bar.stop()
  }
}

/** Writes the pairs with each field's contribution, saves a newly trained model, prints a summary. */
async function finish(result: LinkResult, flags: CommonFlags, options: LinkOptions) {
  const fields = result.model.fields.map((f) => f.field)
  const columns = [
    'left_id',
    'right_id',
    'match_weight',
    'probability',
    ...fields.flatMap((f) => [`${f}_level`, `${f}_weight`]),
  ]
  const rows = result.pairs.map((pair) => {
    const why = explainPair(result, pair)
    const row: Record<string, string> = {
      left_id: result.left.ids[pair.left]!,
      right_id: result.right.ids[pair.right]!,
      match_weight: why.weight.toFixed(3),
      probability: why.probability.toFixed(6),
    }
    for (const f of why.fields) {
      row[`${f.field}_level`] = f.level
      row[`${f.field}_weight`] = f.weight.toFixed(3)
    }
    return row
  })
  await writeRows(flags.out, 'csv', columns, rows)
  const modelFile = flags.model ?? flags.out.replace(/(\.csv)?$/, '.model.json')
  if (!existsSync(modelFile) || !flags.model)
    writeFileSync(modelFile, `${JSON.stringify(result.model, null, 2)}\n`)
  for (const w of result.warnings) console.error(`warning: ${w}`)
  console.log(
    [
      `compared ${count(result.candidates, 'candidate pair')}; ${result.pairs.length} at probability ≥ ${result.threshold}; written to ${flags.out}`,
      `blocking: ${result.blocking.map((b) => `${b.rule} (${count(b.blocks, 'block')}, largest ${b.largest}${b.split ? `, ${b.split} split by a second key` : ''}${b.capped ? `, ${b.capped} skipped as too big` : ''})`).join('; ')}`,
      `scored: ${count(result.fullyScored, 'pair')} compared on every field; the other ${result.candidates - result.fullyScored} could not reach the threshold and were cut short`,
      options.model ? `model reused from ${modelFile}` : `model trained and saved to ${modelFile}`,
      `model: EM ${result.model.em.fromLabels ? `with m from ${count(result.model.em.fromLabels, 'labelled pair')}` : 'without labels'}, ${count(result.model.em.iterations, 'iteration')}${result.model.em.converged ? ', converged' : ''}; matches per record ${result.model.matchesPerRecord.toFixed(4)}`,
      ...(result.model.em.sessions ?? []).map(
        (x) =>
          `  trained on ${x.rule}: ${count(x.pairs, 'pair')}, ${count(x.iterations, 'iteration')}${x.converged ? ', converged' : ', NOT converged'}; estimated ${x.estimated.join(', ')}`,
      ),
      'weights (log2 m/u; a closer level never weighs less than a farther one):',
      ...result.model.fields.map(
        (f) =>
          `  ${f.field.padEnd(15)} ${f.levels
            .slice(1)
            .map(
              (l) =>
                `${l.level}: ${Math.log2(l.m / l.u).toFixed(2)} (m=${l.m.toFixed(3)} u=${l.u.toFixed(4)})`,
            )
            .join('; ')}`,
      ),
      `time: prepare ${result.seconds.prepare} s, train ${result.seconds.train} s, score ${result.seconds.score} s`,
    ].join('\n'),
  )
}
