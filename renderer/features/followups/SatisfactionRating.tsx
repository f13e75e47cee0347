import { Rating } from '@mui/material';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** What a screen reader says for each star: MUI's default is English ("4 Stars") in both languages. */
export function satisfactionLabel(t: TFunction, value: number): string {
  return t('followups.complete.satisfactionScore', { value });
}

interface Props {
  value: number | null;
  onChange: (value: number | null) => void;
}

/** Satisfaction 1–5 as stars, read out in the staff member's language. */
export function SatisfactionRating({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Rating
      name="satisfaction"
      value={value}
      onChange={(_, v) => onChange(v)}
      size="large"
      getLabelText={(v) => satisfactionLabel(t, v)}
      emptyLabelText={t('followups.complete.satisfactionNone')}
      data-testid="satisfaction"
    />
  );
}
