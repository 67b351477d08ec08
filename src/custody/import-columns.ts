import { headerReader, normaliseHeader } from '../core/file-header'
/**
 * Column headers an import file may use for each field, in English, Ukrainian and Russian, because
 * registers arrive as spreadsheets written by offices in either language. Headers are compared
 * after lower-casing and folding spaces, dashes and apostrophes to underscores.
 */
export const PERSON_COLUMNS = {
  id: ['id', 'source_id', 'record_id', 'номер_запису', 'номер_записи'],
  category: ['category', 'категорія', 'категория'],
  surname: ['surname', 'last_name', 'family_name', 'прізвище', 'фамилия'],
  firstNames: ['first_names', 'first_name', 'given_name', 'given_names', 'name', 'імя', 'ім_я', 'имя'],
  patronymic: ['patronymic', 'по_батькові', 'по_батькови', 'отчество'],
  sex: ['sex', 'gender', 'стать', 'пол'],
  rank: ['rank', 'звання', 'звание'],
  serviceNumber: ['service_number', 'personal_number', 'serial_number', 'особовий_номер', 'личный_номер'],
  dateOfBirth: ['date_of_birth', 'dob', 'birth_date', 'дата_народження', 'дата_рождения'],
  placeOfBirth: ['place_of_birth', 'місце_народження', 'место_рождения'],
  powerDependedOn: ['power_depended_on', 'power'],
  nationality: ['nationality', 'citizenship', 'громадянство', 'гражданство'],
  fatherFirstName: ['father_first_name', 'father_name', 'імя_батька', 'ім_я_батька', 'имя_отца'],
  motherMaidenName: ['mother_maiden_name', 'дівоче_прізвище_матері', 'девичья_фамилия_матери'],
  nextOfKinName: ['next_of_kin_name', 'next_of_kin', 'найближчий_родич', 'ближайший_родственник'],
  nextOfKinAddress: ['next_of_kin_address', 'адреса_родича', 'адрес_родственника'],
  lastResidence: ['last_residence', 'останнє_місце_проживання', 'последнее_место_жительства'],
  distinguishingMarks: ['distinguishing_marks', 'особливі_прикмети', 'особые_приметы'],
  unit: ['unit', 'military_unit', 'частина', 'підрозділ', 'часть', 'подразделение'],
  capturedOn: ['captured_on', 'capture_date', 'дата_полонення', 'дата_пленения'],
  capturePlace: ['capture_place', 'place_of_capture', 'місце_полонення', 'место_пленения'],
  facility: ['facility', 'camp', 'установа', 'табір', 'учреждение', 'лагерь'],
  confirmation: ['confirmation', 'confirmed', 'підтвердження', 'подтверждение'],
  source: ['source', 'джерело', 'источник'],
} as const
export type PersonColumn = keyof typeof PERSON_COLUMNS

export { normaliseHeader }

/** Maps a file's header row to fields: the field of each column (in order) and the headers no field claims. */
export const mapHeader = headerReader(PERSON_COLUMNS)
