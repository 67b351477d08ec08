import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../dates'
import { useCan } from '../session/session'
import { useEnquiryList } from './useEnquiries'

/** On a missing person's page: the families' enquiries about them, and a way to take another. */
export function MissingEnquiries({ missingId }: { missingId: string }) {
  const { t, i18n } = useTranslation()
  const can = useCan()
  const list = useEnquiryList('all', missingId, can('enquiries.read'))
  if (!can('enquiries.read')) return null
  return (
    <Card withBorder>
      <Group justify="space-between">
        <Title order={4}>{t('enquiries.ofPerson.title')}</Title>
        {can('enquiries.work') && (
          <Button
            size="xs"
            variant="light"
            renderRoot={(props) => <Link to="/enquiries/new" search={{ missingId }} {...props} />}
          >
            {t('enquiries.ofPerson.take')}
          </Button>
        )}
      </Group>
      <Stack gap={4} mt="xs">
        {list.data?.items.length === 0 && <Text size="sm">{t('enquiries.ofPerson.none')}</Text>}
        {list.data?.items.map((e) => (
          <Group key={e.id} gap="xs">
            <Anchor
              renderRoot={(props) => (
                <Link to="/enquiries/$enquiryId" params={{ enquiryId: e.id }} {...props} />
              )}
            >
              {t('enquiries.page.title', { number: e.number })}
            </Anchor>
            <Text size="sm">
              {formatDay(i18n.language, e.receivedOn)} ·{' '}
              {e.enquirer.name ?? t(`enquiries.channels.${e.channel}`)}
            </Text>
            {e.urgency.overdue && <Badge color="red">{t('enquiries.overdue')}</Badge>}
            {e.state === 'closed' && <Badge color="gray">{t('enquiries.states.closed')}</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  )
}
