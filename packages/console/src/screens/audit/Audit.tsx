import { Card } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';

const LedgerHome = lazy(() => import('./LedgerHome'));
const CaseAudit = lazy(() => import('./CaseAudit'));

/**
 * 审计, mounted at /audit/*: the index (find a case, verify the ledger, the signed checkpoints) and the
 * whole history of one case with its as-of slider.
 */
export default function Audit() {
  return (
    <Suspense fallback={<Card loading />}>
      <Routes>
        <Route index element={<LedgerHome />} />
        <Route path="cases/:caseNo" element={<CaseAudit />} />
        <Route path="*" element={<LedgerHome />} />
      </Routes>
    </Suspense>
  );
}
