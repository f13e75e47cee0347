import { AppBar, Box, Button, Chip, Tab, Tabs, Toolbar, Typography, useMediaQuery, useTheme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { roleAtLeast } from '../../shared/roles';
import { useSession } from './session';
import { UserMenu } from './UserMenu';
import { CounterPage } from '../features/counter/CounterPage';
import { MemberPage } from '../features/members/MemberPage';
import { MembersPage } from '../features/members/MembersPage';
import { DuplicatesPage } from '../features/members/DuplicatesPage';
import { NewMemberPage } from '../features/members/NewMemberPage';
import { StaffPage } from '../features/staff/StaffPage';
import { AuditPage } from '../features/audit/AuditPage';
import { BackupPage } from '../features/backup/BackupPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { LoyaltyPage } from '../features/loyalty/LoyaltyPage';
import { FollowupsPage } from '../features/followups/FollowupsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ExportPage } from '../features/hq/ExportPage';
import { MergePage } from '../features/hq/MergePage';
import { ComparePage } from '../features/hq/ComparePage';
import { PeoplePage } from '../features/hq/PeoplePage';
import { ConflictsPage } from '../features/hq/ConflictsPage';
import { ImportPage } from '../features/import/ImportPage';
import { JobsIndicator } from '../features/jobs/JobsIndicator';
import { SessionLock, SessionLockButtons } from '../features/session-lock/SessionLock';

export function Shell() {
  const { t } = useTranslation();
  const { staff, branch, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const manager = roleAtLeast(staff.role, 'manager');
  // A shop's screen is 1280–1366 px wide: below an office monitor's width the job chip shows how
  // far only (its tooltip says what runs), so an admin's nine tabs and 退出登录 keep their place
  // beside a running job.
  const compact = useMediaQuery(useTheme().breakpoints.down('xl'), { noSsr: true });
  const hq = branch.kind === 'hq';
  // HQ has no counter: its members arrive in the branches' files. Its pages are a manager's.
  const ownTabs = hq
    ? manager
      ? [
          { path: '/', label: t('hq.nav.merge') },
          { path: '/compare', label: t('hq.nav.compare') },
          { path: '/people', label: t('hq.nav.people') },
          { path: '/conflicts', label: t('hq.nav.conflicts') },
        ]
      : []
    : [
        { path: '/', label: t('nav.counter') },
        { path: '/members', label: t('membersList.title'), exact: true, also: ['/members/duplicates'] },
        { path: '/followups', label: t('followups.title') },
        ...(manager
          ? [
              { path: '/reports', label: t('reports.title') },
              { path: '/loyalty', label: t('loyalty.title') },
              { path: '/export', label: t('hq.nav.export') },
              { path: '/import', label: t('importPage.nav') },
            ]
          : []),
      ];
  const tabs: Array<{ path: string; label: string; exact?: boolean; also?: string[] }> = [
    ...ownTabs,
    ...(roleAtLeast(staff.role, 'admin') ? [{ path: '/staff', label: t('nav.staff') }] : []),
    { path: '/settings', label: t('nav.settings') },
  ];
  // 会员 is the list (and its possible duplicates) alone: a member's own page (/members/…) stays the counter's.
  const current =
    tabs.find(
      (tab) =>
        tab.path !== '/' &&
        (tab.exact ? location.pathname === tab.path || tab.also?.includes(location.pathname) : location.pathname.startsWith(tab.path)),
    )?.path ?? tabs[0].path;

  return (
    <SessionLock>
      <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
        <AppBar position="sticky" elevation={1}>
          <Toolbar variant="dense" sx={{ gap: compact ? 1.5 : 2 }}>
            <Typography variant="h6" component="div" noWrap sx={{ flexShrink: 0, maxWidth: 360 }} title={branch.name}>
              {t('app.name')} · {branch.name}
            </Typography>
            {hq && (
              <Chip
                size="small"
                label={t('setup.kinds.hq')}
                sx={{ bgcolor: 'secondary.main', color: 'secondary.contrastText', flexShrink: 0 }}
                data-testid="hq-badge"
              />
            )}
            {/* onClick, not Tabs.onChange: a member page belongs to the counter, so 前台 is already the
              selected tab there, and onChange never fires for the selected tab (no way back).
              Tabs as wide as their labels; on a window narrower still, arrows scroll them rather
              than the last ones vanishing. */}
            <Tabs
              value={current}
              textColor="inherit"
              indicatorColor="secondary"
              aria-label="main"
              variant="scrollable"
              scrollButtons="auto"
              // An admin's nine tabs, the job chip and 退出登录 fit a 1280 px screen in English only
              // with the tabs' padding a little narrower there.
              sx={{ minWidth: 0, '& .MuiTab-root': { minWidth: 0, px: compact ? 1 : 1.5 } }}
            >
              {tabs.map((tab) => (
                <Tab key={tab.path} value={tab.path} label={tab.label} onClick={() => navigate(tab.path)} />
              ))}
            </Tabs>
            <Box sx={{ flex: 1 }} />
            <JobsIndicator compact={compact} />
            {/* A shop's 1280–1366 px bar has no room left: there 换人 F9 is in the name's menu (and on the lock). */}
            {!compact && <SessionLockButtons />}
            <UserMenu />
            <Button color="inherit" onClick={() => void logout()} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
              {t('nav.logout')}
            </Button>
          </Toolbar>
        </AppBar>
        {/* HQ's tables set many branches' figures side by side: they get the width an office screen has. */}
        {/* Keyed by who is logged in: after 换人 the pages start empty, nothing half-typed carried over. */}
        <Box component="main" key={staff.id} sx={{ p: 3, maxWidth: hq ? 1280 : 1100, mx: 'auto' }}>
          {hq ? (
            <Routes>
              <Route path="/compare" element={<ComparePage />} />
              <Route path="/people" element={<PeoplePage />} />
              <Route path="/conflicts" element={<ConflictsPage />} />
              <Route path="/staff" element={<StaffPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/settings/backups" element={<BackupPage />} />
              <Route path="/settings/audit" element={<AuditPage />} />
              <Route path="*" element={<MergePage />} />
            </Routes>
          ) : (
            <Routes>
              <Route path="/" element={<CounterPage />} />
              <Route path="/members" element={<MembersPage />} />
              <Route path="/members/new" element={<NewMemberPage />} />
              <Route path="/members/duplicates" element={<DuplicatesPage />} />
              <Route path="/members/:id" element={<MemberPage />} />
              <Route path="/staff" element={<StaffPage />} />
              <Route path="/loyalty" element={<LoyaltyPage />} />
              <Route path="/followups/*" element={<FollowupsPage />} />
              <Route path="/reports/*" element={<ReportsPage />} />
              <Route path="/export" element={<ExportPage />} />
              <Route path="/import" element={<ImportPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/settings/backups" element={<BackupPage />} />
              <Route path="/settings/audit" element={<AuditPage />} />
              <Route path="*" element={<CounterPage />} />
            </Routes>
          )}
        </Box>
      </Box>
    </SessionLock>
  );
}
