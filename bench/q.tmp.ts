import { sql } from 'kysely'
import { openParley } from '../src/app/container'
import { loadConfig } from '../src/core/config'

const parley = await openParley(
  loadConfig({ PARLEY_DATA_DIR: 'bench/.data/list-1m', PARLEY_LOG_LEVEL: 'warn' }),
)
const fac = (
  await parley.conn.db
    .selectFrom('facilities')
    .select('id')
    .where('name', '=', 'Camp A (bench)')
    .executeTakeFirstOrThrow()
).id
for (const q of [
  sql`explain analyze select * from persons where facility_id = ${fac} and confirmation = 'confirmed' order by register_number desc, id desc limit 101`,
  sql`explain analyze select * from persons where confirmation = 'confirmed' and lower(surname) like 'кузн%' order by lower(surname) asc, id asc limit 101`,
]) {
  const t = performance.now()
  const r = await q.execute(parley.conn.db)
  console.log(
    (r.rows as any[]).map((x) => x['QUERY PLAN']).join('\n'),
    '\n',
    Math.round(performance.now() - t),
    'ms',
  )
}
await parley.close()
