import { createDisclosureLog } from '../audit/disclosure'
import type { appendAudit } from '../audit/store'
import type { Actor } from '../auth/actor'
import { can } from '../auth/roles'
import type { Clock } from '../core/clock'
import { DomainError, ValidationError } from '../core/errors'
import { monthsOf } from '../dashboard/figures'
import * as dashboardStore from '../dashboard/store'
import type { Db } from '../db/connection'
import { renderPdf } from '../documents/pdf'
import {
  CUSTODY_EVENTS,
  type MonthlyReport,
  type MonthSpan,
  monthlyFigures,
  monthOf,
  REPORT_LANGUAGES,
  type ReportLanguage,
  reportDocument,
} from './monthly'

export type ReportService = ReturnType<typeof createReportService>
export type MonthlyAsk = { month?: string; lang?: string }

/**
 * The monthly report for the leadership: the month's figures beside the month before, and the
 * exchanges of the month, as one PDF. Whoever reads the dashboard may take it; each one taken is
 * written to the audit trail as an export of figures (`export.monthly_report`, as the dashboard's
 * own export is `export.dashboard`) before the file leaves.
 */
export function createReportService(deps: {
  db: Db
  clock: Clock
  audit: { appendAudit: typeof appendAudit }
}) {
  const { db, clock } = deps
  const disclosures = createDisclosureLog(deps)

  /**
   * @throws DomainError FORBIDDEN for a role that may not read the dashboard; ValidationError
   *   naming `month` (bad or to come) or `lang`
   */
  function check(actor: Actor, ask: MonthlyAsk): { span: MonthSpan; lang: ReportLanguage } {
    if (!can(actor.role, 'dashboard.read'))
      throw new DomainError(
        'FORBIDDEN',
        `The ${actor.role} role may not take the monthly report (it needs dashboard.read)`,
      )
    const lang = ask.lang ?? 'en'
    if (!(REPORT_LANGUAGES as readonly string[]).includes(lang))
      throw new ValidationError([{ path: 'lang', message: `language must be en or uk, not "${lang}"` }])
    return { span: monthOf(ask.month, clock().toISOString().slice(0, 10)), lang: lang as ReportLanguage }
  }

  /** The month's figures, every aggregate read in one snapshot so they agree with each other. */
  async function figures(span: MonthSpan): Promise<MonthlyReport> {
    const computedAt = clock().toISOString()
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (tx) => {
        const registered = await dashboardStore.registeredByMonth(tx, span.previousFrom, span.to)
        const custodyEvents = await dashboardStore.custodyEventsByMonth(
          tx,
          span.previousFrom,
          span.to,
          CUSTODY_EVENTS,
        )
        const ours = monthsOf(await dashboardStore.missingByMonth(tx, { from: span.previousFrom })).filter(
          (m) => m.month < span.to.slice(0, 7),
        )
        const exchanges = await dashboardStore.exchangesCrossedBetween(tx, span.previousFrom, span.to)
        return monthlyFigures(span, computedAt, { registered, custodyEvents, ours, exchanges })
      })
  }

  return {
    check,
    figures,
    /**
     * The report as a PDF, audited before it is returned (`how`: download from the API, file from
     * the command line).
     */
    async monthly(actor: Actor, ask: MonthlyAsk, how: 'download' | 'file' = 'download') {
      const { span, lang } = check(actor, ask)
      const report = await figures(span)
      const pdf = await renderPdf(reportDocument(report, lang))
      await disclosures.record(actor, {
        what: 'export.monthly_report',
        query: { format: 'pdf', lang, how, month: span.month },
        // aggregates only: the figures and the exchanges listed, no person named
        count: report.custody.length + report.ours.length + report.exchanges.totals.length,
      })
      return { report, pdf, fileName: `monthly-report-${span.month}-${lang}.pdf` }
    },
  }
}
