import { Alert, Anchor } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../api'
import './strings'

/** The element id of the duplicates panel, the banner's link target. */
export const DUPLICATES_ANCHOR = 'received-duplicates'

type Blocked = { code: string; params: { groups: number; pairs: number } }

/** The planner's refusal while duplicates await a decision, if that is what `err` is. */
export function blockedByDuplicates(err: unknown): Blocked | null {
  const reason = err instanceof ApiError ? (err.details.reason as Blocked | undefined) : undefined
  return reason?.code === 'plan.duplicatesUndecided' ? reason : null
}

/**
 * A banner in the operator's language saying how many groups of the received list await a decision,
 * with a link to them; any other error shows the server's words.
 */
export function PlanError({ error }: { error: unknown }) {
  const { t } = useTranslation()
  if (!error) return null
  const blocked = blockedByDuplicates(error)
  if (!blocked)
    return (
      <Alert color="red" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </Alert>
    )
  const scrollToDecisions = (e: React.MouseEvent) => {
    e.preventDefault()
    document.getElementById(DUPLICATES_ANCHOR)?.scrollIntoView({ block: 'start' })
  }
  return (
    <Alert color="orange" role="alert" data-testid="plan-blocked">
      {t('exchangeLists.planBlocked', { count: blocked.params.groups, pairs: blocked.params.pairs })}{' '}
      <Anchor href={`#${DUPLICATES_ANCHOR}`} onClick={scrollToDecisions}>
        {t('exchangeLists.toDecisions')}
      </Anchor>
    </Alert>
  )
}
