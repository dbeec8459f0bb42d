// The IVRs area: /ivrs lists them, /ivrs/:id opens one in the builder (lazy: xyflow is only loaded there).
import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import IvrListPage from './list/IvrListPage';

const IvrBuilderPage = lazy(() => import('./builder/IvrBuilderPage'));

export default function IvrArea() {
  return (
    <Routes>
      <Route index element={<IvrListPage />} />
      <Route path=":id" element={<IvrBuilderPage />} />
    </Routes>
  );
}
