// The campaigns area: /campaigns lists them, /campaigns/:id is the live page (recharts is only loaded there).
import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import CampaignsListPage from './CampaignsListPage';

const CampaignLivePage = lazy(() => import('./CampaignLivePage'));

export default function CampaignsArea() {
  return (
    <Routes>
      <Route index element={<CampaignsListPage />} />
      <Route path=":id" element={<CampaignLivePage />} />
    </Routes>
  );
}
