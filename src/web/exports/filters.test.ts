import { describe, expect, it } from 'vitest'
import { FILTERS } from '../../exports/model'
import {
  dashboardExportFilters,
  enquiryExportFilters,
  fundExportFilters,
  missingExportFilters,
  registerExportFilters,
} from './filters'

// Every page's filters must be names its export knows: the export refuses an unknown one by name.
describe("each page's filters map to its export's filter names", () => {
  it('the register: every filter the page holds, the dashboard dates included', () => {
    const f = registerExportFilters({
      q: 'Іван',
      status: 'interned',
      category: 'prisoner_of_war',
      facilityId: '0190a8f0-0000-7000-8000-000000000001',
      fact: 'consent_given',
      confirmation: 'confirmed',
      held: 'true',
      sex: 'female',
      health: 'seriously_wounded_or_sick',
      registeredFrom: '2026-11-01',
      registeredTo: '2026-11-30',
    })
    expect(FILTERS.register.safeParse(f).success).toBe(true)
    expect(Object.keys(f)).toHaveLength(11)
  })

  it('the register leaves out what is not set', () => {
    expect(registerExportFilters({ q: '', status: null, held: undefined, sex: 'male' })).toEqual({
      sex: 'male',
    })
  })

  it('the missing register: status, captivity, unit, region, last seen from/to and source', () => {
    const f = missingExportFilters({
      q: 'Коваль',
      status: 'missing',
      captivity: 'confirmed',
      unit: '93',
      region: 'Донецька',
      from: '2026-01-01',
      to: '2026-06-30',
      source: 'hotline',
    })
    expect(FILTERS.missing.safeParse(f).success).toBe(true)
    expect(Object.keys(f)).toHaveLength(8)
  })

  it('the enquiries list: the state', () => {
    for (const s of ['open', 'closed', 'all'] as const)
      expect(FILTERS.enquiries.safeParse(enquiryExportFilters(s)).success).toBe(true)
  })

  it('a dashboard section: the section and the dates; the fund: none', () => {
    const f = dashboardExportFilters('held', { from: '2026-10-01', to: '2026-11-30' })
    expect(f).toEqual({ section: 'held', from: '2026-10-01', to: '2026-11-30' })
    expect(FILTERS.dashboard.safeParse(f).success).toBe(true)
    expect(FILTERS.dashboard.safeParse(dashboardExportFilters(undefined, {})).success).toBe(true)
    expect(FILTERS.fund.safeParse(fundExportFilters()).success).toBe(true)
  })

  it('the dashboard export refuses dates that end before they start, naming from', () => {
    const r = FILTERS.dashboard.safeParse(
      dashboardExportFilters('ours', { from: '2026-12-01', to: '2026-11-01' }),
    )
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.path).toEqual(['from'])
  })
})
