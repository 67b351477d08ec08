import type { jobsEn } from './jobs.en'

/** Українські тексти сторінки завдань (issue 17). */
export const jobsUk: typeof jobsEn = {
  nav: 'Завдання',
  title: 'Завдання',
  none: 'Завдань ще немає.',
  kind: 'Вид',
  owner: 'Хто запустив',
  status: 'Стан',
  progress: 'Поступ',
  attempts: 'Спроби',
  error: 'Чому не вдалося',
  created: 'Запущено',
  cancel: 'Скасувати',
  cancelling: 'Скасовується…',
  cancelledBy: 'скасував(-ла) {{name}}',
  kinds: {
    linkage: 'Зіставлення записів',
    reconciliation: 'Звірка списку',
    lists: { import: 'Імпорт списку (збереження рядків)' },
    notices: { batch: 'Пакет повідомлень (підготовка)' },
  },
  statuses: {
    queued: 'У черзі',
    running: 'Виконується',
    done: 'Готово',
    failed: 'Не вдалося',
    cancelled: 'Скасовано',
  },
  stage: 'Етап: {{stage}}',
}
