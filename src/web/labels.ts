import { useTranslation } from 'react-i18next'

/** Select options whose labels come from the current language. */
export function useOptions() {
  const { t } = useTranslation()
  return (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`${group}.${value}`) }))
}

export const CATEGORIES = [
  'prisoner_of_war',
  'civilian_internee',
  'retained_personnel',
  'status_undetermined',
] as const
export const STATUSES = [
  'captured',
  'interned',
  'hospitalised',
  'escaped',
  'released',
  'repatriated',
  'exchanged',
  'died',
] as const
export const HEALTH = [
  'good',
  'not_wounded',
  'recovered',
  'convalescent',
  'sick',
  'seriously_sick',
  'slightly_wounded',
  'seriously_wounded',
] as const
export const FACILITY_KINDS = ['camp', 'transit_camp', 'hospital', 'detention_centre'] as const
