import { MenuItem, TextField, type TextFieldProps } from '@mui/material';
import { useTranslation } from 'react-i18next';

type Props<V extends string> = Omit<TextFieldProps, 'select' | 'onChange' | 'value'> & {
  value: V | '';
  options: readonly V[];
  /** translation key prefix of each option: `${labels}.${option}` */
  labels: string;
  onChange: (value: V | '') => void;
  /** an empty first item (e.g. 全部) that means "any" */
  anyLabel?: string;
};

/** A choice among the contract's enum values, each shown in the staff member's language. */
export function EnumSelect<V extends string>({ value, options, labels, onChange, anyLabel, ...field }: Props<V>) {
  const { t } = useTranslation();
  return (
    <TextField select value={value} onChange={(e) => onChange(e.target.value as V | '')} {...field}>
      {anyLabel !== undefined && <MenuItem value="">{anyLabel}</MenuItem>}
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {t(`${labels}.${o}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
