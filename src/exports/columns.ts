import type { ExportLanguage, ExportList } from './model'

/**
 * What a reader may see of a row, from their permissions (the same lines the lists' pages draw):
 * names (persons.identify), family particulars (particulars.read), and who asks in an enquiry
 * (enquiries.contact). A column that needs what the reader lacks is not in their file at all.
 */
export type ExportView = { identify: boolean; particulars: boolean; contact: boolean }

export type Cell = string | number | null

/** One column of an exported list: its heading in each language, its share of a PDF page, its value. */
export type ExportColumn<R> = {
  key: string
  label: Record<ExportLanguage, string>
  width: number
  align?: 'left' | 'right'
  needs?: keyof ExportView
  value: (row: R) => Cell
}

type Row = Record<string, unknown>
const str = (v: unknown): Cell =>
  v === null || v === undefined ? null : typeof v === 'number' ? v : String(v)
const at = (path: string) => (row: Row) => {
  let v: unknown = row
  for (const part of path.split('.')) v = (v as Row | null | undefined)?.[part]
  return str(v)
}
const col = (
  key: string,
  en: string,
  uk: string,
  width: number,
  extra: Partial<ExportColumn<Row>> = {},
): ExportColumn<Row> => ({ key, label: { en, uk }, width, value: at(key), ...extra })

const REGISTER: ExportColumn<Row>[] = [
  col('registerNumber', 'No.', '№', 5, { align: 'right' }),
  col('surname', 'Surname', 'Прізвище', 12, { needs: 'identify' }),
  col('firstNames', 'First names', "Ім'я", 10, { needs: 'identify' }),
  col('patronymic', 'Patronymic', 'По батькові', 10, { needs: 'identify' }),
  col('surnameLatin', 'Surname (Latin)', 'Прізвище (латиницею)', 11, { needs: 'identify' }),
  col('dateOfBirth', 'Date of birth', 'Дата народження', 8),
  col('sex', 'Sex', 'Стать', 5),
  col('rank', 'Rank', 'Звання', 8),
  col('serviceNumber', 'Service number', 'Особистий номер', 9, { needs: 'identify' }),
  col('unit', 'Unit', 'Підрозділ', 9),
  col('category', 'Category', 'Категорія', 8),
  col('status', 'Status', 'Статус', 7),
  col('facility', 'Facility', 'Місце тримання', 10),
  col('health', 'Health', "Стан здоров'я", 7),
  col('lastEventOn', 'Last event', 'Остання подія', 7),
  col('nextOfKin.name', 'Next of kin', 'Найближчий родич', 10, { needs: 'particulars' }),
]

const MISSING: ExportColumn<Row>[] = [
  col('registerNumber', 'No.', '№', 5, { align: 'right' }),
  col('surname', 'Surname', 'Прізвище', 12, { needs: 'identify' }),
  col('firstNames', 'First names', "Ім'я", 10, { needs: 'identify' }),
  col('patronymic', 'Patronymic', 'По батькові', 10, { needs: 'identify' }),
  col('dateOfBirth', 'Date of birth', 'Дата народження', 8),
  col('rank', 'Rank', 'Звання', 8),
  col('serviceNumber', 'Service number', 'Особистий номер', 9, { needs: 'identify' }),
  col('unit', 'Unit', 'Підрозділ', 9),
  col('region', 'Region', 'Регіон', 8),
  col('lastSeen.on', 'Last seen on', 'Востаннє бачили', 8),
  col('lastSeen.place', 'Last seen at', 'Місце, де бачили', 10, { needs: 'particulars' }),
  col('status', 'Status', 'Статус', 7),
  col('captivity', 'Captivity', 'Полон', 7),
  col('lastEventOn', 'Last event', 'Остання подія', 7),
]

