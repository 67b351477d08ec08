import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Context } from 'hono'
import { ValidationError } from '../core/errors'
import { tooLarge, uploadLimitOf } from './edges'

/** A file received as a request body, on disk while the request lasts. */
export type ReceivedFile = { path: string; fileName: string; size: number; sha256: string }

/** A safe name for the file on disk: its own base name, so readers that go by extension still can. */
function diskName(fileName: string): string {
  const base = path.basename(fileName).replace(/[^\p{L}\p{N}._-]/gu, '_')
  return base && base !== '.' && base !== '..' ? base : 'upload'
}

/**
 * Streams the request body to a temporary file, counting its bytes (413 over the upload limit,
 * before the rest is read) and hashing it on the way, hands the file to `use`, and deletes it
 * afterwards whatever happens. A large list is then read from disk by streaming parsers instead
 * of being held whole in memory, several times over, while the request lasts.
 * @throws DomainError TOO_LARGE over the limit; ValidationError for an empty body
 */
export async function withUploadedFile<T>(
  c: Context,
  fileName: string,
  use: (file: ReceivedFile) => Promise<T>,
): Promise<T> {
  const limit = uploadLimitOf(c.req.raw) ?? Number.POSITIVE_INFINITY
  const dir = await mkdtemp(path.join(os.tmpdir(), 'parley-upload-'))
  try {
    const file = path.join(dir, diskName(fileName))
    // a body some earlier layer already read (a JSON body checked for unstorable text) is Hono's
    // cached copy, already held within the body limit; the stream itself can no longer be read
    const raw = c.req.raw
    const body = raw.bodyUsed || raw.body?.locked ? new Blob([await c.req.arrayBuffer()]).stream() : raw.body
    const { size, sha256 } = await bodyToFile(body, file, limit)
    if (size === 0) throw new ValidationError([{ path: 'body', message: 'the body is empty: send the file' }])
    return await use({ path: file, fileName, size, sha256 })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The uploaded file's bytes, for readers that take a whole file (small files: an exchange's
 * counter-list); still refused over the limit before it is all read.
 */
export function withUploadedBytes<T>(c: Context, fileName: string, use: (bytes: Buffer) => Promise<T>) {
  return withUploadedFile(c, fileName, async (f) => use(await readFile(f.path)))
}

async function bodyToFile(body: ReadableStream<Uint8Array> | null, file: string, limit: number) {
  const out = createWriteStream(file)
  const hash = createHash('sha256')
  let size = 0
  const failed = new Promise<never>((_, reject) => out.once('error', reject))
  failed.catch(() => {})
  try {
    if (body) {
      const reader = body.getReader()
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          size += value.length
          if (size > limit) throw tooLarge(limit)
          hash.update(value)
          // wait for the disk when it falls behind: the body must not pile up in memory instead
          if (!out.write(value))
            await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed])
        }
      } finally {
        reader.cancel().catch(() => {})
      }
    }
  } finally {
    await Promise.race([new Promise<void>((r) => out.end(r)), failed])
  }
  return { size, sha256: hash.digest('hex') }
}
