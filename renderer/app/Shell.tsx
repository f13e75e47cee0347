import { AppBar, Box, Button, Chip, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { roleAtLeast } from '../../shared/roles';
import { useSession } from './session';
import { CounterPage } from '../features/counter/CounterPage';
import { MemberPage } from '../features/members/MemberPage';
import { NewMemberPage } from '../features/members/NewMemberPage';
import { StaffPage } from '../features/staff/StaffPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { LoyaltyPage } from '../features/loyalty/LoyaltyPage';
import { FollowupsPage } from '../features/followups/FollowupsPage';
import { ReportsPage } from '../features/reports/ReportsPage';

export function Shell() {
  const { t } = useTranslation();
  const { staff, branch, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const tabs = [
    { path: '/', label: t('nav.counter') },
    { path: '/followups', label: t('followups.title') },
    ...(roleAtLeast(staff.role, 'manager')
      ? [
          { path: '/reports', label: t('reports.title') },
          { path: '/loyalty', label: t('loyalty.title') },
        ]
      : []),
    ...(roleAtLeast(staff.role, 'admin') ? [{ path: '/staff', label: t('nav.staff') }] : []),
    { path: '/settings', label: t('nav.settings') },
  ];
  const current = tabs.find((tab) => tab.path !== '/' && location.pathname.startsWith(tab.path))?.path ?? '/';

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="sticky" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" noWrap>
            {t('app.name')} · {branch.name}
          </Typography>
          {/* onClick, not Tabs.onChange: a member page belongs to the counter, so 前台 is already the
              selected tab there, and onChange never fires for the selected tab (no way back). */}
          <Tabs value={current} textColor="inherit" indicatorColor="secondary" aria-label="main">
            {tabs.map((tab) => (
              <Tab key={tab.path} value={tab.path} label={tab.label} onClick={() => navigate(tab.path)} />
            ))}
          </Tabs>
          <Box sx={{ flex: 1 }} />
          <Chip size="small" label={`${staff.name} · ${t(`roles.${staff.role}`)}`} sx={{ color: 'inherit', borderColor: 'currentColor' }} variant="outlined" />
          <Button color="inherit" onClick={() => void logout()}>
            {t('nav.logout')}
          </Button>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: 3, maxWidth: 1100, mx: 'auto' }}>
        <Routes>
          <Route path="/" element={<CounterPage />} />
          <Route path="/members/new" element={<NewMemberPage />} />
          <Route path="/members/:id" element={<MemberPage />} />
          <Route path="/staff" element={<StaffPage />} />
          <Route path="/loyalty" element={<LoyaltyPage />} />
          <Route path="/followups/*" element={<FollowupsPage />} />
          <Route path="/reports/*" element={<ReportsPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="*" element={<CounterPage />} />
        </Routes>
      </Box>
    </Box>
  );
}
