import { Button, Menu } from '@mantine/core'
import i18next from 'i18next'
import { useTranslation } from 'react-i18next'

// this menu's own texts, added beside the app's (en and uk)
for (const [lng, exportMenu] of [
  ['en', { button: 'Export', hint: 'With the filters shown; audited', pdf: 'PDF (printable)' }],
  ['uk', { button: 'Експорт', hint: 'З поточними фільтрами; фіксується в журналі', pdf: 'PDF (для друку)' }],
] as const)
  i18next.addResourceBundle(lng, 'translation', { exportMenu }, true, false)

const FORMATS = ['xlsx', 'csv', 'pdf'] as const

/**
 * Export of a list or an overview section, with the filters the page shows: a plain link, so the
 * browser downloads the file the server names (a list over 5,000 rows answers with a job instead,
 * followed on the jobs page).
 */
export function ExportMenu(props: { list: string; filters?: Record<string, string | null | undefined> }) {
  const { t, i18n } = useTranslation()
  const query = (format: string) => {
    const q = new URLSearchParams({ format, lang: i18n.language === 'uk' ? 'uk' : 'en' })
    for (const [k, v] of Object.entries(props.filters ?? {})) if (v) q.set(k, v)
    return `/api/v1/exports/${props.list}?${q}`
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs">
          {t('exportMenu.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('exportMenu.hint')}</Menu.Label>
        {FORMATS.map((format) => (
          <Menu.Item key={format} component="a" href={query(format)} download>
            {format === 'pdf' ? t('exportMenu.pdf') : format.toUpperCase()}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
