import { Alert, Button, Modal, Stack, Textarea } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AmendPerson } from '../../custody/model'
import { http, ok, type Schema } from '../api'
import { inputProps, useSchemaForm } from '../forms'
import { type ParticularsValues, PersonFields, particularsBody } from '../registration/PersonFields'
import { useRefreshPerson } from './usePerson'

function valuesOf(p: Schema<'Person'>): ParticularsValues {
  return {
    category: p.category,
    surname: p.surname ?? '',
    firstNames: p.firstNames ?? '',
    patronymic: p.patronymic ?? '',
    sex: p.sex ?? '',
    rank: p.rank ?? '',
    serviceNumber: p.serviceNumber ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    placeOfBirth: p.placeOfBirth ?? '',
    powerDependedOn: p.powerDependedOn ?? '',
    nationality: p.nationality ?? '',
    fatherFirstName: p.fatherFirstName ?? '',
    motherMaidenName: p.motherMaidenName ?? '',
    nextOfKinName: p.nextOfKin?.name ?? '',
    nextOfKinAddress: p.nextOfKin?.address ?? '',
    lastResidence: p.lastResidence ?? '',
    distinguishingMarks: p.distinguishingMarks ?? '',
    unit: p.unit ?? '',
  }
}

type AmendValues = ParticularsValues & { reason: string }

/** A correction of particulars: only the changed fields are sent, with the reason the audit trail keeps. */
export function AmendForm({ person }: { person: Schema<'Person'> }) {
  const { t } = useTranslation()
  const refresh = useRefreshPerson(person.id)
  const [open, setOpen] = useState(false)
  const { form, banner, submit } = useSchemaForm<AmendValues, typeof AmendPerson>({
    initialValues: { ...valuesOf(person), reason: '' },
    schema: AmendPerson,
    body: ({ reason, ...values }) => {
      const now = particularsBody(values)
      const was = particularsBody(valuesOf(person))
      const changes = Object.fromEntries(
        Object.entries(now).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k])),
      )
      return { changes, reason, expectedVersion: person.version }
    },
  })

  function start() {
    const values = { ...valuesOf(person), reason: '' }
    form.setInitialValues(values)
    form.setValues(values)
    form.clearErrors()
    setOpen(true)
  }

  const onSubmit = submit(async (body) => {
    await ok(http.PATCH('/persons/{id}', { params: { path: { id: person.id } }, body }))
    setOpen(false)
    await refresh()
  })

  return (
    <>
      <Button variant="light" mt="sm" onClick={start}>
        {t('person.amend')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('person.amend')} size="xl">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            {(banner || form.errors.changes) && (
              <Alert color="red" role="alert">
                {form.errors.changes ?? banner}
              </Alert>
            )}
            <PersonFields form={form} errorPrefix="changes." />
            <Textarea label={t('fields.reason')} {...inputProps(form, 'reason')} withAsterisk />
            <Button type="submit" loading={form.submitting}>
              {t('form.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
