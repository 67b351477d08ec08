import { stringify } from 'csv-stringify/sync'
import type { Actor } from '../auth/actor'
import type { RegisterPerson } from '../custody/model'
import { type GeneratedPerson, generatePersons } from '../generate'
import { LIST_COLUMNS, scenarioList } from '../generate/scenarios'
import type { Parley } from './container'

const DEMO_ACTOR: Actor = { id: 'demo', name: 'demo data generator', role: 'admin' }

const FACILITIES = [
  { name: 'Camp No. 1 (demo)', kind: 'camp', capacity: 2000, location: 'Oblast A' },
  { name: 'Camp No. 2 (demo)', kind: 'camp', capacity: 1500, location: 'Oblast B' },
  { name: 'Transit point North (demo)', kind: 'transit_camp', capacity: 400, location: 'Oblast C' },
  { name: 'Military hospital No. 7 (demo)', kind: 'hospital', capacity: 300, location: 'Oblast A' },
] as const

/** A small deterministic choice, so the demo looks the same every time. */
function pick(i: number, modulo: number, seed = 7): number {
  return ((i * 2654435761 + seed) >>> 0) % modulo
}

function asRegistration(p: GeneratedPerson, i: number): RegisterPerson {
  return {
    category: pick(i, 20) === 0 ? 'civilian_internee' : 'prisoner_of_war',
    confirmation: pick(i, 25, 3) === 0 ? 'unconfirmed' : 'confirmed',
    surname: p.surname,
    firstNames: p.givenName,
    patronymic: p.patronymic,
    sex: p.sex,
    rank: p.rank,
    serviceNumber: p.serviceNumber,
    dateOfBirth: p.dateOfBirth,
    placeOfBirth: p.placeOfBirth,
    powerDependedOn: p.nationality === 'RU' ? 'Russian Federation' : 'Ukraine',
    nationality: p.nationality === 'RU' ? 'Russian' : 'Ukrainian',
    fatherFirstName: p.fatherFirstName,
    motherMaidenName: p.motherMaidenName,
    nextOfKin: p.nextOfKin
      ? { name: `${p.nextOfKin.name} (${p.nextOfKin.relationship})`, address: p.nextOfKin.address }
      : undefined,
    unit: p.unit,
  }
}

/**
 * Fills the register with fictitious persons from the project's generator: facilities, group
 * captures of 5 to 60 persons, and a history for many (transfers, hospital stays, health bulletins,
 * a few deaths and releases), all through the same services and audit trail as real work.
 */
export async function fillDemo(
  parley: Parley,
  opts: {
    persons: number
    seed?: number
    onlyIfEmpty?: boolean
    onProgress?: (done: number, total: number) => void
  },
) {
  const { custody } = parley.services
  if (opts.onlyIfEmpty && (await custody.countPersons({ confirmation: 'all' })).total > 0)
    return { created: 0, skipped: true }
  const existing = await custody.listFacilities()
  const facilities = []
  for (const f of FACILITIES)
    facilities.push(existing.find((e) => e.name === f.name) ?? (await custody.createFacility(DEMO_ACTOR, f)))
  const [campA, campB, transit, hospital] = facilities
  const today = new Date()
  const daysAgo = (d: number) => new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 10)

  const people = [...generatePersons({ seed: opts.seed ?? 2026, count: opts.persons, nationality: 'RU' })]
  let created = 0
  let g = 0
  while (created < people.length) {
    const size = Math.min(people.length - created, 5 + pick(g, 56))
    const group = people.slice(created, created + size)
    const capturedDaysAgo = 20 + pick(g, 700, 11)
    const facility = [campA, campB, transit][pick(g, 3, 5)]!
    const { persons } = await custody.registerCapture(DEMO_ACTOR, {
      capturedOn: daysAgo(capturedDaysAgo),
      place: group[0]!.capture.place,
      capturingUnit: `${10 + pick(g, 80)}th brigade (demo)`,
      source: 'demo unit report',
      facilityId: facility.id,
      persons: group.map((p, k) => asRegistration(p, created + k)) as never,
    })
    for (const [k, person] of persons.entries()) {
      const i = created + k
      const roll = pick(i, 100, 13)
      const on = daysAgo(Math.max(0, capturedDaysAgo - 10 - pick(i, 10)))
      if (roll < 12)
        await custody.recordEvent(DEMO_ACTOR, person.id, {
          type: 'transferred',
          facilityId: (facility.id === campA!.id ? campB : campA)!.id,
          occurredOn: today.toISOString().slice(0, 10),
        })
      else if (roll < 18)
        await custody.recordEvent(DEMO_ACTOR, person.id, {
          type: 'hospitalised',
          facilityId: hospital!.id,
          health: roll < 15 ? 'seriously_wounded' : 'sick',
          occurredOn: today.toISOString().slice(0, 10),
        })
      else if (roll < 19)
        await custody.recordEvent(DEMO_ACTOR, person.id, {
          type: 'died',
          cause: 'wounds',
          occurredOn: today.toISOString().slice(0, 10),
        })
      else if (roll < 21)
        await custody.recordEvent(DEMO_ACTOR, person.id, {
          type: 'released',
          occurredOn: today.toISOString().slice(0, 10),
        })
      else if (roll < 30)
        await custody.recordEvent(DEMO_ACTOR, person.id, {
          type: 'health_bulletin',
          health: 'slightly_wounded',
          occurredOn: on > person.lastEventOn! ? on : person.lastEventOn!,
        })
    }
    created += size
    g += 1
    opts.onProgress?.(created, people.length)
  }
  await storeCounterpartList(parley, people, opts.seed ?? 2026)
  await openDemoExchange(parley, opts.seed ?? 2026, Math.max(10, Math.round(people.length / 10)))
  return { created, skipped: false }
}

