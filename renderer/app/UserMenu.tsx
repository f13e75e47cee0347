import { useState } from 'react';
import { Alert, Chip, Menu, MenuItem, Snackbar } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { PinDialog } from '../features/staff/PinDialog';
import { roleName, useSession } from './session';
import { useSessionLock } from '../features/session-lock/SessionLock';

/** The name in the app bar opens what belongs to the person logged in: for now, their PIN. */
export function UserMenu() {
  const { t } = useTranslation();
  const { staff, branch } = useSession();
  const { lockNow, openSwitch } = useSessionLock();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  const [done, setDone] = useState(false);

  return (
    <>
      <Chip
        size="small"
        variant="outlined"
        label={`${staff.name} · ${roleName(t, staff.role, branch.kind)}`}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-label={t('pin.menu')}
        aria-haspopup="menu"
        data-testid="user-menu"
        // Never squeezed by the tabs; a very long name ends in … rather than pushing 退出登录 off.
        sx={{ color: 'inherit', borderColor: 'currentColor', flexShrink: 0, maxWidth: 240 }}
      />
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            setChanging(true);
          }}
        >
          {t('pin.change')}
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            openSwitch();
          }}
          data-testid="switch-clerk-menu"
        >
          {t('sessionLock.switchKey')}
        </MenuItem>
        <MenuItem
          onClick={() => {
            setAnchor(null);
            lockNow();
          }}
          data-testid="lock-now"
        >
          {t('sessionLock.lockNow')}
        </MenuItem>
      </Menu>
      <PinDialog
        open={changing}
        title={t('pin.changeTitle')}
        help={t('pin.changeHelp')}
        askOldPin
        onClose={() => setChanging(false)}
        onSave={async (pins) => {
          await api.call('staff.changeOwnPin', pins);
          setDone(true);
        }}
        testId="change-pin-dialog"
      />
      <Snackbar open={done} autoHideDuration={6000} onClose={() => setDone(false)} anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
        <Alert severity="success" onClose={() => setDone(false)} data-testid="pin-changed">
          {t('pin.changed')}
        </Alert>
      </Snackbar>
    </>
  );
}
