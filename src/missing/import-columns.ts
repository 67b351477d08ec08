import { headerReader } from '../core/file-header'

/**
 * Headers a missing-persons register may use for each field, in English, Ukrainian and Russian
 * (compared as custody's are: lower case, spaces and dashes folded to underscores).
 */
export const MISSING_COLUMNS = {
  id: ['id', 'source_id', 'record_id', 'номер_запису', 'номер_записи', '№'],
  surname: ['surname', 'last_name', 'family_name', 'прізвище', 'фамилия'],
  firstNames: ['first_names', 'first_name', 'given_name', 'name', 'імя', 'ім_я', 'имя'],
  patronymic: ['patronymic', 'по_батькові', 'отчество'],
  sex: ['sex', 'gender', 'стать', 'пол'],
  rank: ['rank', 'звання', 'звание'],
  serviceNumber: ['service_number', 'personal_number', 'особовий_номер', 'личный_номер'],
  dateOfBirth: ['date_of_birth', 'dob', 'birth_date', 'дата_народження', 'дата_рождения'],
  placeOfBirth: ['place_of_birth', 'місце_народження', 'место_рождения'],
  unit: ['unit', 'military_unit', 'частина', 'військова_частина', 'підрозділ', 'часть', 'воинская_часть'],
  region: ['region', 'oblast', 'область', 'регіон', 'регион'],
  distinguishingMarks: ['distinguishing_marks', 'особливі_прикмети', 'особые_приметы'],
  photoRef: ['photo', 'photo_ref', 'фото'],
  lastSeenOn: ['last_seen_on', 'last_seen', 'missing_since', 'дата_зникнення', 'дата_исчезновения'],
  lastSeenPlace: ['last_seen_place', 'place_missing', 'місце_зникнення', 'место_исчезновения'],
  circumstances: ['circumstances', 'обставини', 'обстоятельства'],
  witness: ['witness', 'свідок', 'свидетель'],
  reporterName: ['reported_by', 'reporter', 'reporter_name', 'заявник', 'заявитель'],
  reporterRelation: ['relation', 'reporter_relation', 'ступінь_спорідненості', 'родство'],
  reporterContact: ['contact', 'reporter_contact', 'контакт', 'телефон'],
  reporterLanguage: ['language', 'мова', 'язык'],
  consentUse: ['consent', 'consent_use', 'згода', 'согласие'],
  consentIcrc: ['consent_icrc', 'share_icrc', 'згода_мкчх', 'согласие_мккк'],
  consentOtherSide: [
    'consent_other_side',
    'share_other_side',
    'згода_інша_сторона',
    'согласие_другая_сторона',
  ],
  consentPublic: ['consent_public', 'share_public', 'згода_публічно', 'согласие_публично'],
  consentOn: ['consent_on', 'consent_date', 'дата_згоди', 'дата_согласия'],
  receivedOn: ['received_on', 'reported_on', 'дата_заяви', 'дата_заявления'],
  source: ['source', 'джерело', 'источник'],
  status: ['status', 'статус'],
  statusOn: ['status_on', 'status_date', 'дата_статусу', 'дата_статуса'],
  statusSource: ['status_source', 'джерело_статусу', 'источник_статуса'],
} as const
export type MissingColumn = keyof typeof MISSING_COLUMNS

export const mapMissingHeader = headerReader(MISSING_COLUMNS)

const YES = new Set(['yes', 'y', 'true', '1', '+', 'так', 'т', 'да', 'д', 'x', 'х'])
const NO = new Set(['no', 'n', 'false', '0', '-', 'ні', 'н', 'нет', ''])

/** A yes/no cell in any of the three languages; undefined when it is neither. */
export function yesNo(cell: string | undefined): boolean | undefined {
  const v = (cell ?? '').trim().toLowerCase()
  if (YES.has(v)) return true
  if (NO.has(v)) return false
  return undefined
}