/**
 * A draft exchange ready to plan: consent recorded for most persons we hold (a few refuse, as
 * GC III Art. 109 lets the sick and wounded), and the list of our soldiers the other side holds.
 */
async function openDemoExchange(parley: Parley, seed: number, size: number) {
  const { exchanges } = parley.services
  const e = await exchanges.createExchange(DEMO_ACTOR, {
    name: 'Exchange No. 1 (demo)',
    counterpart: 'the other side (demo)',
    mediator: 'a mediating state (demo)',
    terms: { maxSize: size, quotas: [{ side: 'receive', group: 'seriously_wounded_or_sick', min: 1 }] },
    stages: [Math.ceil(size / 2), Math.floor(size / 2)],
  })
  const held = await parley.conn.db
    .selectFrom('persons')
    .select('id')
    .where('status', 'in', ['interned', 'captured', 'hospitalised'])
    .execute()
  await exchanges.annotateGive(
    DEMO_ACTOR,
    e.id,
    held.map((p, i) => ({
      personId: p.id,
      consent: pick(i, 10, 17) !== 0,
      refusedRepatriation: pick(i, 50, 19) === 0,
    })),
  )
  const ours = [
    ...generatePersons({
      seed: seed + 1,
      count: Math.round(size * 1.5),
      nationality: 'UA',
      firstId: 800_001,
    }),
  ]
  const rows = [
    [
      'id',
      'surname',
      'first_name',
      'patronymic',
      'date_of_birth',
      'sex',
      'seriously_wounded',
      'captured_on',
      'rank',
    ],
    ...ours.map((p, i) => [
      p.id,
      p.surname,
      p.givenName,
      p.patronymic,
      p.dateOfBirth,
      p.sex,
      pick(i, 12, 23) === 0 ? 'yes' : 'no',
      p.capture.date,
      p.rank,
    ]),
  ]
  await exchanges.importSought(DEMO_ACTOR, e.id, 'sought-demo.csv', Buffer.from(stringify(rows)))
}

/**
 * The other side's list of its soldiers it believes we hold, as such lists arrive: most rows are
 * persons in our register, written their way (other spellings, errors, gaps), some are not. The
 * file carries no ground truth: in the demo, as in real work, linkage must find who is who.
 */
async function storeCounterpartList(parley: Parley, people: GeneratedPerson[], seed: number) {
  const rows = scenarioList(
    {
      seed,
      persons: people.length,
      nationality: 'RU',
      listRows: Math.max(10, Math.min(500, Math.round(people.length / 6))),
      matchShare: 0.7,
      duplicateShare: 0.02,
    },
    people,
  )
  const columns = LIST_COLUMNS.filter((c) => !['true_person_id', 'duplicate_of', 'corruptions'].includes(c))
  const content = stringify([columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))])
  await parley.services.lists.importList(DEMO_ACTOR, {
    name: 'Counterpart list No. 1 (demo)',
    counterpart: 'the other side (demo)',
    fileName: 'counterpart-list-1.csv',
    content: Buffer.from(content),
  })
}
