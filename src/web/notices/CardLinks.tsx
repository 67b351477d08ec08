import { Anchor, Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

const PRINTED = new Set(['capture_card', 'internment_card', 'death_notice'])
const LANGUAGES = [
  ['uk', 'UK'],
  ['ru', 'RU'],
  ['en', 'EN'],
] as const

/**
 * A notice's printed form (capture or internment card, death notice) as PDF in the prisoner's and
 * the detaining power's languages, by plain links: the server names the file and audits the read.
 */
export function CardLinks({ notice }: { notice: { id: string; kind: string } }) {
  const { t } = useTranslation()
  if (!PRINTED.has(notice.kind)) return null
  return (
    <Group gap={6} wrap="nowrap" data-testid="card-links">
      <Text size="xs" c="dimmed">
        {t('notices.card')}
      </Text>
      {LANGUAGES.map(([lang, label]) => (
        <Anchor key={lang} size="xs" href={`/api/v1/notices/${notice.id}/card.pdf?lang=${lang}`} download>
          {label}
        </Anchor>
      ))}
    </Group>
  )
}
