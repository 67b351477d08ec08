import { type GetInputPropsReturnType, type FormErrors as MantineErrors, useForm } from '@mantine/form'
import type { TFunction } from 'i18next'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { output, ZodType } from 'zod'
import { ApiError, type FieldIssue } from './api'

/** Field errors keyed by the API's field path (`surname`, `persons.2.dateOfBirth`, `nextOfKin.name`). */
export type FieldErrors = Record<string, string>

/**
 * The server's and zod's messages (English, some zod's own defaults) in the reader's language. The
 * messages are few and fixed, so they are matched by their words; one not listed is shown as sent.
 */
const PROBLEMS: [RegExp, string][] = [
  [/^Invalid input: expected \w+, received undefined$|^Required$/, 'problems.required'],
  [/^must not be empty$|^Too small: expected string to have >=1 characters?$/, 'problems.empty'],
  [/^(?<value>.+) is not a date$/, 'problems.notADate'],
  [
    /^at most (?<max>\d+) characters$|^Too big: expected string to have <=(?<max2>\d+) characters$/,
    'problems.tooLong',
  ],
  [/^Too small: expected string to have >=(?<min>\d+) characters$/, 'problems.tooShort'],
  [/^Too big: expected number to be <=(?<max>\d+)$/, 'problems.tooBig'],
  [/^Too small: expected number to be >=(?<min>\d+)$/, 'problems.tooSmall'],
  [/^Invalid input: expected int/, 'problems.notAnInteger'],
  [/^Invalid option/, 'problems.option'],
  [/^enter the 6-digit code/, 'problems.sixDigits'],
  [/^enter the enrolment code/, 'problems.enrolmentCode'],
  [/^enter your (current )?password$/, 'problems.enterPassword'],
  [/^enter your username$/, 'problems.enterUsername'],
  [/^is not your (current )?password$/, 'problems.notYourPassword'],
  [/^Invalid/, 'problems.invalid'],
  // the server's words for zod's defaults (src/core/plain-messages.ts)
  [/^must be filled in$/, 'problems.required'],
  [/^must be at most (?<max>\d+) characters$/, 'problems.tooLong'],
  [/^must be at least (?<min>\d+) characters$/, 'problems.tooShort'],
  [/^must be at most (?<max>\d+)$/, 'problems.tooBig'],
  [/^must be at least (?<min>\d+)$/, 'problems.tooSmall'],
  [/^must be a whole number$/, 'problems.notAnInteger'],
  [/^must be one of: /, 'problems.option'],
  [/^must be |^has fields Parley does not know|^is not one of the accepted forms$/, 'problems.invalid'],
]

export function translateProblem(t: TFunction, message: string): string {
  for (const [pattern, key] of PROBLEMS) {
    const m = pattern.exec(message)
    if (!m) continue
    const g = m.groups ?? {}
    return t(key, { value: g.value, max: g.max ?? g.max2, min: g.min })
  }
  return message
}

/**
 * A field path as the form labels it: `dateOfBirth` -> "Date of birth", `persons.2.surname` ->
 * "Person 3 — Surname", `row 4.surname` -> "Row 4 — Surname". A field without a label keeps its name.
 */
export function fieldLabel(t: TFunction, path: string): string {
  const parts: string[] = []
  const segments = path.split('.').filter(Boolean)
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!
    const next = segments[i + 1]
    const row = /^row (\d+)$/.exec(seg)
    if (row) parts.push(t('problems.row', { n: row[1] }))
    else if (seg === 'persons' && next && /^\d+$/.test(next)) {
      parts.push(t('problems.person', { n: Number(next) + 1 }))
      i++
    } else if (/^\d+$/.test(seg)) parts.push(String(Number(seg) + 1))
    else if (i === segments.length - 1 || !segments.slice(i + 1).some((s) => !/^\d+$/.test(s)))
      parts.push(t(`fields.${seg}`, { defaultValue: seg }))
  }
  return parts.join(' — ')
}

export function errorsFrom(issues: FieldIssue[], t?: TFunction): FieldErrors {
  const out: FieldErrors = {}
  for (const i of issues) out[i.path] ??= t ? translateProblem(t, i.message) : i.message
  return out
}

const BY_CODE: Record<string, string> = {
  NOT_FOUND: 'errors.notFound',
  UNAUTHENTICATED: 'errors.unauthenticated',
  SECOND_FACTOR_REQUIRED: 'errors.secondFactorRequired',
  RATE_LIMITED: 'errors.rateLimited',
  INTERNAL: 'errors.internal',
}

/**
 * What a banner says about a failed request, in the reader's language: the fields by their labels
 * with each problem; a refusal by its kind. The server's own sentence (English) is kept where it
 * says more than the kind (a conflict, a refusal naming its reason) and the page is in English.
 */
