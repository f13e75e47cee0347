import { useCallback, useEffect, useMemo, useState } from 'react';
import { Box, CircularProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { BranchInfo, StaffInfo } from '../../shared/contract/common';
import { api } from '../api/client';
import { errorMessage } from '../api/errors';
import { applyLocale } from '../i18n/index';
import { SetupPage } from '../features/setup/SetupPage';
import { LoginPage } from '../features/auth/LoginPage';
import { SessionContext, type SessionState } from './session';
import { Shell } from './Shell';
import { setStoreZone } from '../components/format';

type Boot =
  | { stage: 'loading' }
  | { stage: 'error'; error: unknown }
  | { stage: 'setup' }
  | { stage: 'login'; branch: BranchInfo; name?: string }
  | { stage: 'in'; staff: StaffInfo; branch: BranchInfo };

export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ stage: 'loading' });

  // No dependencies: start() sets the language, and a language change gives useTranslation a new
  // `t`; were start to depend on t, each run would schedule the next (status + auth.me calls and a
  // re-render of the whole shell many times a second). The error is translated when shown instead.
  const start = useCallback(async () => {
    try {
      const status = await api.call('setup.status', {});
      setStoreZone(status.timeZone);
      if (!status.initialized || !status.branch) return setBoot({ stage: 'setup' });
      if (api.hasSession()) {
        try {
          const me = await api.call('auth.me', {});
          await applyLocale(me.staff.locale);
          return setBoot({ stage: 'in', staff: me.staff, branch: me.branch });
        } catch {
          api.setSession(null);
        }
      }
      setBoot({ stage: 'login', branch: status.branch });
    } catch (err) {
      setBoot({ stage: 'error', error: err });
    }
  }, []);

  useEffect(() => {
    void start();
    api.onSessionLost = () => {
      api.setSession(null);
      void start();
    };
  }, [start]);

  const session = useMemo<SessionState | null>(() => {
    if (boot.stage !== 'in') return null;
    return {
      staff: boot.staff,
      branch: boot.branch,
      logout: async () => {
        await api.call('auth.logout', {}).catch(() => undefined);
        api.setSession(null);
        // The next person starts at the counter, not on the page the last one left open.
        window.location.hash = '#/';
        setBoot({ stage: 'login', branch: boot.branch });
      },
      updateStaff: (staff) => setBoot({ ...boot, staff }),
    };
  }, [boot]);

  switch (boot.stage) {
    case 'loading':
      return (
        <Box sx={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
          <CircularProgress aria-label={t('app.loading')} />
        </Box>
      );
    case 'error':
      return (
        <Box sx={{ p: 4 }}>
          <Typography color="error" role="alert">
            {errorMessage(t, boot.error)}
          </Typography>
        </Box>
      );
    case 'setup':
      return <SetupPage onDone={(branch, name) => setBoot({ stage: 'login', branch, name })} />;
    case 'login':
      return (
        <LoginPage
          branch={boot.branch}
          initialName={boot.name}
          onLoggedIn={async (session, staff, branch, chosen) => {
            api.setSession(session);
            const saved =
              chosen && chosen !== staff.locale ? await api.call('auth.setLocale', { locale: chosen }).catch(() => staff) : staff;
            await applyLocale(saved.locale);
            setBoot({ stage: 'in', staff: saved, branch });
          }}
        />
      );
    case 'in':
      return (
        <SessionContext.Provider value={session}>
          <Shell />
        </SessionContext.Provider>
      );
  }
}
