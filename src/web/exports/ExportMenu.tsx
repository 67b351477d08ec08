import i18next, { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { type Download, DownloadMenu } from './DownloadMenu'

// this menu's own texts, added beside the app's (en and uk)
for (const [lng, exportMenu] of [
  [
    'en',
    {
      button: 'Export',
      hint: 'With the filters shown; audited',
      pdf: 'PDF (printable)',
      handover: 'Handover list',
    },
  ],
  [
    'uk',
    {
      button: 'Експорт',
      hint: 'З поточними фільтрами; фіксується в журналі',
      pdf: 'PDF (для друку)',
      handover: 'Список передачі',
    },
  ],
] as const)
  i18next.addResourceBundle(lng, 'translation', { exportMenu }, true, false)

const FORMATS = ['xlsx', 'csv', 'pdf'] as const
type Filters = Record<string, string | null | undefined>

/**
 * A list's files, one per format, through GET /exports/{list} with the filters the page shows and
 * headings in the reader's language (a list over 5,000 rows answers with a job instead, followed
 * on the jobs page). `prefix` names the list where the menu offers other files too.
 */
export function listDownloads(
  list: string,
  filters: Filters,
  t: TFunction,
  language: string,
  prefix?: string,
): Download[] {
  return FORMATS.map((format) => {
    const q = new URLSearchParams({ format, lang: language === 'uk' ? 'uk' : 'en' })
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v)
    const name = format === 'pdf' ? t('exportMenu.pdf') : format.toUpperCase()
    return {
      key: `${list}-${format}`,
      label: prefix ? `${prefix} · ${name}` : name,
      href: `/api/v1/exports/${list}?${q}`,
    }
  })
}

/** Export of a list or an overview section, with the filters the page shows. */
export function ExportMenu(props: { list: string; filters?: Filters }) {
  const { t, i18n } = useTranslation()
  return (
    <DownloadMenu
      button={t('exportMenu.button')}
      hint={t('exportMenu.hint')}
      groups={[{ key: props.list, items: listDownloads(props.list, props.filters ?? {}, t, i18n.language) }]}
    />
  )
}
