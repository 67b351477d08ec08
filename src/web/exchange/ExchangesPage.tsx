import { Alert, Badge, Button, Group, Paper, Stack, Table, TextInput, Title } from '@mantine/core'
import { Link, useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CreateExchange } from '../../exchange/schema'
import { http, ok } from '../api'
import { useFormErrors, withoutBlanks } from '../forms'
import { useCan } from '../session/session'
import { useExchanges } from './useExchange'

/** The exchanges under negotiation or done, and a form to open one. */
export function ExchangesPage() {
  const { t } = useTranslation()
  const can = useCan()
  const exchanges = useExchanges()
  return (
    <Stack>
      <Title order={2}>{t('exchange.title')}</Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.name')}</Table.Th>
            <Table.Th>{t('exchange.counterpart')}</Table.Th>
            <Table.Th>{t('exchange.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(exchanges.data?.exchanges ?? []).map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Link to="/exchanges/$exchangeId" params={{ exchangeId: e.id }}>
                  {e.name}
                </Link>
              </Table.Td>
              <Table.Td>{e.counterpart}</Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`exchange.statuses.${e.status}`)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {can('exchanges.write') && <OpenExchange />}
    </Stack>
  )
}

function OpenExchange() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [values, setValues] = useState({ name: '', counterpart: '', mediator: '' })
  const { errors, formError, check, fail } = useFormErrors()
  async function submit(e: FormEvent) {
    e.preventDefault()
    const body = withoutBlanks(values)
    const input = check(CreateExchange, body)
    if (!input) return
    try {
      const created = await ok(http.POST('/exchanges', { body: input }))
      await navigate({ to: '/exchanges/$exchangeId', params: { exchangeId: created.id } })
    } catch (error) {
      fail(error)
    }
  }
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate maw={900}>
      <Title order={4} mb="xs">
        {t('exchange.open')}
      </Title>
      {formError && (
        <Alert color="red" role="alert" mb="xs">
          {formError}
        </Alert>
      )}
      <Group align="start">
        {(['name', 'counterpart', 'mediator'] as const).map((f) => (
          <TextInput
            key={f}
            label={t(f === 'name' ? 'fields.name' : `exchange.${f}`)}
            value={values[f]}
            onChange={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
            error={errors[f]}
            withAsterisk={f !== 'mediator'}
          />
        ))}
        <Button type="submit" mt={24}>
          {t('exchange.openButton')}
        </Button>
      </Group>
    </Paper>
  )
}
