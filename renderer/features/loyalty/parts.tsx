import type { ReactNode } from 'react';
import { Box, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { FormCheck } from './numbers';

/** One rule: a heading, its inputs in a row, and a sentence saying what it does. */
export function RuleGroup({
  title,
  explain,
  children,
  testId,
}: {
  title: string;
  explain: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box data-testid={testId}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, mt: 1.5, alignItems: 'flex-start' }}>
        {children}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid={testId ? `${testId}-explain` : undefined}>
        {explain}
      </Typography>
    </Box>
  );
}

interface NumberFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  error?: string;
  helper?: string;
  /** "¥" for money, "×" for multipliers */
  prefix?: string;
  suffix?: string;
  width?: number;
  disabled?: boolean;
  /** for inputs in a table, where the column heading is the visible label */
  ariaLabel?: string;
}

/** A number typed as text: the form reads it exactly when saving (see numbers.ts). */
export function NumberField({
  name,
  label,
  value,
  onChange,
  error,
  helper,
  prefix,
  suffix,
  width = 170,
  disabled,
  ariaLabel,
}: NumberFieldProps) {
  const adornments = {
    ...(prefix ? { startAdornment: <InputAdornment position="start">{prefix}</InputAdornment> } : {}),
    ...(suffix ? { endAdornment: <InputAdornment position="end">{suffix}</InputAdornment> } : {}),
  };
  return (
    <TextField
      size="small"
      name={name}
      label={label || undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? helper}
      disabled={disabled}
      sx={{ width }}
      slotProps={{ input: adornments, htmlInput: { inputMode: 'decimal', 'aria-label': ariaLabel } }}
    />
  );
}

/** The value of a field if it reads cleanly, for the live explanations (null: say it generally). */
export function readWhole(text: string): number | null {
  const c = new FormCheck();
  const n = c.whole('x', text);
  return c.ok ? n : null;
}

export function readHundredths(text: string, emptyMeans?: number): number | null {
  const c = new FormCheck();
  const n = c.hundredths('x', text, emptyMeans);
  return c.ok ? n : null;
}
