import { Box, Tab, Tabs } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { roleAtLeast } from '../../../shared/roles';
import { useSession } from '../../app/session';
import { TodayQueue } from './TodayQueue';
import { FollowupSettingsForm } from './FollowupSettingsForm';
import { FeedbackList } from '../feedback/FeedbackList';

/** 回访: the Today queue for everyone, complaints and feedback, and (managers) the rules and scripts. */
export function FollowupsPage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { path: '/followups', label: t('followups.tabs.today') },
    { path: '/followups/feedback', label: t('followups.tabs.feedback') },
    ...(roleAtLeast(staff.role, 'manager') ? [{ path: '/followups/settings', label: t('followups.tabs.settings') }] : []),
  ];
  const current = tabs.find((tab) => tab.path === location.pathname)?.path ?? '/followups';
  return (
    <Box>
      <Tabs value={current} onChange={(_, v: string) => navigate(v)} sx={{ mb: 2 }}>
        {tabs.map((tab) => (
          <Tab key={tab.path} value={tab.path} label={tab.label} />
        ))}
      </Tabs>
      <Routes>
        <Route path="feedback" element={<FeedbackList />} />
        <Route path="settings" element={<FollowupSettingsForm />} />
        <Route path="*" element={<TodayQueue />} />
      </Routes>
    </Box>
  );
}
