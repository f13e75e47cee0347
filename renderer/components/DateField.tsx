import { useState } from 'react';
import type { SxProps, Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { DesktopDatePicker } from '@mui/x-date-pickers/DesktopDatePicker';
import { DesktopDateTimePicker } from '@mui/x-date-pickers/DesktopDateTimePicker';
import { calendarDate } from '../../shared/local-date';
import { isCalendarDate } from '../../shared/text';
import { dateFieldFormat, dateTimeFieldFormat } from './format';

// Date fields that show and read the app's one format (2026/11/28 in Chinese) in every browser,
// where a native <input type="date"> shows the machine's (mm/dd/yyyy on an American Windows).
// Values stay the strings the services take, so a form barely changes: `YYYY-MM-DD` for a day,
// `YYYY-MM-DDTHH:mm` for a wall-clock time at the store.

/** What a field half typed or impossible (2026/02/30) hands over: the services refuse it as invalid_date, so nothing is saved as if the date were empty. */
export const UNREADABLE_DATE = 'invalid';

interface Props {
  name: string;
  label: string;
  /** `YYYY-MM-DD` (a `YYYY-MM-DDTHH:mm` for DateTimeField), '' for none */
  value: string;
  /** gets the new value: a whole date, '' when cleared, UNREADABLE_DATE while it is not a date */
  onChange: (value: string) => void;
  /** the translated problem, if the service refused the date */
  error?: string;
  /** a hint under the field when there is no problem */
  helperText?: string;
  autoFocus?: boolean;
  /** the first day the calendar offers (`YYYY-MM-DD`); the services still decide what they accept */
  minDate?: string;
  size?: 'small' | 'medium';
  sx?: SxProps<Theme>;
}

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function dayOf(value: string): Date | null {
  if (!isCalendarDate(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function wallTimeOf(value: string): Date | null {
  const m = WALL_TIME.exec(value);
  if (!m || !isCalendarDate(value.slice(0, 10))) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  return new Date(y, mo - 1, d, h, mi);
}

const pad = (n: number) => String(n).padStart(2, '0');
const readable = (d: Date | null): d is Date => d !== null && !Number.isNaN(d.getTime());

/**
 * The picker's Date, kept here: a half-typed date has no string of its own, and were the form's
 * value fed back as the picker's it would wipe what is being typed. Only a new value from the
 * form (a shortcut button, a reset) replaces it.
 */
function usePickerValue(value: string, parse: (v: string) => Date | null, write: (d: Date) => string, onChange: (v: string) => void) {
  const [shown, setShown] = useState<Date | null>(() => parse(value));
  const [given, setGiven] = useState(value);
  const text = (d: Date | null) => (d === null ? '' : readable(d) ? write(d) : UNREADABLE_DATE);
  if (value !== given) {
    setGiven(value);
    if (value !== text(shown) && value !== UNREADABLE_DATE) setShown(parse(value));
  }
  const change = (next: Date | null) => {
    setShown(next);
    onChange(text(next));
  };
  return [shown, change] as const;
}

/** A calendar date (`YYYY-MM-DD`), typed as 2026/11/28 (2026-11-28 in English) or picked from a calendar. */
export function DateField({ name, label, value, onChange, error, helperText, autoFocus, minDate, size, sx }: Props) {
  const { i18n } = useTranslation();
  const [shown, change] = usePickerValue(value, dayOf, calendarDate, onChange);
  return (
    <DesktopDatePicker
      name={name}
      label={label}
      value={shown}
      onChange={change}
      format={dateFieldFormat(i18n.language)}
      minDate={minDate ? (dayOf(minDate) ?? undefined) : undefined}
      autoFocus={autoFocus}
      sx={sx}
      slotProps={{ textField: { size, error: !!error, helperText: error ?? helperText } }}
    />
  );
}

/** A wall-clock time at the store (`YYYY-MM-DDTHH:mm`), typed as 2026/11/28 14:05 on a 24-hour clock. */
export function DateTimeField({ name, label, value, onChange, error, helperText, autoFocus, size, sx }: Props) {
  const { i18n } = useTranslation();
  const write = (d: Date) => `${calendarDate(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const [shown, change] = usePickerValue(value, wallTimeOf, write, onChange);
  return (
    <DesktopDateTimePicker
      name={name}
      label={label}
      value={shown}
      onChange={change}
      format={dateTimeFieldFormat(i18n.language)}
      ampm={false}
      autoFocus={autoFocus}
      sx={sx}
      slotProps={{ textField: { size, error: !!error, helperText: error ?? helperText } }}
    />
  );
}
