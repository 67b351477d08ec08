import { Alert, Center, Loader } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../forms'
import { ChangePasswordPage } from '../session/ChangePasswordPage'
import { EnrolSecondFactorPage } from '../session/EnrolSecondFactorPage'
import { SignInPage } from '../session/SignInPage'
import { useSession } from '../session/session'
import { Shell } from './Shell'

/** Nobody sees a page of the register before signing in, and enrolling a second factor when required. */
export function Root() {
  const { t, i18n } = useTranslation()
  const session = useSession()
  if (session.isPending)
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    )
  if (session.isError)
    return (
      <Alert color="red" m="xl">
        {errorMessage(t, session.error, i18n.language)}
      </Alert>
    )
  if (!session.data) return <SignInPage />
  if (session.data.mustEnrolSecondFactor) return <EnrolSecondFactorPage />
  if (session.data.mustChangePassword) return <ChangePasswordPage />
  return <Shell />
}
