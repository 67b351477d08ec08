import type { Command } from 'commander'
import { withParley } from '../cli/context'
import { count } from '../cli/plural'
import { DomainError } from '../core/errors'

const STATES = ['open', 'closed', 'all'] as const

/** `parley enquiries list|show ID`: the tracer's list by urgency, and one enquiry in full. */
export function registerEnquiryCommands(program: Command) {
  const enquiries = program.command('enquiries').description('Family enquiries about our missing people')
  enquiries
    .command('list')
    .description('Enquiries, most urgent first (overdue, then by age), tab-separated')
    .option('--state <state>', STATES.join(', '), 'open')
    .action(async (flags: { state: string }) => {
      if (!(STATES as readonly string[]).includes(flags.state))
        throw new DomainError('VALIDATION', `--state must be one of ${STATES.join(', ')}, not ${flags.state}`)
      await withParley(async ({ services }) => {
        const page = await services.enquiries.listEnquiries({ state: flags.state as (typeof STATES)[number] })
        console.log(
          [
            'number',
            'received',
            'age (days)',
            'overdue',
            'channel',
            'sought',
            'enquirer',
            'answered',
            'id',
          ].join('\t'),
        )
        for (const e of page.items)
          console.log(
            [
              e.number,
              e.receivedOn,
              e.urgency.ageDays,
              e.urgency.overdue ? e.urgency.reasons.join('+') : '',
              e.channel,
              [e.sought.surname, e.sought.firstNames].filter(Boolean).join(' '),
              e.enquirer.name,
              e.answeredOn ?? '',
              e.id,
            ].join('\t'),
          )
        const overdue = page.items.filter((e) => e.urgency.overdue).length
        console.error(
          `${count(page.items.length, 'enquiry', 'enquiries')}, ${overdue} overdue (unanswered after ${page.overdueAfterDays} days or a follow-up past due)`,
        )
      })
    })
  enquiries
    .command('show')
    .description('One enquiry: who asks, consent, candidates with evidence, replies, follow-ups')
    .argument('<id>', 'the enquiry id (as `enquiries list` prints it)')
    .action(async (id: string) => {
      if (!/^[0-9a-f-]{36}$/i.test(id))
        throw new DomainError(
          'VALIDATION',
          `${id} is not an enquiry id (see the last column of enquiries list)`,
        )
      await withParley(async ({ services }) => {
        const e = await services.enquiries.getEnquiry(id)
        const consent = Object.entries(e.consent)
          .filter(([k, v]) => k !== 'givenOn' && v)
          .map(([k]) => k)
        console.log(`Enquiry ${e.number} (${e.state}), received ${e.receivedOn} by ${e.channel}`)
        console.log(
          `From: ${e.enquirer.name}${e.enquirer.relation ? ` (${e.enquirer.relation})` : ''}, ${e.enquirer.contact ?? 'no contact'}, replies in ${e.enquirer.language}`,
        )
        console.log(
          `Consent: ${consent.join(', ') || 'none'}${e.consent.givenOn ? ` (given ${e.consent.givenOn})` : ''}`,
        )
        console.log(
          `Sought: ${[e.sought.surname, e.sought.firstNames, e.sought.patronymic].filter(Boolean).join(' ')} (${e.sought.dateOfBirth ?? 'born ?'}), ${e.sought.status}, captivity ${e.sought.captivity}`,
        )
        console.log(
          `Age ${e.urgency.ageDays} days${e.urgency.overdue ? `, OVERDUE (${e.urgency.reasons.join(', ')})` : ''}${e.stale ? '; candidates stale: search again' : ''}`,
        )
        console.log(`\nCandidates (${e.candidates.length}):`)
        for (const c of e.candidates) {
          console.log(
            `  [${c.decision}] ${c.source} ${c.label} (${c.born ?? '?'}) ${c.detail ?? ''}: p=${c.probability.toFixed(3)}`,
          )
          console.log(
            `    ${c.evidence.fields
              .filter((f) => f.level !== 'missing')
              .map((f) => `${f.field}: ${f.level} (${f.weight > 0 ? '+' : ''}${f.weight})`)
              .join('; ')}`,
          )
        }
        console.log(`\nReplies (${e.replies.length}):`)
        for (const r of e.replies)
          console.log(`  ${r.seq}. ${r.language}, ${r.sentOn ? `sent ${r.sentOn} by ${r.sentHow}` : 'draft'}`)
        console.log(`\nFollow-ups (${e.followUps.length}):`)
        for (const f of e.followUps)
          console.log(`  ${f.dueOn} ${f.doneOn ? `done ${f.doneOn}` : 'open'}: ${f.what}`)
      })
    })
}
