import { Loader, Table, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useEnquiryTrail } from './useEnquiries'

/** Who took, searched, decided, drafted and sent what, and when: the enquiry's own audit entries. */
export function EnquiryTrail({ id }: { id: string }) {
  const { t, i18n } = useTranslation()
  const trail = useEnquiryTrail(id)
  return (
    <>
      <Title order={3}>{t('enquiries.trail.title')}</Title>
      {trail.isPending ? (
        <Loader size="sm" />
      ) : (
        <Table fz="sm" aria-label={t('enquiries.trail.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('enquiries.trail.at')}</Table.Th>
              <Table.Th>{t('enquiries.trail.who')}</Table.Th>
              <Table.Th>{t('enquiries.trail.what')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trail.data?.items.map((e) => (
              <Table.Tr key={e.seq}>
                <Table.Td>{new Date(e.at).toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>{e.actorName}</Table.Td>
                <Table.Td>{t(`enquiries.actions.${e.action}`, { defaultValue: e.action })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  )
}
