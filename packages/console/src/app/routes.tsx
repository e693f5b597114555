import type { Role } from '@docket/domain';
import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import { AREA_ROLES } from './roles';
import { Shell } from './Shell';

// Every screen is its own chunk: the first load carries the shell and the sign-in only.
const SignIn = lazy(() => import('../screens/signin/SignIn'));
const SignInCallback = lazy(() => import('../screens/signin/SignInCallback'));
const Home = lazy(() => import('../screens/home/Home'));
const Window = lazy(() => import('../screens/window/Window'));
const CaseSearch = lazy(() => import('../screens/window/CaseSearch'));
const Inbox = lazy(() => import('../screens/inbox/Inbox'));
const CaseFile = lazy(() => import('../screens/case-file/CaseFile'));
const PublicStatus = lazy(() => import('../screens/applicant/PublicStatus'));
const RateService = lazy(() => import('../screens/applicant/RateService'));
const Complaint = lazy(() => import('../screens/applicant/Complaint'));
const Wall = lazy(() => import('../screens/wall/Wall'));
const WallScreen = lazy(() => import('../screens/wall/WallScreen'));
const Supervision = lazy(() => import('../screens/supervision/Supervision'));
const Audit = lazy(() => import('../screens/audit/Audit'));
const Admin = lazy(() => import('../screens/admin/Admin'));

function Loading() {
  const { t } = useTranslation();
  return <Spin tip={t('loading')} style={{ display: 'block', margin: '20vh auto' }} />;
}

/**
 * Signed in, and holding one of the roles (otherwise home, which offers what the user may do). `bare`:
 * without the shell (the wall's full-screen mode fills the display).
 */
function Signed({ roles, bare, children }: { roles?: readonly Role[]; bare?: boolean; children: ReactNode }) {
  const { session, can } = useSession();
  const location = useLocation();
  if (session === undefined) return <Navigate to="/signin" replace state={{ from: location.pathname }} />;
  if (roles !== undefined && !can(...roles)) return <Navigate to="/" replace />;
  return bare ? children : <Shell>{children}</Shell>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route path="/signin/callback" element={<SignInCallback />} />
        <Route path="/status" element={<PublicStatus />} />
        <Route path="/status/rating" element={<RateService />} />
        <Route path="/status/complaint" element={<Complaint />} />
        <Route
          path="/"
          element={
            <Signed>
              <Home />
            </Signed>
          }
        />
        <Route
          path="/window/*"
          element={
            <Signed roles={AREA_ROLES.window}>
              <Window />
            </Signed>
          }
        />
        <Route
          path="/cases"
          element={
            <Signed roles={AREA_ROLES.cases}>
              <CaseSearch />
            </Signed>
          }
        />
        <Route
          path="/cases/:caseNo"
          element={
            <Signed roles={AREA_ROLES.cases}>
              <CaseFile />
            </Signed>
          }
        />
        <Route
          path="/inbox"
          element={
            <Signed roles={AREA_ROLES.inbox}>
              <Inbox />
            </Signed>
          }
        />
        <Route
          path="/wall/screen"
          element={
            <Signed roles={AREA_ROLES.wall} bare>
              <WallScreen />
            </Signed>
          }
        />
        <Route
          path="/wall/*"
          element={
            <Signed roles={AREA_ROLES.wall}>
              <Wall />
            </Signed>
          }
        />
        <Route
          path="/supervision/*"
          element={
            <Signed roles={AREA_ROLES.supervision}>
              <Supervision />
            </Signed>
          }
        />
        <Route
          path="/audit/*"
          element={
            <Signed roles={AREA_ROLES.audit}>
              <Audit />
            </Signed>
          }
        />
        <Route
          path="/admin/*"
          element={
            <Signed roles={AREA_ROLES.admin}>
              <Admin />
            </Signed>
          }
        />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Suspense>
  );
}
