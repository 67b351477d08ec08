import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { Link } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** What the register page accepts in its address: the filters a figure stands for. */
export type RegisterSearch = {
  status?: string
  category?: string
  facilityId?: string
  fact?: string
  held?: 'true'
  sex?: string
  health?: string
  confirmation?: string
  /** registered on or after / on or before (YYYY-MM-DD): the dashboard's dates */
  registeredFrom?: string
  registeredTo?: string
}

/** Colours dark enough for text-level contrast on white (WCAG AA), told apart by their labels too. */
export const CHART_COLOURS = [
  'blue.8',
  'teal.8',
  'orange.8',
  'grape.8',
  'red.8',
  'cyan.9',
  'lime.9',
  'gray.7',
]

/**
 * One figure as text, a link to the list it counts when there is one: the chart beside it shows the
 * same numbers, but the words are what a screen reader and a skimming reader take in.
 */
export function Figure(props: {
  label: string
  count: number
  to?: string
  search?: RegisterSearch | Record<string, string>
  strong?: boolean
  testId?: string
}) {
  const { i18n } = useTranslation()
  const n = props.count.toLocaleString(i18n.language)
  const body = (
    <>
      <Text span fw={props.strong ? 700 : 600} size={props.strong ? 'xl' : 'sm'}>
        {n}
      </Text>{' '}
      <Text span size="sm">
        {props.label}
      </Text>
    </>
  )
  if (!props.to) return <div data-testid={props.testId}>{body}</div>
  return (
    <div data-testid={props.testId}>
      <Anchor
        component={Link}
        to={props.to as never}
        search={props.search as never}
        underline="hover"
        c="inherit"
      >
        {body}
      </Anchor>
    </div>
  )
}

/** A titled block of the overview: its figures as text, and a chart of them where it helps. */
export function Section(props: {
  title: string
  children: ReactNode
  chart?: ReactNode
  testId?: string
  /** The section's Export menu (its figures, or the list behind it) */
  actions?: ReactNode
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid={props.testId}
      component="section"
      aria-label={props.title}
    >
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          {props.title}
        </Title>
        {props.actions}
      </Group>
      <Group align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={4} miw={220} style={{ flex: '1 1 220px' }}>
          {props.children}
        </Stack>
        {props.chart && <div style={{ flex: '2 1 320px', minWidth: 280 }}>{props.chart}</div>}
      </Group>
    </Paper>
  )
}
