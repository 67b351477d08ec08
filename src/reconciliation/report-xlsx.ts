import type { TableDocument } from '../documents/table'
import { renderXlsx } from '../documents/xlsx'
import type { DiscrepancyReport } from './report'

export const REPORT_LANGUAGES = ['uk', 'en'] as const
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number]

const WORDS = {
  en: {
    title: (n: number) => `Discrepancy report, reconciliation ${n}`,
    list: 'List',
    against: { missing: 'against the missing-persons register', custody: 'against the custody register' },
    generated: 'Generated on',
    cover: 'Report',
    signature: 'Signature',
    unknown: 'On their list, unknown to us',
    noList: 'Reported missing, on no list',
    gone: 'On their list, back home or dead',
    twice: 'Listed twice in their list',
    disagree: 'Particulars differ between lists',
    row: 'Row',
    ref: 'Their reference',
    name: 'Name as written',
    born: 'Born',
    unit: 'Unit',
    best: 'Best pair below the threshold',
    number: 'Our No.',
    ourName: 'Our record',
    status: 'Our status',
    captivity: 'Captivity',
    group: 'Group',
    otherList: 'Other list',
    otherRow: 'Other row',
    fields: 'Differs',
    decided: 'Decided',
    yes: 'yes',
    no: 'not yet',
  },
  uk: {
    title: (n: number) => `Звіт про розбіжності, звіряння ${n}`,
    list: 'Список',
    against: { missing: 'з реєстром зниклих безвісти', custody: 'з реєстром утримуваних' },
    generated: 'Створено',
    cover: 'Звіт',
    signature: 'Підпис',
    unknown: 'У їхньому списку, нам невідомі',
    noList: 'Зниклі, яких немає в жодному списку',
    gone: 'У списку, але повернулися або загинули',
    twice: 'Двічі в їхньому списку',
    disagree: 'Дані різняться між списками',
    row: 'Рядок',
    ref: 'Їхній номер',
    name: 'Ім’я як написано',
    born: 'Народження',
    unit: 'Частина',
    best: 'Найкраща пара нижче порогу',
    number: 'Наш №',
    ourName: 'Наш запис',
    status: 'Наш статус',
    captivity: 'Полон',
    group: 'Група',
    otherList: 'Інший список',
    otherRow: 'Рядок іншого',
    fields: 'Різниться',
    decided: 'Вирішено',
    yes: 'так',
    no: 'ще ні',
  },
} as const

const col = (label: string, width = 10) => ({ label, width })

/** The report as an XLSX workbook: a cover sheet, then one sheet per class of discrepancy. */
export async function discrepancyXlsx(
  report: DiscrepancyReport,
  lang: ReportLanguage,
  now: Date,
): Promise<Buffer> {
  const w = WORDS[lang]
  const r = report.reconciliation
  const doc: TableDocument = {
    title: w.title(r.number),
    headerLines: [
      `${w.list}: ${r.listName ?? r.listId}`,
      w.against[r.against as 'missing' | 'custody'] ?? r.against,
    ],
    generatedAt: `${w.generated} ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    signatures: [],
    pageOf: (p, n) => `${p}/${n}`,
    coverSheet: w.cover,
    signatureLabel: w.signature,
    sections: [
      {
        heading: w.unknown,
        columns: [col(w.row, 5), col(w.ref), col(w.name, 24), col(w.born), col(w.unit, 14), col(w.best)],
        rows: report.unknownToUs.rows.map((x) => [
          x.rowNo,
          x.ref,
          x.name,
          x.dateOfBirth,
          x.unit,
          x.bestBelow ?? '',
        ]),
      },
      {
        heading: w.noList,
        columns: [col(w.number, 6), col(w.ourName, 24), col(w.born), col(w.unit, 14), col(w.captivity)],
        rows: report.missingOnNoList.rows.map((x) => [
          x.registerNumber,
          x.name,
          x.dateOfBirth ?? '',
          x.unit ?? '',
          x.captivity,
        ]),
      },
      {
        heading: w.gone,
        columns: [
          col(w.row, 5),
          col(w.name, 24),
          col(w.number, 6),
          col(w.ourName, 24),
          col(w.status),
          col(w.decided, 6),
        ],
        rows: report.listedButGone.rows.map((x) => [
          x.row.rowNo,
          x.row.name,
          x.registerNumber,
          x.name,
          x.status,
          x.decided ? w.yes : w.no,
        ]),
      },
      {
        heading: w.twice,
        columns: [col(w.group, 5), col(w.row, 5), col(w.ref), col(w.name, 24), col(w.born), col(w.unit, 14)],
        rows: report.listedTwice.rows.flatMap((g) =>
          g.rows.map((x) => [g.group, x.rowNo, x.ref, x.name, x.dateOfBirth, x.unit]),
        ),
      },
      {
        heading: w.disagree,
        columns: [
          col(w.number, 6),
          col(w.ourName, 20),
          col(w.row, 5),
          col(w.otherList, 16),
          col(w.otherRow, 5),
          col(w.fields, 30),
        ],
        rows: report.disagreeBetweenLists.rows.map((x) => [
          x.registerNumber,
          x.name,
          x.row.rowNo,
          x.other.listName,
          x.other.rowNo,
          x.fields.map((f) => `${f.field}: ${f.here} / ${f.there}`).join('; '),
        ]),
      },
    ],
  }
  return renderXlsx(doc)
}
