import { useEffect, useState } from 'react';
import { Alert, Box, Button, Chip, Snackbar, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { StoreTakings } from '../../../shared/contract/takings';
import { addDaysTo } from '../../../shared/local-date';
import { formatYuan } from '../../../shared/money';
import { roleAtLeast } from '../../../shared/roles';
import { isCalendarDate } from '../../../shared/text';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { useSession } from '../../app/session';
import { DateField } from '../../components/DateField';
import { FormDialog } from '../../components/FormDialog';
import { formatDate, formatMonthDay, formatTime } from '../../components/format';
import { localToday } from './periods';

const RECENT_DAYS = 7;

/** Fen as the amount box wants it: 123456 → "1234.56". */
const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

interface Props {
  open: boolean;
  onClose: () => void;
  onSaved: (saved: StoreTakings) => void;
}

/**
 * 门店营业额: the till's total for a day, typed in at day close. Anyone may enter a day that has no
 * figure; replacing one is for managers and admins (the service decides; the dialog says so first).
 */
export function TakingsDialog({ open, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { staff } = useSession();
  const canReplace = roleAtLeast(staff.role, 'manager');
  const [date, setDate] = useState(localToday);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [existing, setExisting] = useState<StoreTakings | null>(null);
  const [recent, setRecent] = useState<StoreTakings[]>([]);

  // Each opening starts at today with empty boxes, and shows the last week at a glance.
  useEffect(() => {
    if (!open) return;
    const today = localToday();
    setDate(today);
    setAmount('');
    setNote('');
    void api.call('takings.list', { from: addDaysTo(today, 1 - RECENT_DAYS), to: today }).then(
      (r) => setRecent(r.items),
      () => setRecent([]),
    );
  }, [open]);

  // The chosen day's figure, if it has one; a manager gets the day's figure (or empty boxes) to
  // correct, a clerk keeps what they typed.
  useEffect(() => {
    setExisting(null);
    if (!open || !isCalendarDate(date)) return;
    let current = true;
    void api.call('takings.get', { date }).then(
      (r) => {
        if (!current) return;
        setExisting(r.takings);
        if (canReplace) {
          setAmount(r.takings ? yuanText(r.takings.totalFen) : '');
          setNote(r.takings?.note ?? '');
        }
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [open, date, canReplace]);

  const today = localToday();
  const days = Array.from({ length: RECENT_DAYS }, (_, i) => addDaysTo(today, i - RECENT_DAYS + 1));
  const figureOn = (day: string) => recent.find((r) => r.date === day);

  return (
    <FormDialog
      open={open}
      title={t('takings.title')}
      submitLabel={existing && canReplace ? t('takings.replace') : t('takings.save')}
      onClose={onClose}
      testId="takings-dialog"
      onSubmit={async () => {
        onSaved(await api.call('takings.set', { date, amount, note }));
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            <Typography variant="body2" color="text.secondary">
              {t('takings.why')}
            </Typography>
            <DateField name="date" label={t('takings.date')} value={date} onChange={setDate} error={fields.date} />
            {existing && (
              <Alert severity={canReplace ? 'warning' : 'info'} data-testid="takings-existing">
                {t('takings.existing', {
                  date: formatDate(existing.date, i18n.language),
                  amount: formatYuan(existing.totalFen),
                  by: existing.updatedByName ?? '—',
                  at: formatTime(existing.updatedAt, i18n.language),
                })}{' '}
                {canReplace ? t('takings.replaceWarning') : t('takings.clerkCannotReplace')}
              </Alert>
            )}
            <TextField
              name="amount"
              autoFocus
              label={t('takings.amount')}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              error={!!fields.amount}
              helperText={fields.amount ?? t('takings.amountHelp')}
              slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
            />
            <TextField
              name="note"
              label={t('takings.note')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={!!fields.note}
              helperText={fields.note}
            />
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('takings.recent')}
              </Typography>
              <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
                {days.map((day) => {
                  const figure = figureOn(day);
                  return (
                    <Chip
                      key={day}
                      size="small"
                      variant={day === date ? 'filled' : 'outlined'}
                      color={figure ? 'default' : 'warning'}
                      label={`${formatMonthDay(day, i18n.language)} ${figure ? formatYuan(figure.totalFen) : t('takings.missing')}`}
                      onClick={() => setDate(day)}
                    />
                  );
                })}
              </Stack>
            </Box>
          </>
        );
      }}
    </FormDialog>
  );
}

/** The button that opens the dialog, and the line that confirms a save. */
export function TakingsButton({ label, onSaved }: { label: string; onSaved?: (saved: StoreTakings) => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <Button variant="outlined" size="small" onClick={() => setOpen(true)} data-testid="takings-button">
        {label}
      </Button>
      <TakingsDialog
        open={open}
        onClose={() => setOpen(false)}
        onSaved={(saved) => {
          setNotice(t('takings.saved', { date: formatDate(saved.date, i18n.language), amount: formatYuan(saved.totalFen) }));
          onSaved?.(saved);
        }}
      />
      <Snackbar open={notice !== null} autoHideDuration={5000} onClose={() => setNotice(null)} message={notice ?? ''} />
    </>
  );
}
