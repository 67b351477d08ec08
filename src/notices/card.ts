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
  /** GC III Art. 122, GC IV Art. 138 */
  motherMaidenName: string | null
  /** GC IV Art. 138: a civilian's nationality and last residence */
  nationality: string | null
  lastResidence: string | null
  dateOfBirth: string | null
  placeOfBirth: string | null
  rank: string | null
  serviceNumber: string | null
  /** name and address of the person to be informed (GC III Art. 122, GC IV Art. 138) */
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
  mother: string
  nationality: string
  lastResidence: string
  language: string
  burialPlace: string
  burialDate: string
  grave: string
  effects: string
  authority: string
  witness: string
  internedOn: string
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
    mother: 'Дівоче прізвище матері',
    nationality: 'Громадянство',
    lastResidence: 'Останнє місце проживання',
    language: 'Мови картки',
    burialPlace: 'Місце поховання',
    burialDate: 'Дата поховання',
    grave: 'Позначення могили (як її знайти)',
    effects: 'Особисті речі: зберігаються чи надіслані, і яким шляхом',
    authority: 'Відповідальна посадова особа (печатка)',
    witness: 'Свідок (підпис і адреса)',
    internedOn: 'Дата інтернування',
    dob: 'Дата народження',
    pob: 'Місце народження',
    rank: 'Військове звання',
    serviceNumber: 'Особистий номер',
    nextOfKin: "Ім'я та адреса особи, яку слід повідомити",
    takenOn: 'Дата полону',
    comingFrom: 'Прибув з',
    health: 'Стан здоров’я',
    prisonerNo: 'Теперішня адреса: номер полоненого',
    camp: 'Теперішня адреса: назва табору',
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
    mother: 'Девичья фамилия матери',
    nationality: 'Гражданство',
    lastResidence: 'Последнее место жительства',
    language: 'Языки карточки',
    burialPlace: 'Место погребения',
    burialDate: 'Дата погребения',
    grave: 'Обозначение могилы (как её найти)',
    effects: 'Личные вещи: хранятся или отправлены, и каким путём',
    authority: 'Ответственное должностное лицо (печать)',
    witness: 'Свидетель (подпись и адрес)',
    internedOn: 'Дата интернирования',
    dob: 'Дата рождения',
    pob: 'Место рождения',
    rank: 'Воинское звание',
    serviceNumber: 'Личный номер',
    nextOfKin: 'Имя и адрес лица, которое следует уведомить',
    takenOn: 'Дата взятия в плен',
    comingFrom: 'Прибыл из',
    health: 'Состояние здоровья',
    prisonerNo: 'Нынешний адрес: номер военнопленного',
    camp: 'Нынешний адрес: название лагеря',
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
    mother: 'Maiden name of mother',
    nationality: 'Nationality',
    lastResidence: 'Last residence',
    language: 'Languages of the card',
    burialPlace: 'Place of burial',
    burialDate: 'Date of burial',
    grave: 'Grave marked; particulars to find it',
    effects: 'Personal effects: kept or forwarded, and through what agency',
    authority: 'Responsible authority (seal)',
    witness: 'Witness (signature and address)',
    internedOn: 'Interned on',
    dob: 'Date of birth',
    pob: 'Place of birth',
    rank: 'Rank',
    serviceNumber: 'Service number',
    nextOfKin: 'Name and address of the person to be informed',
    takenOn: 'Taken prisoner on',
    comingFrom: 'Coming from',
    health: 'State of health',
    prisonerNo: 'Present address: prisoner No.',
    camp: 'Present address: name of camp',
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

const LANGUAGE_NAMES: Record<CardLanguage, string> = { uk: 'українська', ru: 'русский', en: 'English' }

/** Field keys a role may be kept from (the family particulars, GC IV Art. 137's reasons for care). */
export const FAMILY_FIELDS = ['fatherFirstName', 'motherMaidenName', 'nextOfKin', 'lastResidence'] as const

type Row = { key?: string; label: (w: Words) => string; value: string | null }

/**
 * The rows of each printed form, in the order of its model: the capture card (GC III Annex IV B,
 * with the Art. 122 particulars it lacks: mother's maiden name, the person to be informed), the
 * internment card (GC IV Art. 106, Annex III, with the Art. 138 particulars) and the notification
 * of death (GC III Annex IV D, Art. 120). A field the register does not hold stays blank, to be
 * filled in by hand; the treaty models are images, their lists are domain.md 1.4 and 1.6.
 */
