import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { RoutedTabs } from '../../components/RoutedTabs';
import { DashboardPage } from './DashboardPage';
import { RfmPage } from './RfmPage';
import { LifecyclePage } from './LifecyclePage';
import { TrendsPage } from './TrendsPage';

/** 报表 (managers and admins): the period dashboard, RFM segments, lifecycle stages, and trends with the sales behind them. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  // The shell hides the tab from clerks; a typed-in URL gets a sentence, not a page of refusals.
  if (!roleAtLeast(staff.role, 'manager')) return <Alert severity="info">{t('reports.forbidden')}</Alert>;
  return (
    <RoutedTabs
      base="/reports"
      tabs={[
        { path: '', label: t('reports.tabs.dashboard'), element: <DashboardPage /> },
        { path: 'rfm', label: t('reports.tabs.rfm'), element: <RfmPage /> },
        { path: 'lifecycle', label: t('reports.tabs.lifecycle'), element: <LifecyclePage /> },
        { path: 'trends', label: t('reports.tabs.trends'), element: <TrendsPage /> },
      ]}
    />
  );
}
