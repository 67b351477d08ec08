import '../../i18n'
import i18next from 'i18next'

/**
 * The words of the agreement panel (each breach code of `src/exchange/agreement/check.ts`), in both
 * languages, added under `exchangeAgreement` beside the panel so the shared locale files stay small.
 */
const en = {
  title: 'Agreement: the last round checked against the terms',
  lists: 'Round {{round}}: we give {{give}}, we receive {{receive}}',
  clean: 'The lists keep the terms.',
  breaches: 'The lists breach the terms',
  reason: 'Reason to agree despite the breaches',
  reasonHint: 'Stored with the breaches and written to the audit trail',
  agreeAnyway: 'Agree despite the breaches',
  agreedWith: 'Agreed despite the breaches: {{reason}}',
  sides: { give: 'we give', receive: 'we receive' },
  codes: {
    no_round: 'There is no round to agree yet.',
    listed_twice: '{{name}} is listed twice ({{side}})',
    not_in_pool: '{{name}} is in neither pool ({{side}})',
    refused_repatriation: '{{name}} refused repatriation (GC III Art. 109) and is listed ({{side}})',
    excluded: '{{name}} is excluded by the terms and is listed ({{side}})',
    balance_equal: 'The numbers are not equal: we give {{give}}, we receive {{receive}}',
    balance_ratio:
      'The ratio {{ratioGive}}:{{ratioReceive}} is not kept: we give {{give}}, we receive {{receive}}',
    balance_value:
      'The values differ by more than {{tolerance}}: we give {{giveValue}}, we receive {{receiveValue}}',
    max_size: 'More than {{maxSize}} persons: we give {{give}}, we receive {{receive}}',
    quota_min: '{{group}} ({{side}}): {{count}}, the terms ask at least {{min}}',
    quota_max: '{{group}} ({{side}}): {{count}}, the terms allow at most {{max}}',
    requested_missing: '{{name}} was requested by name and is not listed ({{side}})',
    duplicates_undecided: 'Suspected duplicates of the received list not decided: {{groups}} group(s)',
  },
}
const uk: typeof en = {
  title: 'Угода: останній раунд, перевірений за умовами',
  lists: 'Раунд {{round}}: ми передаємо {{give}}, ми отримуємо {{receive}}',
  clean: 'Списки відповідають умовам.',
  breaches: 'Списки порушують умови',
  reason: 'Підстава погодити попри порушення',
  reasonHint: 'Зберігається разом із порушеннями і записується до журналу аудиту',
  agreeAnyway: 'Погодити попри порушення',
  agreedWith: 'Погоджено попри порушення: {{reason}}',
  sides: { give: 'ми передаємо', receive: 'ми отримуємо' },
  codes: {
    no_round: 'Ще немає раунду, який можна погодити.',
    listed_twice: '{{name}} внесено двічі ({{side}})',
    not_in_pool: '{{name}} немає в жодному пулі ({{side}})',
    refused_repatriation: '{{name}} відмовився від репатріації (ст. 109 ЖК III), але є у списку ({{side}})',
    excluded: '{{name}} виключено умовами, але є у списку ({{side}})',
    balance_equal: 'Кількості не рівні: ми передаємо {{give}}, ми отримуємо {{receive}}',
    balance_ratio:
      'Співвідношення {{ratioGive}}:{{ratioReceive}} не дотримано: ми передаємо {{give}}, ми отримуємо {{receive}}',
    balance_value:
      'Вартості різняться більш ніж на {{tolerance}}: ми передаємо {{giveValue}}, ми отримуємо {{receiveValue}}',
    max_size: 'Понад {{maxSize}} осіб: ми передаємо {{give}}, ми отримуємо {{receive}}',
    quota_min: '{{group}} ({{side}}): {{count}}, умови вимагають щонайменше {{min}}',
    quota_max: '{{group}} ({{side}}): {{count}}, умови дозволяють щонайбільше {{max}}',
    requested_missing: '{{name}} запитано поіменно, але немає у списку ({{side}})',
    duplicates_undecided: 'Не вирішено можливих дублікатів отриманого списку: груп {{groups}}',
  },
}

i18next.addResourceBundle('en', 'translation', { exchangeAgreement: en }, true, false)
i18next.addResourceBundle('uk', 'translation', { exchangeAgreement: uk }, true, false)
