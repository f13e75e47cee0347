import type { KeyboardEvent } from 'react';
import { Box, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** the service's limit, from the method's schema (FEEDBACK_TEXT_MAX, MEMBER_NOTES_MAX, …): never a number of the form's own */
  maxLength: number;
  /** the translated problem, if the service refused the text */
  error?: string;
  /** a hint beside the counter when there is no problem */
  helperText?: string;
  autoFocus?: boolean;
  required?: boolean;
  minRows?: number;
  /** how tall the box may grow before it scrolls inside */
  maxRows?: number;
  /**
   * Enter sends the form, Shift+Enter starts a new line: for a note in a dialog whose other
   * fields all send with Enter. Not while an input method is composing (its Enter picks 汉字).
   */
  enterSubmits?: boolean;
}

/**
 * A long text (a complaint, a resolution, a note, a script) with a counter against the service's
 * limit, and a box that stops growing at maxRows and scrolls inside, so a pasted page never pushes
 * the dialog's buttons off the screen. Over the limit the counter turns red; the service says
 * the same in words when the form is sent, and nothing is cut off without the clerk seeing it.
 */
export function LongTextField({
  name,
  label,
  value,
  onChange,
  maxLength,
  error,
  helperText,
  autoFocus,
  required,
  minRows = 3,
  maxRows = 8,
  enterSubmits,
}: Props) {
  const { t } = useTranslation();
  // Counted as the schema's max counts (string length), so the counter turns red where the service refuses.
  const over = value.length > maxLength;
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!enterSubmits || e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    (e.target as HTMLElement).closest('form')?.requestSubmit();
  };
  return (
    <TextField
      name={name}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
      multiline
      minRows={minRows}
      maxRows={maxRows}
      autoFocus={autoFocus}
      required={required}
      error={!!error || over}
      helperText={
        <Box component="span" sx={{ display: 'flex', gap: 1 }}>
          <Box component="span" sx={{ flex: 1 }}>
            {error ?? helperText}
          </Box>
          <Box
            component="span"
            sx={{ whiteSpace: 'nowrap', color: over ? 'error.main' : 'text.secondary' }}
            data-testid={`${name}-counter`}
          >
            {t('common.charCount', { length: value.length, max: maxLength })}
          </Box>
        </Box>
      }
    />
  );
}
