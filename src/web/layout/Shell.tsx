import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core'
import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { useTranslation } from 'react-i18next'
import { type Permission, useCan, useSession, useSignOut } from '../session/session'
import { LanguageSwitch } from './LanguageSwitch'
import { PersonSearch } from './PersonSearch'

const NAV: { to: string; label: string; permission: Permission; unless?: Permission }[] = [
  { to: '/', label: 'dashboard.nav', permission: 'dashboard.read' },
  { to: '/register', label: 'nav.register', permission: 'persons.read' },
  { to: '/persons/new', label: 'nav.registerPerson', permission: 'persons.write' },
  { to: '/captures/new', label: 'nav.capture', permission: 'captures.write' },
  { to: '/facilities', label: 'nav.facilities', permission: 'facilities.read' },
  { to: '/missing', label: 'missing.nav', permission: 'missing.read' },
  { to: '/missing/new', label: 'missing.navReport', permission: 'missing.write' },
  { to: '/enquiries', label: 'enquiries.nav', permission: 'enquiries.read' },
  { to: '/lists', label: 'lists.nav', permission: 'lists.read' },
  { to: '/reconciliations', label: 'reconciliation.nav', permission: 'lists.read' },
  { to: '/jobs', label: 'jobs.nav', permission: 'lists.read' },
  // the liaison reads the jobs they started (a large batch of notices), not every job
  { to: '/jobs', label: 'jobs.nav', permission: 'notices.write', unless: 'lists.read' },
  { to: '/exchanges', label: 'nav.exchanges', permission: 'exchanges.read' },
  { to: '/notices', label: 'notices.nav', permission: 'notices.read' },
  { to: '/reported', label: 'dashboard.reported.nav', permission: 'dashboard.read' },
  { to: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/admin', label: 'nav.admin', permission: 'users.manage' },
] as const

/** The frame around every page: header with who is signed in, and the pages this role may use. */
export function Shell() {
  const { t } = useTranslation()
  const { data: user } = useSession()
  const can = useCan()
  const signOut = useSignOut()
  const path = useRouterState({ select: (s) => s.location.pathname })
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={3}>{t('app.name')}</Title>
            {/* at 1024 px the search, languages, name and buttons need the width */}
            <Text c="dimmed" size="sm" visibleFrom="xl">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {can('persons.read') && <PersonSearch />}
            <LanguageSwitch />
            <Text size="sm" data-testid="signed-in-user" truncate="end" maw={200}>
              {user?.name} ({user ? t(`roles.${user.role}`, { defaultValue: user.role }) : ''})
            </Text>
            <Button component={Link} to="/account/passkeys" variant="subtle" size="xs">
              {t('passkey.account')}
            </Button>
            <Button variant="subtle" size="xs" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {NAV.filter((n) => can(n.permission) && !(n.unless && can(n.unless))).map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={t(n.label)} active={path === n.to} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}
