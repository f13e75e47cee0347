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
import { UnlockPage } from '../features/encryption/UnlockPage';
import { RewriteProgress } from '../features/encryption/RewriteProgress';
import { RewriteContext } from '../features/encryption/rewriteContext';
import type { RewriteStart } from '../features/encryption/rewriteWatch';
import type { LoginNotice } from '../features/auth/loginNotice';
import type { SetupEncryption } from '../features/setup/SetupPage';

type Boot =
  | { stage: 'loading' }
  | { stage: 'error'; error: unknown }
  | { stage: 'setup' }
  | { stage: 'login'; branch: BranchInfo; name?: string; notice?: LoginNotice }
  /** encrypted and no passphrase given yet: nothing else is answered (electron/backend/lockable.ts) */
  | { stage: 'locked'; keychain: boolean }
  /** the file is being rewritten (encryption turned on, its passphrase changed): nothing else is answered */
  | { stage: 'rewriting'; start: RewriteStart }
  | { stage: 'in'; staff: StaffInfo; branch: BranchInfo };

export function App() {
  const { t } = useTranslation();
  const [boot, setBoot] = useState<Boot>({ stage: 'loading' });

  // No dependencies: start() sets the language, and a language change gives useTranslation a new
  // `t`; were start to depend on t, each run would schedule the next (status + auth.me calls and a
  // re-render of the whole shell many times a second). The error is translated when shown instead.
  const start = useCallback(async (notice?: LoginNotice) => {
    try {
      // First of all: an encrypted store answers nothing else until it is unlocked.
      const encryption = await api.call('encryption.status', {});
      if (encryption.state === 'locked') return setBoot({ stage: 'locked', keychain: encryption.keychain?.available === true });
      if (encryption.state === 'rewriting') {
        const kind = encryption.rewrite?.kind ?? 'enable';
        return setBoot({ stage: 'rewriting', start: { kind, knownFailureAt: encryption.lastFailure?.at ?? null } });
      }
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
      setBoot({ stage: 'login', branch: status.branch, notice });
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
    // Locked while a page was open (not expected: the store locks only at start): back to the unlock screen.
    api.onStoreLocked = () => {
      api.setSession(null);
      void start();
    };
  }, [start]);

  // A rewrite ends every session: whoever works next logs in again, at the counter.
  const rewriteEnded = useCallback(
    (kind: RewriteStart['kind']) => {
      api.setSession(null);
      window.location.hash = '#/';
      void start({ severity: 'success', key: kind === 'enable' ? 'encryption.progress.done' : 'encryption.progress.doneChange' });
    },
    [start],
  );
  const rewriteStarted = useCallback((rewrite: RewriteStart) => setBoot({ stage: 'rewriting', start: rewrite }), []);

  // Chosen at setup: the admin just set up is logged in with the PIN just typed, turns encryption on, and logs in again after it.
  async function encryptNewStore(branch: BranchInfo, adminName: string, encryption: SetupEncryption) {
    // The backup before it takes a moment: the setup form, already sent, must not be sent twice.
    setBoot({ stage: 'loading' });
    try {
      const login = await api.call('auth.login', { name: adminName, pin: encryption.adminPin });
      api.setSession(login.session);
      const status = await api.call('encryption.enable', { passphrase: encryption.passphrase, confirm: true });
      setBoot({ stage: 'rewriting', start: { kind: 'enable', knownFailureAt: status.lastFailure?.at ?? null } });
    } catch (err) {
      api.setSession(null);
      setBoot({ stage: 'login', branch, name: adminName, notice: { severity: 'error', error: err } });
    }
  }

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
      switchStaff: async (session, staff) => {
        api.setSession(session);
        await applyLocale(staff.locale);
        setBoot({ ...boot, staff });
      },
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
      return (
        <SetupPage
          onDone={(branch, name, encryption) =>
            encryption ? void encryptNewStore(branch, name, encryption) : setBoot({ stage: 'login', branch, name })
          }
        />
      );
    case 'locked':
      return <UnlockPage keychain={boot.keychain} onUnlocked={() => void start()} />;
    case 'rewriting':
      return (
        <RewriteProgress
          start={boot.start}
          onDone={() => rewriteEnded(boot.start.kind)}
          onLocked={() => void start()}
          onBack={() => void start()}
        />
      );
    case 'login':
      return (
        <LoginPage
          branch={boot.branch}
          initialName={boot.name}
          notice={boot.notice}
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
          <RewriteContext.Provider value={rewriteStarted}>
            <Shell />
          </RewriteContext.Provider>
        </SessionContext.Provider>
      );
  }
}