function rowsOf(f: CardFields, health: (h: string) => string): Row[] {
  const identity: Row[] = [
    { label: (w) => w.power, value: f.powerDependedOn },
    { label: (w) => w.surname, value: f.surname },
    { label: (w) => w.firstNames, value: f.firstNames },
    { label: (w) => w.latin, value: f.nameLatin },
    { key: 'fatherFirstName', label: (w) => w.father, value: f.fatherFirstName },
    { key: 'motherMaidenName', label: (w) => w.mother, value: f.motherMaidenName },
    { label: (w) => w.dob, value: f.dateOfBirth },
    { label: (w) => w.pob, value: f.placeOfBirth },
  ]
  const address: Row[] = [
    { label: (w) => w.prisonerNo, value: String(f.registerNumber) },
    { label: (w) => w.camp, value: f.camp },
  ]
  const informed: Row = { key: 'nextOfKin', label: (w) => w.nextOfKin, value: f.nextOfKinAddress }
  const state: Row = { label: (w) => w.health, value: f.health ? health(f.health) : null }
  if (f.death)
    return [
      ...identity,
      { label: (w) => w.rank, value: f.rank },
      { label: (w) => w.serviceNumber, value: f.serviceNumber },
      informed,
      { label: (w) => w.takenOn, value: f.takenOn },
      { label: (w) => w.diedOn, value: f.death.on },
      { label: (w) => w.diedPlace, value: f.death.place },
      { label: (w) => w.cause, value: f.death.cause },
      { label: (w) => w.burialPlace, value: null },
      { label: (w) => w.burialDate, value: null },
      { label: (w) => w.grave, value: null },
      { label: (w) => w.effects, value: null },
      ...address,
    ]
  if (f.kind === 'internment_card')
    return [
      ...identity,
      { label: (w) => w.nationality, value: f.nationality },
      { key: 'lastResidence', label: (w) => w.lastResidence, value: f.lastResidence },
      informed,
      { label: (w) => w.internedOn, value: f.takenOn },
      { label: (w) => w.comingFrom, value: f.comingFrom },
      state,
      ...address,
    ]
  return [
    ...identity,
    { label: (w) => w.rank, value: f.rank },
    { label: (w) => w.serviceNumber, value: f.serviceNumber },
    informed,
    { label: (w) => w.takenOn, value: f.takenOn },
    { label: (w) => w.comingFrom, value: f.comingFrom },
    state,
    ...address,
  ]
}

/**
 * The card as a table document, its labels in `lang` and, when asked, also in a second language
 * (Annex IV B: "in the prisoner's own language and in that of the Detaining Power"). A field the
 * reader's role may not see (the family particulars for the liaison) is printed as "not shown"
 * rather than left blank, so a blank means unknown.
 */
export function cardDocument(
  f: CardFields,
  lang: CardLanguage,
  hidden: ReadonlySet<string>,
  also?: CardLanguage,
): TableDocument {
  const w = WORDS[lang]
  const second = also && also !== lang ? WORDS[also] : null
  const label = (get: (x: Words) => string) => (second ? `${get(w)} / ${get(second)}` : get(w))
  const rows: [string, string][] = rowsOf(f, (h) => w.healthWords[h] ?? h).map((r) => [
    label(r.label),
    r.key && hidden.has(r.key) ? w.notShown : (r.value ?? ''),
  ])
  rows.push([
    label((x) => x.language),
    [lang, ...(second ? [also!] : [])].map((l) => LANGUAGE_NAMES[l]).join(', '),
  ])
  rows.push([label((x) => x.date), f.date])
  const titleOf = (x: Words) =>
    f.death ? x.deathNotice : f.kind === 'internment_card' ? x.internmentCard : x.captureCard
  const title = label(titleOf)
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
    // Annex IV D: the responsible authority and two witnesses sign a notification of death
    signatures: f.death
      ? [label((x) => x.authority), label((x) => x.witness), label((x) => x.witness)]
      : [''],
    generatedAt: f.date,
    pageOf: w.page,
    coverSheet: titleOf(w),
    signatureLabel: w.signature,
  }
}
