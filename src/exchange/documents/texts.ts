/**
 * The words of the exchange documents in Ukrainian, English and Russian: the lists and the report
 * go to the other side and to the mediator, who may read none of the bureau's interface
 * languages but Russian. Pure: a table and the functions that pick from it.
 */
export const DOCUMENT_LANGUAGES = ['uk', 'en', 'ru'] as const
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number]

export type DocumentTexts = {
  agreedListsTitle: string
  handoverReportTitle: string
  round: (n: number, kind: string) => string
  exchange: string
  counterpart: string
  mediator: string
  venue: string
  status: string
  stages: string
  give: string
  receive: string
  countsPerStage: string
  totals: string
  no: string
  surname: string
  givenNames: string
  latin: string
  dateOfBirth: string
  serviceNumber: string
  rank: string
  stage: string
  priority: string
  side: string
  result: string
  reason: string
  replacedBy: string
  agreed: string
  crossed: string
  didNotCross: string
  replaced: string
  pending: string
  statuses: Record<string, string>
  kinds: Record<string, string>
  priorities: Record<string, string>
  /** the result of one row of the handover, by its outcome */
  outcomes: Record<string, string>
  /** why a person did not cross, by the outcome's code */
  reasons: Record<string, string>
  forOurSide: string
  forOtherSide: (who: string) => string
  forMediator: (who: string | null) => string
  signature: string
  document: string
  generatedAt: (at: string) => string
  pageOf: (page: number, pages: number) => string
  notStarted: string
}

const EN: DocumentTexts = {
  agreedListsTitle: 'Agreed lists of persons to be exchanged',
  handoverReportTitle: 'Handover report',
  round: (n, kind) => `Round ${n} (${kind})`,
  exchange: 'Exchange',
  counterpart: 'Other side',
  mediator: 'Mediator',
  venue: 'Venue',
  status: 'Status',
  stages: 'Stages',
  give: 'Persons handed over by us',
  receive: 'Persons received by us',
  countsPerStage: 'Counts per stage',
  totals: 'Total',
  no: 'No.',
  surname: 'Surname',
  givenNames: 'Given names',
  latin: 'Name in Latin letters',
  dateOfBirth: 'Date of birth',
  serviceNumber: 'Service number',
  rank: 'Rank',
  stage: 'Stage',
  priority: 'Priority group',
  side: 'Side',
  result: 'Result',
  reason: 'Reason',
  replacedBy: 'Replaced by',
  agreed: 'Agreed',
  crossed: 'Exchanged',
  didNotCross: 'Did not cross',
  replaced: 'Replaced',
  pending: 'Not yet recorded',
  statuses: {
    draft: 'draft',
    proposed: 'proposed',
    agreed: 'agreed',
    executing: 'handover in progress',
    done: 'completed',
    cancelled: 'cancelled',
  },
  kinds: { proposal: 'our proposal', counter: 'their counter-list' },
  priorities: {
    seriously_wounded_or_sick: 'seriously wounded or sick',
    woman: 'woman',
    young: 'young',
    longest_held: 'longest held',
    none: '—',
  },
  outcomes: {
    pending: 'not yet recorded',
    crossed: 'exchanged',
    no_show: 'did not cross',
    refused: 'did not cross',
    substituted: 'replaced',
  },
  reasons: { no_show: 'did not appear', refused: 'refused at the crossing' },
  forOurSide: 'For our side',
  forOtherSide: (who) => `For the other side (${who})`,
  forMediator: (who) => (who ? `For the mediator (${who})` : 'For the mediator'),
  signature: 'Signature',
  document: 'Document',
  generatedAt: (at) => `Generated ${at} UTC`,
  pageOf: (page, pages) => `page ${page} of ${pages}`,
  notStarted: 'The handover has not started: no results are recorded.',
}

