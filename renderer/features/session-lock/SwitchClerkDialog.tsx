import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../shared/contract/index';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { roleName, useSession } from '../../app/session';

type Colleague = OutputOf<'staff.colleagues'>['items'][number];

interface Props {
  open: boolean;
  onClose: () => void;
  onTaken: (result: OutputOf<'auth.resume'>) => void;
}

/**
 * 换人: F9 opened it, a digit picks the colleague (the second keystroke), and the colleague types
 * their PIN. Choosing oneself only unlocks; anyone else gets a session of their own.
 */
export function SwitchClerkDialog({ open, onClose, onTaken }: Props) {
  const { t } = useTranslation();
  const { branch } = useSession();
  const [colleagues, setColleagues] = useState<Colleague[] | null>(null);
  const [chosen, setChosen] = useState<Colleague | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setChosen(null);
    setPin('');
    setError(null);
    api.call('staff.colleagues', {}).then((r) => setColleagues(r.items), setError);
  }, [open]);

  // The second keystroke: a digit names the colleague beside it; it is not typed anywhere.
  useEffect(() => {
    if (!open || chosen || !colleagues) return;
    const pick = (e: KeyboardEvent) => {
      const n = /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
      if (!n || n > colleagues.length) return;
      e.preventDefault();
      setChosen(colleagues[n - 1]);
    };
    window.addEventListener('keydown', pick);
    return () => window.removeEventListener('keydown', pick);
  }, [open, chosen, colleagues]);

  async function take(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      onTaken(await api.call('auth.resume', { staffId: chosen.id, pin }));
    } catch (err) {
      setError(err);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" data-testid="switch-dialog">
      <form onSubmit={take} noValidate>
        <DialogTitle>{t('sessionLock.switchTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            {chosen ? (
              <TextField
                label={t('sessionLock.pinOf', { name: chosen.name })}
                type="password"
                name="switch-pin"
                value={pin}
                onChange={(ev) => setPin(ev.target.value)}
                autoFocus
                autoComplete="off"
                slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'switch-pin' } }}
              />
            ) : (
              <>
                <Typography color="text.secondary">{t('sessionLock.switchHelp')}</Typography>
                {colleagues?.length === 0 && <Alert severity="info">{t('sessionLock.noColleagues')}</Alert>}
                <List dense disablePadding>
                  {colleagues?.map((c, i) => (
                    <ListItemButton key={c.id} onClick={() => setChosen(c)} data-testid="switch-colleague">
                      <Typography component="kbd" sx={{ fontFamily: 'monospace', fontWeight: 700, width: 28 }}>
                        {i < 9 ? i + 1 : ''}
                      </Typography>
                      <ListItemText primary={c.name} secondary={roleName(t, c.role, branch.kind)} />
                    </ListItemButton>
                  ))}
                </List>
              </>
            )}
            <Typography variant="body2" color="text.secondary">
              {t('sessionLock.switchNote')}
            </Typography>
            <ErrorAlert error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          {chosen && <Button onClick={() => setChosen(null)}>{t('sessionLock.back')}</Button>}
          <Button onClick={onClose}>{t('sessionLock.cancel')}</Button>
          {chosen && (
            <Button type="submit" variant="contained" disabled={busy || pin.length < 4} data-testid="switch-submit">
              {t('sessionLock.start')}
            </Button>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
