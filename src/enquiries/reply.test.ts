import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { draftReply, type ReplyFacts } from './reply'

const base: ReplyFacts = {
  language: 'uk',
  enquiryNumber: 7,
  receivedOn: '2025-03-01',
  enquirerName: 'Марія Вигадана',
  sought: 'Вигаданий Олександр',
  consent: { use: true, shareIcrc: true },
  status: 'missing',
  captivity: 'confirmed',
  lastKnownOn: '2025-05-01',
  facility: 'СІЗО-2',
  roleMayShowFacility: true,
}

describe('replies to families', () => {
  it('names the place of detention only with consent to involve the ICRC and a role that may disclose it', () => {
    expect(draftReply(base).body).toContain('Останнє відоме місце утримання: СІЗО-2.')
    expect(draftReply({ ...base, consent: { use: true, shareIcrc: false } })).toMatchObject({
      withheld: ['facility: consent'],
    })
    expect(draftReply({ ...base, roleMayShowFacility: false }).withheld).toEqual(['facility: role'])
  })

  it('says nothing of the search without consent to use the data', () => {
    const r = draftReply({ ...base, language: 'en', consent: { use: false, shareIcrc: true } })
    expect(r.body).toContain('without your consent')
    expect(r.body).not.toContain('captive')
    expect(r.body).not.toContain('СІЗО-2')
    expect(r.withheld).toEqual(['search: no consent to use'])
  })

  it('never tells a death in a letter', () => {
    const r = draftReply({ ...base, language: 'ru', status: 'dead' })
    expect(r.body).toContain('должны сообщить Вам лично')
    expect(r.body).not.toContain('СІЗО-2')
  })

  it('whatever the facts, a facility appears only when consent and role both allow it (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('uk', 'en', 'ru'),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('missing', 'returned', 'dead', 'found'),
        fc.constantFrom('none', 'indicated', 'confirmed'),
        (language, use, shareIcrc, role, status, captivity) => {
          const r = draftReply({
            ...base,
            language: language as ReplyFacts['language'],
            consent: { use, shareIcrc },
            roleMayShowFacility: role,
            status: status as ReplyFacts['status'],
            captivity: captivity as ReplyFacts['captivity'],
          })
          if (r.body.includes('СІЗО-2')) expect(use && shareIcrc && role).toBe(true)
          expect(r.body).toContain('7')
        },
      ),
    )
  })
})