const UK: DocumentTexts = {
  agreedListsTitle: 'Узгоджені списки осіб для обміну',
  handoverReportTitle: 'Акт передачі',
  round: (n, kind) => `Раунд ${n} (${kind})`,
  exchange: 'Обмін',
  counterpart: 'Інша сторона',
  mediator: 'Посередник',
  venue: 'Місце',
  status: 'Стан',
  stages: 'Етапи',
  give: 'Особи, яких передаємо ми',
  receive: 'Особи, яких приймаємо ми',
  countsPerStage: 'Підсумки за етапами',
  totals: 'Разом',
  no: '№',
  surname: 'Прізвище',
  givenNames: 'Ім’я',
  latin: 'Ім’я латиницею',
  dateOfBirth: 'Дата народження',
  serviceNumber: 'Особовий номер',
  rank: 'Звання',
  stage: 'Етап',
  priority: 'Група пріоритету',
  side: 'Сторона',
  result: 'Результат',
  reason: 'Причина',
  replacedBy: 'Замінено на',
  agreed: 'Узгоджено',
  crossed: 'Обміняно',
  didNotCross: 'Не перейшли',
  replaced: 'Замінено',
  pending: 'Ще не відмічено',
  statuses: {
    draft: 'чернетка',
    proposed: 'запропоновано',
    agreed: 'узгоджено',
    executing: 'триває передача',
    done: 'завершено',
    cancelled: 'скасовано',
  },
  kinds: { proposal: 'наша пропозиція', counter: 'їхній зустрічний список' },
  priorities: {
    seriously_wounded_or_sick: 'тяжкопоранені або тяжкохворі',
    woman: 'жінки',
    young: 'молоді',
    longest_held: 'найдовше в полоні',
    none: '—',
  },
  outcomes: {
    pending: 'ще не відмічено',
    crossed: 'обміняно',
    no_show: 'не перейшов',
    refused: 'не перейшов',
    substituted: 'замінено',
  },
  reasons: { no_show: 'не з’явився', refused: 'відмовився на місці передачі' },
  forOurSide: 'Від нашої сторони',
  forOtherSide: (who) => `Від іншої сторони (${who})`,
  forMediator: (who) => (who ? `Від посередника (${who})` : 'Від посередника'),
  signature: 'Підпис',
  document: 'Документ',
  generatedAt: (at) => `Сформовано ${at} UTC`,
  pageOf: (page, pages) => `сторінка ${page} з ${pages}`,
  notStarted: 'Передачу не розпочато: результатів немає.',
}

const RU: DocumentTexts = {
  agreedListsTitle: 'Согласованные списки лиц для обмена',
  handoverReportTitle: 'Акт передачи',
  round: (n, kind) => `Раунд ${n} (${kind})`,
  exchange: 'Обмен',
  counterpart: 'Другая сторона',
  mediator: 'Посредник',
  venue: 'Место',
  status: 'Состояние',
  stages: 'Этапы',
  give: 'Лица, передаваемые нами',
  receive: 'Лица, принимаемые нами',
  countsPerStage: 'Итоги по этапам',
  totals: 'Итого',
  no: '№',
  surname: 'Фамилия',
  givenNames: 'Имя',
  latin: 'Имя латиницей',
  dateOfBirth: 'Дата рождения',
  serviceNumber: 'Личный номер',
  rank: 'Звание',
  stage: 'Этап',
  priority: 'Группа приоритета',
  side: 'Сторона',
  result: 'Результат',
  reason: 'Причина',
  replacedBy: 'Заменён на',
  agreed: 'Согласовано',
  crossed: 'Обменяны',
  didNotCross: 'Не перешли',
  replaced: 'Заменены',
  pending: 'Ещё не отмечено',
  statuses: {
    draft: 'черновик',
    proposed: 'предложено',
    agreed: 'согласовано',
    executing: 'идёт передача',
    done: 'завершено',
    cancelled: 'отменено',
  },
  kinds: { proposal: 'наше предложение', counter: 'их встречный список' },
  priorities: {
    seriously_wounded_or_sick: 'тяжелораненые или тяжелобольные',
    woman: 'женщины',
    young: 'молодые',
    longest_held: 'дольше всех в плену',
    none: '—',
  },
  outcomes: {
    pending: 'ещё не отмечено',
    crossed: 'обменян',
    no_show: 'не перешёл',
    refused: 'не перешёл',
    substituted: 'заменён',
  },
  reasons: { no_show: 'не явился', refused: 'отказался на месте передачи' },
  forOurSide: 'От нашей стороны',
  forOtherSide: (who) => `От другой стороны (${who})`,
  forMediator: (who) => (who ? `От посредника (${who})` : 'От посредника'),
  signature: 'Подпись',
  document: 'Документ',
  generatedAt: (at) => `Сформировано ${at} UTC`,
  pageOf: (page, pages) => `страница ${page} из ${pages}`,
  notStarted: 'Передача не начата: результатов нет.',
}

export const DOCUMENT_TEXTS: Record<DocumentLanguage, DocumentTexts> = { en: EN, uk: UK, ru: RU }
