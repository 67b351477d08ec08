import { Grid, Select, TextInput } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { type FormInputs, inputProps } from '../forms'
import { CATEGORIES, useOptions } from '../labels'

/** The particulars as a form holds them: flat strings, one per input. */
export type ParticularsValues = {
  category: string
  surname: string
  firstNames: string
  patronymic: string
  sex: string
  rank: string
  serviceNumber: string
  dateOfBirth: string
  placeOfBirth: string
  powerDependedOn: string
  nationality: string
  fatherFirstName: string
  motherMaidenName: string
  nextOfKinName: string
  nextOfKinAddress: string
  lastResidence: string
  distinguishingMarks: string
  unit: string
}

export const EMPTY_PARTICULARS: ParticularsValues = {
  category: 'prisoner_of_war',
  surname: '',
  firstNames: '',
  patronymic: '',
  sex: '',
  rank: '',
  serviceNumber: '',
  dateOfBirth: '',
  placeOfBirth: '',
  powerDependedOn: '',
  nationality: '',
  fatherFirstName: '',
  motherMaidenName: '',
  nextOfKinName: '',
  nextOfKinAddress: '',
  lastResidence: '',
  distinguishingMarks: '',
  unit: '',
}

/** The API's shape of particulars from the form's flat values (blank fields left out). */
export function particularsBody(v: ParticularsValues) {
  const { nextOfKinName, nextOfKinAddress, ...rest } = v
  const body: Record<string, unknown> = {}
  for (const [k, value] of Object.entries(rest)) if (value.trim() !== '') body[k] = value
  // The surname is always sent, so a blank one is named as empty rather than as missing.
  body.surname = rest.surname
  if (nextOfKinName.trim() || nextOfKinAddress.trim())
    body.nextOfKin = {
      ...(nextOfKinName.trim() ? { name: nextOfKinName } : {}),
      ...(nextOfKinAddress.trim() ? { address: nextOfKinAddress } : {}),
    }
  return body
}

// Art. 17 particulars first, as on the capture card; the optional Art. 122 / GC IV Art. 138 ones after.
const TEXT_FIELDS: { key: keyof ParticularsValues; path: string; span: number }[] = [
  { key: 'surname', path: 'surname', span: 4 },
  { key: 'firstNames', path: 'firstNames', span: 4 },
  { key: 'patronymic', path: 'patronymic', span: 4 },
  { key: 'rank', path: 'rank', span: 4 },
  { key: 'serviceNumber', path: 'serviceNumber', span: 4 },
  { key: 'dateOfBirth', path: 'dateOfBirth', span: 4 },
  { key: 'placeOfBirth', path: 'placeOfBirth', span: 4 },
  { key: 'nationality', path: 'nationality', span: 4 },
  { key: 'powerDependedOn', path: 'powerDependedOn', span: 4 },
  { key: 'unit', path: 'unit', span: 4 },
  { key: 'fatherFirstName', path: 'fatherFirstName', span: 4 },
  { key: 'motherMaidenName', path: 'motherMaidenName', span: 4 },
  { key: 'nextOfKinName', path: 'nextOfKin.name', span: 4 },
  { key: 'nextOfKinAddress', path: 'nextOfKin.address', span: 8 },
  { key: 'lastResidence', path: 'lastResidence', span: 6 },
  { key: 'distinguishingMarks', path: 'distinguishingMarks', span: 6 },
]

/**
 * Inputs for a person's particulars, held by `form` under `valuePrefix` (`persons.3.` in a group
 * capture). `errorPrefix` is where the API names this person's fields (`changes.` in a correction).
 */
export function PersonFields(props: {
  form: FormInputs
  valuePrefix?: string
  errorPrefix?: string
  compact?: boolean
}) {
  const { t } = useTranslation()
  const options = useOptions()
  const at = props.valuePrefix ?? ''
  const errorAt = props.errorPrefix ?? at
  const input = (key: keyof ParticularsValues, path: string = key) =>
    inputProps(props.form, `${at}${key}`, `${errorAt}${path}`)
  const fields = props.compact ? TEXT_FIELDS.slice(0, 6) : TEXT_FIELDS
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select
          label={t('fields.category')}
          data={options('category', CATEGORIES)}
          {...input('category')}
          allowDeselect={false}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Select
          label={t('fields.sex')}
          data={options('sex', ['male', 'female'])}
          {...input('sex')}
          onChange={(v) => input('sex').onChange(v ?? '')}
          clearable
        />
      </Grid.Col>
      {fields.map((f) => (
        <Grid.Col key={f.key} span={{ base: 12, md: f.span }}>
          <TextInput
            label={t(`fields.${f.key}`)}
            name={`${errorAt}${f.path}`}
            {...input(f.key, f.path)}
            description={f.key === 'dateOfBirth' ? t('fields.dateOfBirthHint') : undefined}
            withAsterisk={f.key === 'surname'}
          />
        </Grid.Col>
      ))}
    </Grid>
  )
}
