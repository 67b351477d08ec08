import '../../i18n'
import i18next from 'i18next'

/**
 * The words of the received-list and difference panels, in both languages, added to the one i18n
 * instance under `exchangeLists` (kept beside the panels so the shared locale files stay untouched).
 */
const en = {
  duplicates: 'Received list: suspected duplicates',
  counts:
    '{{rows}} rows received · {{persons}} persons in the pool · {{flaggedRows}} rows flagged · {{undecidedDuplicates}} of {{duplicateGroups}} groups undecided',
  none: 'No rows of the received list seem to be one person.',
  row: 'Row {{line}}',
  score: 'name score {{score}}',
  agreed: 'agreed: {{fields}}',
  fields: {
    surname: 'surname',
    given_name: 'given name',
    patronymic: 'patronymic',
    date_of_birth: 'date of birth',
    ref: 'reference',
  },
  dates: {
    same: 'same date',
    day_month_swapped: 'day and month swapped',
    partial: 'one date incomplete',
    unknown: 'a date missing',
    different: 'dates differ',
  },
  undecided: 'undecided',
  merged: 'merged (keeps {{keep}})',
  keptBoth: 'different persons',
  merge: 'Merge: one person',
  keepBoth: 'Keep both',
  difference: 'Round {{n}}: what changed, by name',
  sides: { give: 'We give', receive: 'We ask for' },
  added: 'Added',
  removed: 'Removed',
  substituted: 'Substituted',
  unmatched: 'Matched no one',
  by: { operator: 'paired by the operator', list: 'their list says so' },
  nothing: 'nothing',
  // English uses only _one and _other; _few and _many repeat _other so both languages share one shape
  planBlocked_one:
    'Planning waits: {{count}} group of rows in the received list may be one person ({{pairs}} pair to check). Decide it first: merge or keep both.',
  planBlocked_few:
    'Planning waits: {{count}} groups of rows in the received list may be one person each ({{pairs}} pairs to check). Decide them first: merge or keep both.',
  planBlocked_many:
    'Planning waits: {{count}} groups of rows in the received list may be one person each ({{pairs}} pairs to check). Decide them first: merge or keep both.',
  planBlocked_other:
    'Planning waits: {{count}} groups of rows in the received list may be one person each ({{pairs}} pairs to check). Decide them first: merge or keep both.',
  toDecisions: 'Go to the duplicates',
}
const uk: typeof en = {
  duplicates: 'Отриманий список: можливі дублікати',
  counts:
    'Отримано рядків: {{rows}} · осіб у пулі: {{persons}} · позначених рядків: {{flaggedRows}} · не вирішено груп: {{undecidedDuplicates}} з {{duplicateGroups}}',
  none: 'Жоден рядок отриманого списку не схожий на ту саму особу.',
  row: 'Рядок {{line}}',
  score: 'схожість імені {{score}}',
  agreed: 'збігаються: {{fields}}',
  fields: {
    surname: 'прізвище',
    given_name: 'імʼя',
    patronymic: 'по батькові',
    date_of_birth: 'дата народження',
    ref: 'номер',
  },
  dates: {
    same: 'та сама дата',
    day_month_swapped: 'день і місяць переставлено',
    partial: 'одна дата неповна',
    unknown: 'дати немає',
    different: 'дати різні',
  },
  undecided: 'не вирішено',
  merged: 'обʼєднано (залишено {{keep}})',
  keptBoth: 'різні особи',
  merge: 'Обʼєднати: одна особа',
  keepBoth: 'Залишити обох',
  difference: 'Раунд {{n}}: що змінилося, поіменно',
  sides: { give: 'Ми передаємо', receive: 'Ми просимо' },
  added: 'Додано',
  removed: 'Вилучено',
  substituted: 'Замінено',
  unmatched: 'Не знайдено нікого',
  by: { operator: 'пару склав оператор', list: 'так у їхньому списку' },
  nothing: 'нічого',
  planBlocked_one:
    'Планування чекає: {{count}} група рядків отриманого списку може бути однією особою (пар до перевірки: {{pairs}}). Спершу вирішіть: обʼєднати чи залишити обох.',
  planBlocked_few:
    'Планування чекає: {{count}} групи рядків отриманого списку можуть бути однією особою (пар до перевірки: {{pairs}}). Спершу вирішіть: обʼєднати чи залишити обох.',
  planBlocked_many:
    'Планування чекає: {{count}} груп рядків отриманого списку можуть бути однією особою (пар до перевірки: {{pairs}}). Спершу вирішіть: обʼєднати чи залишити обох.',
  planBlocked_other:
    'Планування чекає: {{count}} групи рядків отриманого списку можуть бути однією особою (пар до перевірки: {{pairs}}). Спершу вирішіть: обʼєднати чи залишити обох.',
  toDecisions: 'До дублікатів',
}

i18next.addResourceBundle('en', 'translation', { exchangeLists: en }, true, false)
i18next.addResourceBundle('uk', 'translation', { exchangeLists: uk }, true, false)
