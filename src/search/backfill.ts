import { sql } from 'kysely'
import { firstNameKey } from '../custody/person-row'
import type { Db } from '../db/connection'
import { NAME_KEY_VERSION, nameKey } from '../names/key'
import { readSetting, writeSetting } from '../settings/store'

const BATCH = 5000

/**
 * Computes the name keys of persons registered before keys existed (or by an older key version,
 * after `update persons set surname_key = null`), in batches, so search covers the whole register.
 * @returns how many persons were keyed
 */
export async function backfillNameKeys(db: Db, onProgress?: (done: number) => void): Promise<number> {
  let done = 0
  for (;;) {
    const rows = await db
      .selectFrom('persons')
      .select(['id', 'surname', 'first_names', 'patronymic'])
      .where('surname_key', 'is', null)
      .limit(BATCH)
      .execute()
    if (rows.length === 0) break
    const values = rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${nameKey(r.surname)}, ${firstNameKey(r.first_names)}, ${r.patronymic ? nameKey(r.patronymic) : null})`,
    )
    await sql`
      update persons p set surname_key = v.s, first_names_key = v.f, patronymic_key = v.pt
      from (values ${sql.join(values)}) as v(id, s, f, pt)
      where p.id = v.id`.execute(db)
    done += rows.length
    onProgress?.(done)
  }
  if (done > 0) await sql`analyze persons`.execute(db)
  return done
}

/**
 * Makes every stored name key current: if the keys were made by another version of the folding
 * rules, all are cleared and recomputed; persons without keys get them.
 */
export async function ensureNameKeys(db: Db, onProgress?: (done: number) => void): Promise<number> {
  const stored = await readSetting(db, 'name_key_version')
  if (stored !== NAME_KEY_VERSION) {
    const any = await db
      .selectFrom('persons')
      .select('id')
      .where('surname_key', 'is not', null)
      .limit(1)
      .execute()
    if (any.length > 0) {
      await sql`update persons set surname_key = null, first_names_key = null, patronymic_key = null`.execute(
        db,
      )
      await sql`delete from name_vocabulary`.execute(db)
    }
  }
  const keyed = await backfillNameKeys(db, onProgress)
  if (stored !== NAME_KEY_VERSION) await writeSetting(db, 'name_key_version', NAME_KEY_VERSION, new Date())
  return keyed
}