const ENQUIRIES: ExportColumn<Row>[] = [
  col('number', 'No.', '№', 5, { align: 'right' }),
  col('receivedOn', 'Received', 'Надійшло', 8),
  col('state', 'State', 'Стан', 6),
  col('urgency.ageDays', 'Age (days)', 'Днів', 5, { align: 'right' }),
  {
    ...col('urgency.overdue', 'Overdue', 'Прострочено', 6),
    value: (r) => ((r.urgency as { overdue?: boolean } | undefined)?.overdue ? 'yes' : ''),
  },
  col('channel', 'Channel', 'Канал', 6),
  col('sought.surname', 'Sought: surname', 'Розшукуваний: прізвище', 12, { needs: 'identify' }),
  col('sought.firstNames', 'Sought: first names', "Розшукуваний: ім'я", 10, { needs: 'identify' }),
  col('sought.dateOfBirth', 'Sought: born', 'Розшукуваний: народився', 8),
  col('sought.status', 'Sought: status', 'Розшукуваний: статус', 8),
  col('enquirer.name', 'Enquirer', 'Заявник', 12, { needs: 'contact' }),
  col('enquirer.relation', 'Relation', 'Спорідненість', 8, { needs: 'contact' }),
  col('enquirer.contact', 'Contact', 'Контакт', 12, { needs: 'contact' }),
  col('answeredOn', 'Answered', 'Відповідь', 8),
]

// what the handover sheet shows of each row (src/web/exchange/Handover.tsx), one row per listed person
const HANDOVER: ExportColumn<Row>[] = [
  col('stage', 'Stage', 'Етап', 4, { align: 'right' }),
  col('side', 'Side', 'Сторона', 6),
  col('surname', 'Surname', 'Прізвище', 12, { needs: 'identify' }),
  col('firstNames', 'First names', "Ім'я", 10, { needs: 'identify' }),
  col('dateOfBirth', 'Date of birth', 'Дата народження', 8),
  col('serviceNumber', 'Service number', 'Особистий номер', 9, { needs: 'identify' }),
  col('wounded', 'Wounded or sick', 'Поранений або хворий', 6),
  col('outcome', 'Outcome', 'Результат', 7),
  col('substitute', 'Substitute', 'Замість нього', 12, { needs: 'identify' }),
]

const DASHBOARD: ExportColumn<Row>[] = [
  col('section', 'Section', 'Розділ', 8),
  col('figure', 'Figure', 'Показник', 20),
  col('n', 'Count', 'Кількість', 6, { align: 'right' }),
]

export const COLUMNS: Record<ExportList, ExportColumn<Row>[]> = {
  register: REGISTER,
  fund: REGISTER,
  missing: MISSING,
  enquiries: ENQUIRIES,
  handover: HANDOVER,
  dashboard: DASHBOARD,
}

export const TITLES: Record<ExportList, Record<ExportLanguage, string>> = {
  register: { en: 'Custody register', uk: 'Реєстр утримуваних' },
  fund: { en: 'Exchange fund', uk: 'Обмінний фонд' },
  missing: { en: 'Missing persons', uk: 'Зниклі безвісти' },
  enquiries: { en: 'Family enquiries', uk: 'Запити родин' },
  handover: { en: 'Handover', uk: 'Передача' },
  dashboard: { en: 'Overview', uk: 'Огляд' },
}

/** The columns this reader may see, in order. */
export function columnsFor(list: ExportList, view: ExportView): ExportColumn<Row>[] {
  return COLUMNS[list].filter((c) => !c.needs || view[c.needs])
}

/** A row as cells, the value of each column. */
export function cellsOf(columns: ExportColumn<Row>[], row: Row): Cell[] {
  return columns.map((c) => c.value(row))
}

/**
 * The overview's figures as rows: every count under a section, named by its path ("byStatus ›
 * interned", "byFacility › Camp A › occupancy"); an item of a list is named by its key, name,
 * group, week or month.
 */
export function figuresOf(section: string, value: unknown, path: string[] = []): Row[] {
  if (typeof value === 'number') return [{ section, figure: path.join(' › '), n: value }]
  if (Array.isArray(value))
    return value.flatMap((item, i) => {
      const o = item as Row
      const name = o?.key ?? o?.name ?? o?.group ?? o?.week ?? o?.month ?? String(i + 1)
      return figuresOf(section, omitName(o), [...path, String(name)])
    })
  if (value && typeof value === 'object')
    return Object.entries(value as Row).flatMap(([k, v]) => figuresOf(section, v, [...path, k]))
  return []
}

function omitName(o: Row): Row | number {
  if (!o || typeof o !== 'object') return o as never
  const { key, name, group, week, month, id, ...rest } = o
  // a {key, n} pair is one figure: its count, named by its key
  if (Object.keys(rest).length === 1 && typeof rest.n === 'number') return rest.n
  return rest
}
