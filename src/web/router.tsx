import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router'
import { AdminPage } from './admin/AdminPage'
import { AuditPage } from './audit/AuditPage'
import { DashboardPage } from './dashboard/DashboardPage'
import { registerSearch } from './dashboard/register-search'
import { dashboardSearch } from './dashboard/useDashboard'
import { EnquiriesPage } from './enquiries/EnquiriesPage'
import { EnquiryPage } from './enquiries/EnquiryPage'
import { TakeEnquiryPage } from './enquiries/TakeEnquiryPage'
import { ExchangePage } from './exchange/ExchangePage'
import { ExchangesPage } from './exchange/ExchangesPage'
import { FacilitiesPage } from './facilities/FacilitiesPage'
import { JobsPage } from './jobs/JobsPage'
import { Root } from './layout/Root'
import { ImportWizard } from './lists/ImportWizard'
import { ListPage } from './lists/ListPage'
import { ListsPage } from './lists/ListsPage'
import { MissingPersonPage } from './missing/MissingPersonPage'
import { MissingRegisterPage } from './missing/MissingRegisterPage'
import { ReportMissingPage } from './missing/ReportMissingPage'
import { ReturnReviewsPage } from './missing/ReturnReviewsPage'
import { missingSearch } from './missing/search'
import { NoticesPage } from './notices/NoticesPage'
import { PersonPage } from './person/PersonPage'
import { ReconciliationPage } from './reconciliation/ReconciliationPage'
import { ReconciliationsPage } from './reconciliation/ReconciliationsPage'
import { RegisterPage } from './register/RegisterPage'
import { CapturePage } from './registration/CapturePage'
import { RegisterPersonPage } from './registration/RegisterPersonPage'
import { ReportedPage } from './reported/ReportedPage'
import { PasskeysPage } from './session/PasskeysPage'

const root = createRootRoute({ component: Root })

const routeTree = root.addChildren([
  // the overview is the first page after sign-in (issue 18); the register keeps its own address
  createRoute({
    getParentRoute: () => root,
    path: '/',
    component: DashboardPage,
    validateSearch: dashboardSearch,
  }),
  createRoute({
    getParentRoute: () => root,
    path: '/register',
    component: RegisterPage,
    validateSearch: registerSearch,
  }),
  createRoute({ getParentRoute: () => root, path: '/reported', component: ReportedPage }),
  createRoute({ getParentRoute: () => root, path: '/persons/new', component: RegisterPersonPage }),
  createRoute({ getParentRoute: () => root, path: '/persons/$personId', component: PersonPage }),
  createRoute({ getParentRoute: () => root, path: '/captures/new', component: CapturePage }),
  createRoute({ getParentRoute: () => root, path: '/facilities', component: FacilitiesPage }),
  createRoute({ getParentRoute: () => root, path: '/exchanges', component: ExchangesPage }),
  createRoute({ getParentRoute: () => root, path: '/exchanges/$exchangeId', component: ExchangePage }),
  createRoute({
    getParentRoute: () => root,
    path: '/missing',
    component: MissingRegisterPage,
    validateSearch: missingSearch,
  }),
  createRoute({ getParentRoute: () => root, path: '/missing/reviews', component: ReturnReviewsPage }),
  createRoute({ getParentRoute: () => root, path: '/missing/new', component: ReportMissingPage }),
  createRoute({ getParentRoute: () => root, path: '/missing/$missingId', component: MissingPersonPage }),
  createRoute({ getParentRoute: () => root, path: '/enquiries', component: EnquiriesPage }),
  createRoute({
    getParentRoute: () => root,
    path: '/enquiries/new',
    component: TakeEnquiryPage,
    // an enquiry taken from a missing person's page names that record
    validateSearch: (s: Record<string, unknown>): { missingId?: string } =>
      typeof s.missingId === 'string' ? { missingId: s.missingId } : {},
  }),
  createRoute({ getParentRoute: () => root, path: '/enquiries/$enquiryId', component: EnquiryPage }),
  createRoute({ getParentRoute: () => root, path: '/notices', component: NoticesPage }),
  createRoute({ getParentRoute: () => root, path: '/lists', component: ListsPage }),
  createRoute({ getParentRoute: () => root, path: '/lists/import', component: ImportWizard }),
  createRoute({ getParentRoute: () => root, path: '/lists/$listId', component: ListPage }),
  createRoute({ getParentRoute: () => root, path: '/reconciliations', component: ReconciliationsPage }),
  createRoute({ getParentRoute: () => root, path: '/jobs', component: JobsPage }),
  createRoute({ getParentRoute: () => root, path: '/reconciliations/$runId', component: ReconciliationPage }),
  createRoute({ getParentRoute: () => root, path: '/audit', component: AuditPage }),
  createRoute({ getParentRoute: () => root, path: '/admin', component: AdminPage }),
  createRoute({ getParentRoute: () => root, path: '/account/passkeys', component: PasskeysPage }),
])

export const router = createRouter({ routeTree })

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router
  }
}
