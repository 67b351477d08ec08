import { z } from 'zod'
import { LIST_FIELDS } from './columns'

/** Who a list came from: the other side, the ICRC, one of our units, an open source, or another. */
export const SOURCE_KINDS = ['other_side', 'icrc', 'unit', 'open_source', 'other'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]

const day = z.iso.date()

/** Where a received list came from, as the analyst records it when confirming the import. */
export const Provenance = z
  .object({
    from: z.string().trim().min(1, 'say who sent the list').max(200),
    fromKind: z.enum(SOURCE_KINDS),
    via: z.string().trim().max(200).optional(),
    receivedOn: day,
    periodFrom: day.optional(),
    periodTo: day.optional(),
    replaces: z.uuid().optional().describe('the earlier list this one is a version of'),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'ListProvenance' })
export type Provenance = z.infer<typeof Provenance>

export const ListFieldName = z.enum(LIST_FIELDS as [string, ...string[]])

/** The column mapping: for each column of the file, in order, its field or null to leave it out. */
export const Mapping = z.array(ListFieldName.nullable())

export const ConfirmImport = z
  .object({
    name: z.string().trim().min(1, 'give the list a name').max(200).optional(),
    mapping: Mapping,
    provenance: Provenance,
  })
  .meta({ id: 'ConfirmListImport' })
export type ConfirmImport = z.infer<typeof ConfirmImport>

export const PreviewRequest = z.object({
  mapping: Mapping.optional().describe('a mapping to read the file under; default: the proposed one'),
  source: z.string().trim().max(200).optional().describe('whose mapping to propose, when saved'),
})
