import { Card } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';

const Catalogue = lazy(() => import('./Catalogue'));
const NewApplication = lazy(() => import('./NewApplication'));
const CaseDesk = lazy(() => import('./CaseDesk'));
const PrintDocument = lazy(() => import('./PrintDocument'));

/**
 * 受理台, mounted at /window/*: the catalogue (the index), a new application for an item, the desk of
 * one case, and the documents it prints.
 */
export default function Window() {
  return (
    <Suspense fallback={<Card loading />}>
      <Routes>
        <Route index element={<Catalogue />} />
        <Route path="apply/:code" element={<NewApplication />} />
        <Route path="case/:caseNo" element={<CaseDesk />} />
        <Route path="case/:caseNo/print/:kind" element={<PrintDocument />} />
        <Route path="*" element={<Catalogue />} />
      </Routes>
    </Suspense>
  );
}
