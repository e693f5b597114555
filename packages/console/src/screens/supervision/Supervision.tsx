import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ComplaintList } from './ComplaintList';
import { ComplaintPage } from './ComplaintPage';
import { MonthlyReport } from './MonthlyReport';
import { OrderList } from './OrderList';
import { OrderPage } from './OrderPage';
import { RatingList } from './RatingList';
import { RatingPage } from './RatingPage';
import { Scores } from './Scores';

const TABS = ['complaints', 'orders', 'ratings', 'scores'] as const;
type Tab = (typeof TABS)[number];

/** 效能监察: complaints, supervision orders, ratings and scores, each a tab with its own routes. */
export default function Supervision() {
  const { t } = useTranslation('supervision');
  const location = useLocation();
  const navigate = useNavigate();
  const rest = location.pathname.replace(/^\/supervision\/?/, '');
  const current: Tab = TABS.find((tab) => rest.startsWith(tab)) ?? 'complaints';
  const printing = rest.startsWith('scores/report');
  return (
    <div>
      <div className="no-print">
        <Typography.Title level={2} style={{ marginBottom: 4 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        {!printing && (
          <Tabs
            activeKey={current}
            onChange={(key) => navigate(`/supervision/${key}`)}
            items={TABS.map((tab) => ({ key: tab, label: t(`tabs.${tab}`) }))}
            style={{ marginTop: 8 }}
          />
        )}
      </div>
      <Routes>
        <Route index element={<Navigate to="complaints" replace />} />
        <Route path="complaints" element={<ComplaintList />} />
        <Route path="complaints/:id" element={<ComplaintPage />} />
        <Route path="orders" element={<OrderList />} />
        <Route path="orders/:id" element={<OrderPage />} />
        <Route path="ratings" element={<RatingList />} />
        <Route path="ratings/:caseNo" element={<RatingPage />} />
        <Route path="scores" element={<Scores />} />
        <Route path="scores/report" element={<MonthlyReport />} />
        <Route path="*" element={<Navigate to="complaints" replace />} />
      </Routes>
    </div>
  );
}