export function errorMessage(t: TFunction, error: unknown, language = 'en'): string {
  if (error instanceof ApiError) {
    if (error.issues.length > 0)
      return error.issues
        .map((i) =>
          i.path
            ? t('problems.field', { field: fieldLabel(t, i.path), message: translateProblem(t, i.message) })
            : translateProblem(t, i.message),
        )
        .join('; ')
    if (language === 'en' && error.code !== 'INTERNAL' && error.code !== 'NOT_FOUND') return error.message
    if (error.code === 'FORBIDDEN') return t('errors.forbidden')
    if (error.code in BY_CODE) return t(BY_CODE[error.code]!)
    return language === 'en' ? error.message : t('errors.conflict', { message: error.message })
  }
  if (error instanceof TypeError) return t('errors.network')
  return error instanceof Error ? error.message : String(error)
}

/**
 * Form state shared by every form: the same zod schema as the server checks the values first, so a
 * registrar sees the message beside the field at once; the server's answer is placed the same way.
 */
export function useFormErrors() {
  const { t, i18n } = useTranslation()
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)

  /** @returns the parsed value, or undefined after showing the issues */
  function check<T>(schema: ZodType<T>, values: unknown): T | undefined {
    const parsed = schema.safeParse(values)
    if (parsed.success) {
      setErrors({})
      setFormError(null)
      return parsed.data
    }
    setErrors(
      errorsFrom(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        t,
      ),
    )
    setFormError(null)
    return undefined
  }

  function fail(error: unknown) {
    if (error instanceof ApiError) setErrors(errorsFrom(error.issues, t))
    setFormError(errorMessage(t, error, i18n.language))
  }

  function clear() {
    setErrors({})
    setFormError(null)
  }

  return { errors, formError, check, fail, clear }
}

/**
 * A form kept by `@mantine/form`, checked by the same zod schema the server checks: `body` turns
 * the inputs' values into the API's shape, and an issue's path (`surname`, `persons.2.dateOfBirth`)
 * is the error's key, so each message sits beside its input. `submit(send)` sends the body; after a
 * successful save the form is reset (empty again, nothing red); a refusal places the server's
 * issues the same way and says the rest in a banner, in the reader's language. `send` gets what the
 * schema made of the body (dates normalised, defaults filled in), typed by it, so the typed API
 * client checks the call against the route's own request schema.
 */
export function useSchemaForm<V extends Record<string, unknown>, S extends ZodType = ZodType>(options: {
  initialValues: V
  schema: S
  body: (values: V) => Record<string, unknown>
}) {
  const { t, i18n } = useTranslation()
  const [formError, setFormError] = useState<string | null>(null)
  // the body may depend on props that change (a person's version): always the latest
  const latest = useRef(options)
  latest.current = options
  const form = useForm<V>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: (values) => {
      const parsed = latest.current.schema.safeParse(latest.current.body(values))
      if (parsed.success) return {}
      return errorsFrom(
        parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        t,
      )
    },
  })

  function submit(send: (body: output<S>, values: V) => Promise<void>) {
    return form.onSubmit(
      async (values) => {
        setFormError(null)
        try {
          // validate() has just passed the same body through the same schema: this parse holds
          const { schema, body } = latest.current
          await send(schema.parse(body(values)) as output<S>, values)
          form.reset()
        } catch (error) {
          if (error instanceof ApiError) form.setErrors(errorsFrom(error.issues, t))
          setFormError(errorMessage(t, error, i18n.language))
        }
      },
      () => setFormError(null),
    )
  }

  /** The banner: the server's refusal, or a pointer to the fields marked red. */
  const banner = formError ?? (Object.keys(form.errors).length > 0 ? t('form.fixFields') : null)
  return { form, banner, submit, setFormError }
}

/** What an input needs of a form: its value and change handler, and the errors by the API's path. */
export type FormInputs = {
  getInputProps: (path: string) => GetInputPropsReturnType
  errors: MantineErrors
  clearFieldError: (path: string) => void
}

/**
 * An input's props from the form at `valuePath`, showing the error the schema or the server gave
 * under `errorKey` (the API's path, e.g. `changes.nextOfKin.name` for the input `nextOfKinName`).
 */
export function inputProps(form: FormInputs, valuePath: string, errorKey = valuePath) {
  const props = form.getInputProps(valuePath)
  return {
    ...props,
    error: form.errors[errorKey],
    onChange: (value: unknown) => {
      props.onChange(value)
      form.clearFieldError(errorKey)
    },
  }
}

/** Drops empty strings so optional fields left blank are sent as absent, not as ''. */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    if (v === '' || v === undefined || v === null) continue
    if (typeof v === 'object' && !Array.isArray(v)) {
      const inner = withoutBlanks(v as Record<string, unknown>)
      if (Object.keys(inner).length > 0) out[k] = inner
    } else out[k] = v
  }
  return out as Partial<T>
}
