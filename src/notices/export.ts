import { createHash, type KeyObject, sign, verify } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { keyFingerprint } from '../audit/checkpoint'
import { canonicalJson } from '../core/canonical-json'
import { safeCell } from '../core/safe-cell'
import { renderXlsx } from '../documents/xlsx'
import type { NoticeOut } from './service'

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The columns the Agency receives, one row per notice: each name as written and in Latin letters. */
const COLUMNS = [
  ['notice', (n: NoticeOut) => n.number],
  ['article', (n: NoticeOut) => n.article],
  ['kind', (n: NoticeOut) => n.kind],
  ['event', (n: NoticeOut) => n.event.type],
  ['event_date', (n: NoticeOut) => n.event.occurredOn],
  ['due_on', (n: NoticeOut) => n.dueOn],
  ['register_number', (n: NoticeOut) => n.registerNumber],
  ['name', (n: NoticeOut) => n.name],
  ['name_latin', (n: NoticeOut) => n.nameLatin ?? ''],
  ['not_to_the_power_art_137', (n: NoticeOut) => (n.withheldFromPower ? 'yes' : 'no')],
] as const

export type BatchHeading = { id: string; number: number; recipient: string }

/** The batch as a file in `format`: what is sent, byte for byte, and then signed. */
export async function batchFile(
  batch: BatchHeading,
  notices: NoticeOut[],
  format: ExportFormat,
  /** when the file is made (the injected clock): the XLSX says it */
  at: Date,
): Promise<Buffer> {
  const header = COLUMNS.map(([h]) => h)
  const rows = notices.map((n) => COLUMNS.map(([, get]) => get(n)))
  if (format === 'json')
    return Buffer.from(
      `${JSON.stringify({ batch: batch.number, recipient: batch.recipient, notices: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) }, null, 1)}\n`,
    )
  if (format === 'csv')
    return Buffer.from(
      stringify([header, ...rows.map((r) => r.map((c) => (typeof c === 'string' ? safeCell(c) : c)))]),
    )
  return renderXlsx({
    title: `Batch ${batch.number}`,
    headerLines: [`recipient: ${batch.recipient}`, `notices: ${notices.length}`],
    sections: [{ heading: 'notices', columns: header.map((label) => ({ label, width: 1 })), rows }],
    signatures: [],
    generatedAt: at.toISOString(),
    pageOf: (p, m) => `${p}/${m}`,
    coverSheet: 'batch',
    signatureLabel: '',
  })
}

/** What the signature file beside an export holds. */
export type ExportSignature = {
  v: 'parley-notices-1'
  file: string
  sha256: string
  key: string
  sig: string
}

// the audit key signs checkpoints too: a prefix keeps one kind of signature from passing as the other
const signedBytes = (s: Omit<ExportSignature, 'sig'>) => Buffer.from(canonicalJson(s))

export function signExport(
  fileName: string,
  bytes: Buffer,
  privateKey: KeyObject,
  publicKey: KeyObject,
): ExportSignature {
  const unsigned = {
    v: 'parley-notices-1' as const,
    file: fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    key: keyFingerprint(publicKey),
  }
  return { ...unsigned, sig: sign(null, signedBytes(unsigned), privateKey).toString('base64') }
}

/** Null when the file is the one signed with this key; else what is wrong, in words. */
export function verifyExport(bytes: Buffer, signature: unknown, publicKey: KeyObject): string | null {
  const s = signature as Partial<ExportSignature>
  if (s?.v !== 'parley-notices-1' || typeof s.sig !== 'string' || typeof s.sha256 !== 'string')
    return 'the signature file is not a Parley notices signature'
  if (s.key !== keyFingerprint(publicKey))
    return `signed by another key (${s.key}, not ${keyFingerprint(publicKey)})`
  const { sig, ...unsigned } = s as ExportSignature
  if (!verify(null, signedBytes(unsigned), publicKey, Buffer.from(sig, 'base64')))
    return 'the signature does not match its own contents (the signature file was changed)'
  const sha = createHash('sha256').update(bytes).digest('hex')
  if (sha !== s.sha256) return `the file was changed since it was signed (sha256 ${sha}, signed ${s.sha256})`
  return null
}
