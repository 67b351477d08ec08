import type { TableDocument } from '../documents/table'

/**
 * The capture card (GC III Annex IV B), internment card (GC IV Annex III) and notification of
 * death (GC III Annex IV D; its fields from domain.md 1.6, also to be checked) as a printable
 * document, in the prisoner's language and the detaining power's (Annex IV B asks for two or
 * three languages). Pure: the fields in, the document's words out. The Annex's model is an image
 * in the treaty text; the field list follows domain.md 1.4 (marked there for checking against it).
 */
export const CARD_LANGUAGES = ['uk', 'ru', 'en'] as const
export type CardLanguage = (typeof CARD_LANGUAGES)[number]

export type CardFields = {
  kind: string
  powerDependedOn: string | null
  surname: string
  firstNames: string | null
  nameLatin: string | null
  fatherFirstName: string | null
  dateOfBirth: string | null
  placeOfBirth: string | null
  rank: string | null
  serviceNumber: string | null
  nextOfKinAddress: string | null
  takenOn: string | null
  comingFrom: string | null
  health: string | null
  registerNumber: number
  camp: string | null
  date: string
  article: string
  /** for a death notice (GC III Annex IV D): the died event's date, place and cause */
  death?: { on: string; place: string | null; cause: string | null }
}

type Words = {
  captureCard: string
  internmentCard: string
  deathNotice: string
  diedOn: string
  diedPlace: string
  cause: string
  to: string
  field: string
  value: string
  power: string
  surname: string
  firstNames: string
  latin: string
  father: string
  dob: string
  pob: string
  rank: string
  serviceNumber: string
  nextOfKin: string
  takenOn: string
  comingFrom: string
  health: string
  prisonerNo: string
  camp: string
  date: string
  notShown: string
  signature: string
  page: (n: number, m: number) => string
  healthWords: Record<string, string>
}

const WORDS: Record<CardLanguage, Words> = {
  uk: {
    captureCard: 'Картка полоненого',
    internmentCard: 'Картка інтернованого',
    deathNotice: 'Повідомлення про смерть',
    diedOn: 'Дата смерті',
    diedPlace: 'Місце смерті',
    cause: 'Причина й обставини смерті',
    to: 'Центральне агентство з розшуку, Міжнародний комітет Червоного Хреста, Женева',
    field: 'Відомості',
    value: 'Значення',
    power: 'Держава, від якої залежить особа',
    surname: 'Прізвище',
    firstNames: "Ім'я (повністю)",
    latin: 'Латиницею',
    father: "Ім'я батька",
    dob: 'Дата народження',
    pob: 'Місце народження',
    rank: 'Військове звання',
    serviceNumber: 'Особистий номер',
    nextOfKin: 'Адреса найближчого родича',
    takenOn: 'Дата полону',
    comingFrom: 'Прибув з',
    health: 'Стан здоров’я',
    prisonerNo: 'Номер у реєстрі',
    camp: 'Теперішня адреса (табір)',
    date: 'Дата',
    notShown: '(не показано цій ролі)',
    signature: 'Підпис',
    page: (n, m) => `Сторінка ${n} з ${m}`,
    healthWords: {
      good: 'Добрий',
      not_wounded: 'Не поранений',
      recovered: 'Одужав',
      convalescent: 'Одужує',
      sick: 'Хворий',
      seriously_sick: 'Тяжко хворий',
      slightly_wounded: 'Легко поранений',
      seriously_wounded: 'Тяжко поранений',
    },
  },
  ru: {
    captureCard: 'Карточка военнопленного',
    internmentCard: 'Карточка интернированного',
    deathNotice: 'Извещение о смерти',
    diedOn: 'Дата смерти',
    diedPlace: 'Место смерти',
    cause: 'Причина и обстоятельства смерти',
    to: 'Центральное агентство по розыску, Международный комитет Красного Креста, Женева',
    field: 'Сведения',
    value: 'Значение',
    power: 'Держава, от которой зависит лицо',
    surname: 'Фамилия',
    firstNames: 'Имя (полностью)',
    latin: 'Латиницей',
    father: 'Имя отца',
    dob: 'Дата рождения',
    pob: 'Место рождения',
    rank: 'Воинское звание',
    serviceNumber: 'Личный номер',
    nextOfKin: 'Адрес ближайшего родственника',
    takenOn: 'Дата взятия в плен',
    comingFrom: 'Прибыл из',
    health: 'Состояние здоровья',
    prisonerNo: 'Номер в реестре',
    camp: 'Нынешний адрес (лагерь)',
    date: 'Дата',
    notShown: '(не показано этой роли)',
    signature: 'Подпись',
    page: (n, m) => `Страница ${n} из ${m}`,
    healthWords: {
      good: 'Хорошее',
      not_wounded: 'Не ранен',
      recovered: 'Выздоровел',
      convalescent: 'Выздоравливает',
      sick: 'Болен',
      seriously_sick: 'Тяжело болен',
      slightly_wounded: 'Легко ранен',
      seriously_wounded: 'Тяжело ранен',
    },
  },
  en: {
    captureCard: 'Capture card for prisoner of war',
    internmentCard: 'Internment card',
    deathNotice: 'Notification of death',
    diedOn: 'Date of death',
    diedPlace: 'Place of death',
    cause: 'Cause and circumstances of death',
    to: 'Central Tracing Agency, International Committee of the Red Cross, Geneva',
    field: 'Particular',
    value: 'Entry',
    power: 'Power on which the prisoner depends',
    surname: 'Name',
    firstNames: 'First names (in full)',
    latin: 'In Latin letters',
    father: 'First name of father',
    dob: 'Date of birth',
    pob: 'Place of birth',
    rank: 'Rank',
    serviceNumber: 'Service number',
    nextOfKin: 'Address of next of kin',
    takenOn: 'Taken prisoner on',
    comingFrom: 'Coming from',
    health: 'State of health',
    prisonerNo: 'Prisoner No.',
    camp: 'Present address (camp)',
    date: 'Date',
    notShown: '(not shown to this role)',
    signature: 'Signature',
    page: (n, m) => `Page ${n} of ${m}`,
    healthWords: {
      good: 'Good health',
      not_wounded: 'Not wounded',
      recovered: 'Recovered',
      convalescent: 'Convalescent',
      sick: 'Sick',
      seriously_sick: 'Seriously sick',
      slightly_wounded: 'Slightly wounded',
      seriously_wounded: 'Seriously wounded',
    },
  },
}

