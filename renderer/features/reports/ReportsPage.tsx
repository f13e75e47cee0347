import { Alert, Box, Tab, Tabs } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { DashboardPage } from './DashboardPage';
import { RfmPage } from './RfmPage';
import { LifecyclePage } from './LifecyclePage';

/** 报表 (managers and admins): the period dashboard, RFM segments and lifecycle stages. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // The shell hides the tab from clerks; a typed-in URL gets a sentence, not a page of refusals.
  if (!roleAtLeast(staff.role, 'manager')) return <Alert severity="info">{t('reports.forbidden')}</Alert>;
  const tabs = [
    { path: '/reports', label: t('reports.tabs.dashboard') },
    { path: '/reports/rfm', label: t('reports.tabs.rfm') },
    { path: '/reports/lifecycle', label: t('reports.tabs.lifecycle') },
  ];
  const current = tabs.find((tab) => tab.path === location.pathname)?.path ?? '/reports';
  return (
    <Box>
      <Tabs value={current} onChange={(_, v: string) => navigate(v)} sx={{ mb: 2 }}>
        {tabs.map((tab) => (
          <Tab key={tab.path} value={tab.path} label={tab.label} />
        ))}
      </Tabs>
      <Routes>
        <Route path="rfm" element={<RfmPage />} />
        <Route path="lifecycle" element={<LifecyclePage />} />
        <Route path="*" element={<DashboardPage />} />
      </Routes>
    </Box>
  );
}
