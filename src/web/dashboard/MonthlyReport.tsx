import { Button, Group, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'

const thisMonth = () => new Date().toISOString().slice(0, 7)

/**
 * The leadership's monthly report: a month (this one by default, none to come) and a plain link,
 * so the browser downloads the PDF the server names; the server audits each one taken.
 */
export function MonthlyReportButton() {
  const { t, i18n } = useTranslation()
  const [month, setMonth] = useState(thisMonth)
  const lang = i18n.language === 'uk' ? 'uk' : 'en'
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month <= thisMonth()
  return (
    <Group gap="xs" align="flex-end" title={t('dashboard.monthlyReport.hint')}>
      <TextInput
        type="month"
        size="xs"
        w={150}
        label={t('dashboard.monthlyReport.month')}
        value={month}
        max={thisMonth()}
        onChange={(e) => setMonth(e.currentTarget.value)}
      />
      <Button
        size="xs"
        variant="default"
        component="a"
        href={`/api/v1/reports/monthly?${new URLSearchParams({ month, lang })}`}
        download
        // a link cannot be disabled: it is marked so and does nothing while the month is not one to report
        data-disabled={!valid || undefined}
        onClick={(e: React.MouseEvent) => {
          if (!valid) e.preventDefault()
        }}
      >
        {t('dashboard.monthlyReport.button')}
      </Button>
    </Group>
  )
}
