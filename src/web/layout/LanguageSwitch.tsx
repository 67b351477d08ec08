import { SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, setLanguage } from '../i18n'

export function LanguageSwitch() {
  const { i18n, t } = useTranslation()
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      value={i18n.language}
      onChange={setLanguage}
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
    />
  )
}
