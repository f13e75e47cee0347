import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/contract/common';

export const LANGUAGES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
];

export function LanguageSwitch({ value, onChange, size }: { value: Locale; onChange: (l: Locale) => void; size?: 'small' }) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      size={size}
      label={t('settings.language')}
      value={value}
      onChange={(e) => onChange(e.target.value as Locale)}
      slotProps={{ htmlInput: { 'data-testid': 'language-select' } }}
      sx={{ minWidth: 160 }}
    >
      {LANGUAGES.map((l) => (
        <MenuItem key={l.value} value={l.value}>
          {l.label}
        </MenuItem>
      ))}
    </TextField>
  );
}
