import { TextField } from '@mui/material';

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (date: string) => void;
  /** the translated problem, if the service refused the date */
  error?: string;
  autoFocus?: boolean;
}

/** A calendar date (`YYYY-MM-DD`) with the browser's own picker. */
export function DateField({ name, label, value, onChange, error, autoFocus }: Props) {
  return (
    <TextField
      name={name}
      type="date"
      autoFocus={autoFocus}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}
