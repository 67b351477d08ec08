import { z } from 'zod'
import type { Actor } from '../auth/actor'
import { ROLES } from '../auth/roles'
import { notFound } from '../core/errors'
import type { Db } from '../db/connection'
import { defineJobKind } from '../jobs/kind'
import type { JobService } from '../jobs/service'
import { ConfirmImport } from './model'
import * as wizardStore from './store-wizard'
import type { ListWizard } from './wizard'

/** The job kind a large list's "store the list" step runs as. */
export const LIST_IMPORT_JOB = 'lists.import'

/**
 * Files with more rows than this are stored by a worker as a job (the answer is 202 and the job's
 * id); smaller ones are stored while the analyst waits, as before. A few thousand rows store in a
 * second or two, which a request may take; the ten thousand of a list that arrives the night before
 * an exchange take long enough to hold a server's connection and to want a progress bar.
 */
export const IMPORT_AS_JOB_ROWS = 5_000

const ListImportInput = z.object({
  uploadId: z.uuid(),
  confirm: ConfirmImport,
  /** the submitter's role when submitting: the permission was checked then */
  role: z.enum(ROLES),
})

export type ConfirmOutcome = { id: string; created: boolean } | { jobId: string }

/**
 * Registers the list import as a job kind and answers the wizard's confirm: at once for a small
 * file, as a job for a large one. Storing is all or nothing and once per upload (the wizard's own
 * rule), so a job taken up again after its worker died finds the list already stored and ends.
 */
export function createListImportJobs(deps: {
  db: Db
  jobs: JobService
  wizard: Pick<ListWizard, 'confirmImport'>
}) {
  const { db, jobs, wizard } = deps
  jobs.register(
    defineJobKind({
      name: LIST_IMPORT_JOB,
      input: ListImportInput,
      async run(ctx, input) {
        const actor: Actor = { ...ctx.owner, role: input.role }
        ctx.progress('storing rows', 0, 1)
        ctx.signal.throwIfAborted()
        const out = await wizard.confirmImport(actor, input.uploadId, input.confirm, (done, total) =>
          ctx.progress('storing rows', done, total),
        )
        return { summary: { listId: out.id, created: out.created } }
      },
    }),
  )

  return {
    /**
     * Stores the upload as a list now, or queues it as a job when it is large.
     * @throws ValidationError and NOT_FOUND as the wizard's confirm does (checked before queueing
     * for what can be checked without reading the file)
     */
    async confirmOrQueue(actor: Actor, uploadId: string, input: ConfirmImport): Promise<ConfirmOutcome> {
      const upload = await wizardStore.getUpload(db, uploadId)
      if (!upload) throw notFound('upload', uploadId)
      const earlier = await wizardStore.listOfUpload(db, upload)
      if (earlier) return { id: earlier.id, created: false }
      if (upload.rowCount <= IMPORT_AS_JOB_ROWS) return wizard.confirmImport(actor, uploadId, input)
      const jobId = await jobs.submit(actor, LIST_IMPORT_JOB, { uploadId, confirm: input, role: actor.role })
      return { jobId }
    },
  }
}

export type ListImportJobs = ReturnType<typeof createListImportJobs>
