import { BarChart } from '@mantine/charts'
import '@mantine/charts/styles.css'
import { CHART_COLOURS } from './Figure'

/**
 * A bar chart of labelled counts. It is drawn for the eye only (aria-hidden): every number in it is
 * written beside it as text, with its link.
 */
export function Bars(props: {
  rows: { label: string; n: number }[]
  name: string
  horizontal?: boolean
  colour?: string
  height?: number
}) {
  if (props.rows.length === 0) return null
  return (
    <div aria-hidden="true">
      <BarChart
        h={props.height ?? (props.horizontal ? props.rows.length * 30 + 50 : 200)}
        data={props.rows}
        dataKey="label"
        orientation={props.horizontal ? 'vertical' : 'horizontal'}
        series={[{ name: 'n', label: props.name, color: props.colour ?? CHART_COLOURS[0]! }]}
        withTooltip={false}
        gridAxis="none"
        yAxisProps={props.horizontal ? { width: 150 } : undefined}
        withBarValueLabel
      />
    </div>
  )
}

/** Several series over time (weeks, months, exchanges), stacked or side by side. */
export function SeriesBars(props: {
  rows: Record<string, string | number>[]
  dataKey: string
  series: { name: string; label: string }[]
  stacked?: boolean
}) {
  if (props.rows.length === 0) return null
  return (
    <div aria-hidden="true">
      <BarChart
        h={220}
        data={props.rows}
        dataKey={props.dataKey}
        type={props.stacked ? 'stacked' : 'default'}
        series={props.series.map((s, i) => ({ ...s, color: CHART_COLOURS[i % CHART_COLOURS.length]! }))}
        withLegend
        withTooltip={false}
      />
    </div>
  )
}
