import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StaffInfo } from '../../../shared/contract/common';
import { ROLES, roleAtLeast, type Role } from '../../../shared/roles';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { roleName, useSession } from '../../app/session';
import { PinDialog } from './PinDialog';

function AddStaffDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (s: StaffInfo) => void }) {
  const { t } = useTranslation();
  // HQ's work (merging, comparing, conflicts) is a manager's: a clerk there could only open Settings.
  const hq = useSession().branch.kind === 'hq';
  const firstRole: Role = hq ? 'manager' : 'clerk';
  const [form, setForm] = useState<{ name: string; role: Role; pin: string }>({ name: '', role: firstRole, pin: '' });
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(t, error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const staff = await api.call('staff.create', form);
      setForm({ name: '', role: firstRole, pin: '' });
      setError(null);
      onAdded(staff);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{t('staff.add')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              label={t('staff.name')}
              name="name"
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              autoFocus
              error={!!fields.name}
              helperText={fields.name}
            />
            <TextField
              select
              label={t('staff.role')}
              name="role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
              helperText={hq ? t('staff.hqRoleHelp') : undefined}
            >
              {ROLES.map((r) => (
                <MenuItem key={r} value={r}>
                  {roleName(t, r, hq ? 'hq' : 'branch')}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={t('staff.pin')}
              name="pin"
              type="password"
              value={form.pin}
              onChange={(e) => setForm({ ...form, pin: e.target.value })}
              error={!!fields.pin}
              helperText={fields.pin ?? t('setup.adminPinHelp')}
            />
            <ErrorAlert error={error} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="staff-submit">
            {t('common.create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

export function StaffPage() {
  const { t, i18n } = useTranslation();
  const { staff: me, branch } = useSession();
  const [items, setItems] = useState<StaffInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Whose PIN the dialog resets: kept while it closes, so its title does not lose the name.
  const [resetting, setResetting] = useState<StaffInfo | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const allowed = roleAtLeast(me.role, 'admin');

  const load = useCallback(async () => {
    try {
      setItems((await api.call('staff.list', {})).items);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  // The service refuses non-admins too; this only spares them a page of errors.
  if (!allowed) {
    return (
      <Alert severity="warning" data-testid="staff-forbidden">
        {t('staff.forbidden')}
      </Alert>
    );
  }

  async function update(id: string, change: { role?: Role; active?: boolean }) {
    try {
      await api.call('staff.update', { id, ...change });
      setNotice(t('staff.updated'));
      setError(null);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Paper sx={{ p: 3 }}>
      <Stack direction="row" sx={{ mb: 2, alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('staff.title')}
        </Typography>
        <Button variant="contained" onClick={() => setAdding(true)}>
          {t('staff.add')}
        </Button>
      </Stack>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(null)} sx={{ mb: 2 }}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <Table size="small" data-testid="staff-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('staff.name')}</TableCell>
            <TableCell>{t('staff.role')}</TableCell>
            <TableCell>{t('staff.status')}</TableCell>
            <TableCell>{t('staff.createdAt')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((s) => (
            <TableRow key={s.id}>
              <TableCell>{s.name}</TableCell>
              <TableCell>
                <TextField
                  select
                  size="small"
                  variant="standard"
                  value={s.role}
                  onChange={(e) => void update(s.id, { role: e.target.value as Role })}
                  aria-label={t('staff.role')}
                >
                  {ROLES.map((r) => (
                    <MenuItem key={r} value={r}>
                      {roleName(t, r, branch.kind)}
                    </MenuItem>
                  ))}
                </TextField>
              </TableCell>
              <TableCell>
                <Chip size="small" label={s.active ? t('common.active') : t('common.inactive')} color={s.active ? 'success' : 'default'} />
              </TableCell>
              <TableCell>{formatTime(s.createdAt, i18n.language)}</TableCell>
              <TableCell align="right">
                {/* One's own PIN is changed from the menu under one's name, giving the current one:
                    a reset here would also end this very session. */}
                {s.id !== me.id && (
                  <Button
                    size="small"
                    onClick={() => {
                      setResetting(s);
                      setResetOpen(true);
                    }}
                  >
                    {t('pin.reset')}
                  </Button>
                )}
                <Button size="small" onClick={() => void update(s.id, { active: !s.active })}>
                  {s.active ? t('staff.deactivate') : t('staff.activate')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <PinDialog
        open={resetOpen}
        title={t('pin.resetTitle', { name: resetting?.name ?? '' })}
        help={t('pin.resetHelp')}
        askOldPin={false}
        onClose={() => setResetOpen(false)}
        onSave={async ({ newPin }) => {
          if (!resetting) return;
          await api.call('staff.update', { id: resetting.id, pin: newPin });
          setNotice(t('pin.resetDone', { name: resetting.name }));
          setError(null);
        }}
        testId="reset-pin-dialog"
      />
      <AddStaffDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(s) => {
          setAdding(false);
          setNotice(t('staff.added', { name: s.name }));
          void load();
        }}
      />
    </Paper>
  );
}
