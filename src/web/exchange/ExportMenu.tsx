import { Button, Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'

const DOCUMENTS = [
  { document: 'agreed-lists', label: 'exchangeDocuments.agreedLists' },
  { document: 'handover-report', label: 'exchangeDocuments.handoverReport' },
] as const
// each language named in itself: the reader of the document may read no other
const LANGUAGES = [
  { lang: 'uk', name: 'Українська' },
  { lang: 'en', name: 'English' },
  { lang: 'ru', name: 'Русский' },
] as const
const FORMATS = ['pdf', 'xlsx'] as const

/**
 * The exchange's documents for the other side and the mediator: each document in each format and
 * language, downloaded by a plain link (the server names the file and audits the download).
 */
export function ExportMenu({ id }: { id: string }) {
  const { t } = useTranslation()
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm">
          {t('exchangeDocuments.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('exchangeDocuments.hint')}</Menu.Label>
        {DOCUMENTS.map(({ document, label }) => [
          <Menu.Divider key={`${document}-divider`} />,
          <Menu.Label key={document}>{t(label)}</Menu.Label>,
          ...FORMATS.flatMap((format) =>
            LANGUAGES.map(({ lang, name }) => (
              <Menu.Item
                key={`${document}-${format}-${lang}`}
                component="a"
                href={`/api/v1/exchanges/${id}/documents/${document}?format=${format}&lang=${lang}`}
                download
              >
                {`${t(label)} · ${format.toUpperCase()} · ${name}`}
              </Menu.Item>
            )),
          ),
        ])}
      </Menu.Dropdown>
    </Menu>
  )
}
