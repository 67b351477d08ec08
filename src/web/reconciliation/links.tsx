import { Anchor } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'

/** Our record: the missing person's page, or the custody register's person page. */
export function RecordLink({ against, id, children }: { against: string; id: string; children: ReactNode }) {
  return (
    <Anchor
      renderRoot={(props) =>
        against === 'custody' ? (
          <Link to="/persons/$personId" params={{ personId: id }} {...props} />
        ) : (
          <Link to="/missing/$missingId" params={{ missingId: id }} {...props} />
        )
      }
    >
      {children}
    </Anchor>
  )
}

/** A received list's page. */
export function ListLink({ listId, children }: { listId: string; children: ReactNode }) {
  return (
    <Anchor renderRoot={(props) => <Link to="/lists/$listId" params={{ listId }} {...props} />}>
      {children}
    </Anchor>
  )
}

/** A reconciliation's page. */
export function RunLink({ runId, children }: { runId: string; children: ReactNode }) {
  return (
    <Anchor renderRoot={(props) => <Link to="/reconciliations/$runId" params={{ runId }} {...props} />}>
      {children}
    </Anchor>
  )
}
