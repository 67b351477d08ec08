import { useTranslation } from 'react-i18next'
import { type DownloadGroup, DownloadMenu } from '../exports/DownloadMenu'
import { listDownloads } from '../exports/ExportMenu'

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
 * The exchange's documents for the other side and the mediator, each in each format and language;
 * and, once the handover has begun, its list as the other lists export (GET /exports/handover).
 */
export function ExportMenu({ id, handover = false }: { id: string; handover?: boolean }) {
  const { t, i18n } = useTranslation()
  const documents: DownloadGroup[] = DOCUMENTS.map(({ document, label }) => ({
    key: document,
    label: t(label),
    items: FORMATS.flatMap((format) =>
      LANGUAGES.map(({ lang, name }) => ({
        key: `${document}-${format}-${lang}`,
        label: `${t(label)} · ${format.toUpperCase()} · ${name}`,
        href: `/api/v1/exchanges/${id}/documents/${document}?format=${format}&lang=${lang}`,
      })),
    ),
  }))
  const list: DownloadGroup[] = handover
    ? [
        {
          key: 'handover',
          label: t('exportMenu.handover'),
          items: listDownloads('handover', { exchangeId: id }, t, i18n.language, t('exportMenu.handover')),
        },
      ]
    : []
  return (
    <DownloadMenu
      button={t('exchangeDocuments.export')}
      hint={t('exchangeDocuments.hint')}
      groups={[...documents, ...list]}
      size="sm"
    />
  )
}
