import { Loader, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { AuditTable } from '../audit/AuditTable'
import { errorMessage } from '../forms'
import { usePersonAudit } from './usePerson'

/** Who read or changed this record, and what changed: the same entries the hash chain protects. */
export function AuditTrail({ personId, sex }: { personId: string; sex?: string | null }) {
  const { t, i18n } = useTranslation()
  const audit = usePersonAudit(personId)
  if (audit.isPending) return <Loader size="sm" />
  if (audit.isError) return <Text c="red">{errorMessage(t, audit.error, i18n.language)}</Text>
  return <AuditTable entries={audit.data.items} names={audit.data.names} sex={sex} testId="person-audit" />
}
