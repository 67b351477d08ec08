import { UnstyledButton } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { COLUMNS } from './columns'
import type { RegisterSort } from './usePersons'

const HEADINGS: { key: string; sort?: RegisterSort['sort'] }[] = [
  { key: 'number', sort: 'registerNumber' },
  { key: 'name', sort: 'surname' },
  { key: 'dateOfBirth', sort: 'dateOfBirth' },
  { key: 'rank' },
  { key: 'serviceNumber' },
  { key: 'status', sort: 'status' },
  { key: 'facility' },
  { key: 'art17' },
]

const CUT = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const

/** Column headings; a sortable heading toggles between ascending and descending order. */
export function RegisterHeader(props: { order: RegisterSort; onOrder: (o: RegisterSort) => void }) {
  const { t } = useTranslation()
  const { order } = props
  return (
    <div
      role="row"
      style={{
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        gap: 8,
        padding: '6px 8px',
        fontWeight: 600,
        fontSize: 13,
        background: 'var(--mantine-color-gray-0)',
        borderBottom: '1px solid var(--mantine-color-gray-3)',
      }}
    >
      {HEADINGS.map((h) => {
        const label = t(`register.columns.${h.key}`)
        if (!h.sort)
          return (
            <span role="columnheader" key={h.key} title={label} style={CUT}>
              {label}
            </span>
          )
        const active = order.sort === h.sort
        const sort = h.sort
        return (
          <UnstyledButton
            role="columnheader"
            key={h.key}
            fw={600}
            fz={13}
            title={label}
            style={CUT}
            aria-sort={active ? (order.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            onClick={() =>
              props.onOrder({ sort, direction: active && order.direction === 'asc' ? 'desc' : 'asc' })
            }
          >
            {label} {active ? (order.direction === 'asc' ? '▲' : '▼') : ''}
          </UnstyledButton>
        )
      })}
    </div>
  )
}