/**
 * The card as a table document. A field the reader's role may not see (the family particulars
 * for the liaison) is printed as "not shown" rather than left blank, so a blank means unknown.
 */
export function cardDocument(f: CardFields, lang: CardLanguage, hidden: ReadonlySet<string>): TableDocument {
  const w = WORDS[lang]
  const show = (key: string, v: string | null) => (hidden.has(key) ? w.notShown : (v ?? ''))
  const rows: [string, string][] = [
    [w.power, f.powerDependedOn ?? ''],
    [w.surname, f.surname],
    [w.firstNames, f.firstNames ?? ''],
    [w.latin, f.nameLatin ?? ''],
    [w.father, show('fatherFirstName', f.fatherFirstName)],
    [w.dob, f.dateOfBirth ?? ''],
    [w.pob, f.placeOfBirth ?? ''],
    [w.rank, f.rank ?? ''],
    [w.serviceNumber, f.serviceNumber ?? ''],
    [w.nextOfKin, show('nextOfKin', f.nextOfKinAddress)],
    [w.takenOn, f.takenOn ?? ''],
    [w.comingFrom, f.comingFrom ?? ''],
    ...((f.death
      ? [
          [w.diedOn, f.death.on],
          [w.diedPlace, f.death.place ?? ''],
          [w.cause, f.death.cause ?? ''],
        ]
      : [[w.health, f.health ? (w.healthWords[f.health] ?? f.health) : '']]) as [string, string][]),
    [w.prisonerNo, String(f.registerNumber)],
    [w.camp, f.camp ?? ''],
    [w.date, f.date],
  ]
  const title = f.death ? w.deathNotice : f.kind === 'internment_card' ? w.internmentCard : w.captureCard
  return {
    title,
    subtitle: f.article,
    headerLines: [w.to],
    sections: [
      {
        heading: title,
        columns: [
          { label: w.field, width: 2 },
          { label: w.value, width: 3 },
        ],
        rows,
      },
    ],
    signatures: [''],
    generatedAt: f.date,
    pageOf: w.page,
    coverSheet: title,
    signatureLabel: w.signature,
  }
}
