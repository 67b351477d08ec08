import { describe, expect, it } from 'vitest'
import { birthDateKeys, datesAgree, matchReturnee, type OpenRecord, type Returnee } from './returns'

const home = (over: Partial<Returnee> = {}): Returnee => ({
  ref: '1',
  stage: 1,
  surname: 'Shevchenko',
  firstNames: 'Oleksandr',
  patronymic: '',
  dateOfBirth: '1990-04-02',
  serviceNumber: '',
  sex: 'male',
  rank: '',
  capturedOn: '',
  missingPersonId: null,
  ...over,
})
const record = (id: string, over: Partial<OpenRecord> = {}): OpenRecord => ({
  id,
  register_number: Number(id.replace(/\D/g, '')) || 1,
  surname: 'Шевченко',
  first_names: 'Олександр',
  patronymic: 'Іванович',
  date_of_birth: '1990-04-02',
  service_number: null,
  ...over,
})

describe('which missing record one who came home is', () => {
  it('takes the record the sought list was built from, whatever the names', () => {
    expect(matchReturnee(home({ missingPersonId: 'm-9' }), [record('m1')], new Set())).toEqual({
      kind: 'linked',
      id: 'm-9',
    })
  })

  it('finds the record across alphabets and language forms with the date of birth', () => {
    const m = matchReturnee(home({ firstNames: 'Александр' }), [record('m1')], new Set())
    expect(m).toMatchObject({ kind: 'matched', id: 'm1', by: 'date_of_birth' })
  })

  it('never matches on a name alone, nor on a service number that disagrees', () => {
    expect(matchReturnee(home({ dateOfBirth: '' }), [record('m1')], new Set()).kind).toBe('none')
    const numbered = record('m1', { service_number: 'AB-123' })
    expect(matchReturnee(home({ serviceNumber: 'AB-999' }), [numbered], new Set()).kind).toBe('none')
    expect(
      matchReturnee(home({ serviceNumber: 'ab 123', dateOfBirth: '' }), [numbered], new Set()),
    ).toMatchObject({
      kind: 'matched',
      by: 'service_number',
    })
  })

  it('prefers the number to the date, skips a record already taken, and refuses another surname', () => {
    const byDate = record('m1')
    const byNumber = record('m2', { service_number: '77', date_of_birth: null })
    expect(matchReturnee(home({ serviceNumber: '77' }), [byDate, byNumber], new Set())).toMatchObject({
      id: 'm2',
    })
    expect(matchReturnee(home(), [byDate], new Set(['m1'])).kind).toBe('none')
    expect(matchReturnee(home(), [record('m3', { surname: 'Кравчук' })], new Set()).kind).toBe('none')
  })

  it('reads partial dates as agreeing with the full one they contain', () => {
    expect(datesAgree('1990', '1990-04-02')).toBe(true)
    expect(datesAgree('1990-05', '1990-04-02')).toBe(false)
    expect(datesAgree('', '1990')).toBe(false)
    expect(birthDateKeys([home(), home({ dateOfBirth: '1985' })])).toEqual({
      exact: ['1990', '1990-04', '1990-04-02', '1985'],
      years: ['1985'],
    })
  })
})
