import { createHash } from 'node:crypto'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import type { Clock } from '../core/clock'
import { notFound, ValidationError } from '../core/errors'
import type { Db } from '../db/connection'
import { createWritePipeline } from '../db/write'
import { findPhoto, keepPhoto } from './photo-store'
import { presentMissing } from './present'
import * as store from './store'
import { entry, openRecord } from './write-helpers'

/** A photograph for recognition, not an archive scan: 5 MB holds a phone's photo. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

/** The image type the bytes themselves say (their signature), whatever the sender claimed. */
export function imageTypeOf(b: Uint8Array): (typeof PHOTO_TYPES)[number] | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to))
  if (b.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return undefined
}

export type PhotoDeps = { db: Db; audit: { appendAudit: typeof appendAudit }; clock: Clock }

/** A missing person's photograph: stored once by its hash, its size and type checked, audited. */
export function createPhotos(deps: PhotoDeps) {
  const write = createWritePipeline(deps)

  /**
   * Sets the record's photograph from the uploaded bytes.
   * @throws ValidationError (empty, too large, not a JPEG, PNG or WebP image, or not what it claims)
   */
  async function setPhoto(actor: Actor, id: string, bytes: Uint8Array, claimed: string | undefined) {
    if (bytes.length === 0) throw new ValidationError([{ path: 'photo', message: 'the file is empty' }])
    if (bytes.length > PHOTO_MAX_BYTES)
      throw new ValidationError([
        {
          path: 'photo',
          message: `the photograph is ${bytes.length} bytes; at most ${PHOTO_MAX_BYTES} are kept`,
        },
      ])
    const type = imageTypeOf(bytes)
    if (!type) throw new ValidationError([{ path: 'photo', message: 'must be a JPEG, PNG or WebP image' }])
    const said = claimed?.split(';')[0]?.trim().toLowerCase()
    if (said && said !== type)
      throw new ValidationError([{ path: 'photo', message: `the file is ${type}, not ${said} as sent` }])
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return write(async (ctx) => {
      await ctx.lock('missing_persons', [id])
      const record = await openRecord(ctx.tx, id)
      await keepPhoto(ctx.tx, { sha256, contentType: type, bytes, storedBy: actor.id })
      const updated = await store.updateMissing(ctx.tx, id, {
        photo_sha256: sha256,
        updated_at: ctx.now,
        version: record.version + 1,
      })
      return {
        result: presentMissing(updated),
        audit: [
          entry(
            actor,
            'missing.photo.set',
            id,
            { photo: record.photo_sha256 },
            { photo: sha256, type, size: bytes.length },
          ),
        ],
      }
    })
  }

  /** @throws NOT_FOUND */
  async function getPhoto(sha256: string) {
    const photo = await findPhoto(deps.db, sha256)
    if (!photo) throw notFound('Photograph', sha256.slice(0, 12))
    return { type: photo.content_type, bytes: photo.bytes }
  }

  return { setPhoto, getPhoto }
}
