import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Snackbar } from '@mui/material';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { LANGUAGES } from '../../components/LanguageSwitch';
import { useSession } from '../../app/session';
import { LockOverlay } from './LockOverlay';
import { SwitchClerkDialog } from './SwitchClerkDialog';
import { useIdleTimer } from './useIdleTimer';

interface SessionLockControls {
  openSwitch(): void;
  /** 锁屏 in the name's menu: stepping away from the counter on purpose */
  lockNow(): void;
  /** the settings card saved new idle minutes: the timer takes them at once */
  setIdleMinutes(minutes: number): void;
}

const SessionLockContext = createContext<SessionLockControls | null>(null);

export function useSessionLock(): SessionLockControls {
  const controls = useContext(SessionLockContext);
  if (!controls) throw new Error('useSessionLock outside SessionLock');
  return controls;
}

/** 'idle': locked by the timer (or the server); 'hand': by the staff member. */
type Locked = 'idle' | 'hand' | null;

/** Who took the counter over, and whether the screen's language changed with them. */
interface Greeting {
  name: string;
  language: string;
  changed: boolean;
  /** the screen's language it speaks of: the greeting goes if the language is changed after it */
  locale: string;
}

/**
 * Around the logged-in shell: locks it after the idle minutes (the page stays mounted, inert and
 * covered, so what was typed is kept), and opens 换人 on F9 from anywhere, the lock included.
 */
export function SessionLock({ children }: { children: ReactNode }) {
  const { staff, switchStaff, logout } = useSession();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [greeting, setGreeting] = useState<Greeting | null>(null);
  const [locked, setLocked] = useState<Locked>(null);
  const [switching, setSwitching] = useState(false);
  const [minutes, setMinutes] = useState<number | null>(null);

  // Asked again after a resume when a locked session (a reload) could not ask at first.
  useEffect(() => {
    if (locked || minutes !== null) return;
    api.call('auth.lockSettings', {}).then(
      (s) => setMinutes(s.idleMinutes),
      () => undefined,
    );
  }, [locked, minutes]);

  // The session is locked on the server while this window shows the page (a reload of a locked
  // window, which auth.me still answers): the screen follows at its first refused call.
  useEffect(() => {
    api.onSessionLocked = () => setLocked((now) => now ?? 'idle');
    return () => {
      api.onSessionLocked = null;
    };
  }, []);

  const lock = useCallback((why: Exclude<Locked, null>) => {
    setLocked(why);
    // The overlay is up either way; the server refuses the session's calls once this arrives.
    void api.call('auth.lock', {}).catch(() => undefined);
  }, []);
  const lockIdle = useCallback(() => lock('idle'), [lock]);
  useIdleTimer(minutes, locked === null, lockIdle);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F9') return;
      e.preventDefault();
      setSwitching(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The page behind is inert, but its shortcuts listen on the window (the counter's F2): while
  // locked, no function key but 换人's reaches them.
  useEffect(() => {
    if (!locked) return;
    const hold = (e: KeyboardEvent) => {
      if (/^F\d+$/.test(e.key) && e.key !== 'F9') {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', hold, { capture: true });
    return () => window.removeEventListener('keydown', hold, { capture: true });
  }, [locked]);

  async function taken(result: OutputOf<'auth.resume'>) {
    setSwitching(false);
    if (result.staff.id !== staff.id) {
      // A sale belongs to who typed it: the next clerk starts at an empty counter (Shell keys its pages by staff).
      navigate('/');
      const changed = result.staff.locale !== i18n.language;
      await switchStaff(result.session, result.staff);
      // The language is the person's, as at login: the screen says so, or a clerk finds the
      // counter in English after a colleague's F9 with nothing to tell why.
      const language = LANGUAGES.find((l) => l.value === result.staff.locale)?.label ?? result.staff.locale;
      setGreeting({ name: result.staff.name, language, changed, locale: result.staff.locale });
    }
    setLocked(null);
  }

  // Its "the screen is now in English" would be wrong once the clerk changes the language in 设置.
  useEffect(() => {
    const changed = (lng: string) => setGreeting((shown) => (shown && shown.locale !== lng ? null : shown));
    i18n.on('languageChanged', changed);
    return () => i18n.off('languageChanged', changed);
  }, [i18n]);

  const controls = useMemo<SessionLockControls>(
    () => ({ openSwitch: () => setSwitching(true), lockNow: () => lock('hand'), setIdleMinutes: setMinutes }),
    [lock],
  );
  return (
    <SessionLockContext.Provider value={controls}>
      <Box inert={locked !== null} aria-hidden={locked !== null || undefined} data-testid="session-page">
        {children}
      </Box>
      {locked && (
        <LockOverlay
          name={staff.name}
          minutes={locked === 'idle' ? minutes : null}
          onResumed={(r) => void taken(r)}
          onSwitch={() => setSwitching(true)}
          onLogout={() => void logout()}
        />
      )}
      <SwitchClerkDialog open={switching} onClose={() => setSwitching(false)} onTaken={(r) => void taken(r)} />
      <Snackbar
        open={greeting !== null}
        onClose={(_e, reason) => {
          // A click elsewhere is the clerk at work, not an answer to the greeting.
          if (reason !== 'clickaway') setGreeting(null);
        }}
        autoHideDuration={12000}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="info" variant="filled" onClose={() => setGreeting(null)} data-testid="switch-greeting">
          {greeting &&
            t(greeting.changed ? 'sessionLock.greetingLanguage' : 'sessionLock.greeting', {
              name: greeting.name,
              language: greeting.language,
            })}
        </Alert>
      </Snackbar>
    </SessionLockContext.Provider>
  );
}

/** In the app bar of a wide screen: 换人 F9 (the key is named on the button so it is learnt). */
export function SessionLockButtons() {
  const { t } = useTranslation();
  const { openSwitch } = useSessionLock();
  return (
    <Button color="inherit" onClick={openSwitch} sx={{ whiteSpace: 'nowrap', flexShrink: 0 }} data-testid="switch-clerk">
      {t('sessionLock.switchKey')}
    </Button>
  );
}
