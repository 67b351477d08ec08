import { Alert, Button, Modal, Stack, Textarea } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AmendPerson } from '../../custody/model'
import { api } from '../api'
import { useFormErrors } from '../forms'
import { type ParticularsValues, PersonFields, particularsBody } from '../registration/PersonFields'
import type { Person } from '../types'
import { useRefreshPerson } from './usePerson'

function valuesOf(p: Person): ParticularsValues {
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

/** A correction of particulars: only the changed fields are sent, with the reason the audit trail keeps. */
export function AmendForm({ person }: { person: Person }) {
  const { t } = useTranslation()
  const refresh = useRefreshPerson(person.id)
  const [open, setOpen] = useState(false)
  const [values, setValues] = useState(() => valuesOf(person))
  const [reason, setReason] = useState('')
  const [pending, setPending] = useState(false)
  const { errors, formError, check, fail, clear } = useFormErrors()

  function start() {
    setValues(valuesOf(person))
    setReason('')
    clear()
    setOpen(true)
  }

  async function submit(e: FormEvent) {
    e.preventDefault()
    const now = particularsBody(values)
    const was = particularsBody(valuesOf(person))
    const changes = Object.fromEntries(
      Object.entries(now).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k])),
    )
    const body = { changes, reason, expectedVersion: person.version }
    if (!check(AmendPerson, body)) return
    setPending(true)
    try {
      await api('PATCH', `/persons/${person.id}`, body)
      setOpen(false)
      await refresh()
    } catch (error) {
      fail(error)
    } finally {
      setPending(false)
    }
  }

  return (
    <>
      <Button variant="light" mt="sm" onClick={start}>
        {t('person.amend')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('person.amend')} size="xl">
        <form onSubmit={submit} noValidate>
          <Stack>
            {(formError || errors.changes) && (
              <Alert color="red" role="alert">
                {formError ?? errors.changes}
              </Alert>
            )}
            <PersonFields values={values} onChange={setValues} errors={errors} prefix="changes." />
            <Textarea
              label={t('fields.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              withAsterisk
            />
            <Button type="submit" loading={pending}>
              {t('form.save')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
