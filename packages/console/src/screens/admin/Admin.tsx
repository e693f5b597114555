import { Card, Tabs, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';

const CatalogueList = lazy(() => import('./catalogue/CatalogueList'));
const ItemEditor = lazy(() => import('./catalogue/ItemEditor'));
const ItemHistory = lazy(() => import('./catalogue/ItemHistory'));
const CalendarEditor = lazy(() => import('./calendar/CalendarEditor'));
const Rules = lazy(() => import('./rules/Rules'));

const TABS = ['catalogue', 'calendar', 'rules'] as const;

/**
 * 系统管理, mounted at /admin/*: the service catalogue (its items, their versions and diffs), the
 * working-day calendar (a year grid, publishing, changing a day), and the rules' thresholds as configured.
 */
export default function Admin() {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const active = TABS.find((tab) => pathname.startsWith(`/admin/${tab}`)) ?? 'catalogue';
  return (
    <>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Tabs
        activeKey={active}
        // A click on the active tab goes back to its first screen (from an item's versions to the list).
        onTabClick={(key) => navigate(`/admin/${key}`)}
        items={TABS.map((tab) => ({ key: tab, label: t(`tabs.${tab}`) }))}
      />
      <Suspense fallback={<Card loading />}>
        <Routes>
          <Route index element={<Navigate to="catalogue" replace />} />
          <Route path="catalogue" element={<CatalogueList />} />
          <Route path="catalogue/new" element={<ItemEditor />} />
          <Route path="catalogue/:code" element={<ItemHistory />} />
          <Route path="catalogue/:code/revise" element={<ItemEditor />} />
          <Route path="calendar" element={<CalendarEditor />} />
          <Route path="rules" element={<Rules />} />
          <Route path="*" element={<Navigate to="catalogue" replace />} />
        </Routes>
      </Suspense>
    </>
  );
}
