import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  FormHelperText,
  Link,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { GENDERS, MEMBER_NOTES_MAX } from '../../../shared/contract/members';
import { ApiError } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LongTextField } from '../../components/LongTextField';

export interface MemberFormValues {
  name: string;
  phone: string;
  gender: (typeof GENDERS)[number];
  birthday: string;
  email: string;
  address: string;
  notes: string;
  tags: string[];
  consentData: boolean;
  consentMarketing: boolean;
}

export const EMPTY_MEMBER: MemberFormValues = {
  name: '',
  phone: '',
  gender: 'unspecified',
  birthday: '',
  email: '',
  address: '',
  notes: '',
  tags: [],
  consentData: false,
  consentMarketing: false,
};

/** The form's fields as the members methods take them (empty text means "not given"). */
export function profileInput(v: MemberFormValues) {
  return {
    name: v.name,
    phone: v.phone,
    gender: v.gender,
    birthday: v.birthday || null,
    email: v.email || null,
    address: v.address || null,
    notes: v.notes || null,
    tags: v.tags,
    consentMarketing: v.consentMarketing,
  };
}

interface Props {
  mode: 'create' | 'edit';
  /** shown above the consent boxes at registration: the privacy notice the customer consents under */
  consentNotice?: ReactNode;
  initial: MemberFormValues;
  onSubmit: (values: MemberFormValues) => Promise<void>;
  onCancel: () => void;
}

/** The duplicate-phone refusal names the member who has the number: offer to open them. */
function ExistingMemberLink({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const existing = error.details.existing as { id: string; name: string; cardNo: string } | undefined;
  if (!existing?.cardNo) return null;
  return (
    <Alert severity="info">
      <Link component={RouterLink} to={`/members/${existing.id}`} data-testid="existing-member-link">
        {t('member.existing', { name: existing.name, cardNo: existing.cardNo })}
      </Link>
    </Alert>
  );
}

export function MemberForm({ mode, initial, onSubmit, onCancel, consentNotice }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState<MemberFormValues>(initial);
  const [error, setError] = useState<unknown>(null);
  /** the values the refused save sent: a field's error goes once the field is changed from them */
  const [refused, setRefused] = useState<MemberFormValues | null>(null);
  const [busy, setBusy] = useState(false);
  const changedSince = (key: string) =>
    refused !== null &&
    key in v &&
    JSON.stringify(v[key as keyof MemberFormValues]) !== JSON.stringify(refused[key as keyof MemberFormValues]);
  const marked = fieldErrors(t, error);
  const fields = Object.fromEntries(Object.entries(marked).filter(([key]) => !changedSince(key)));
  // The refusal was about fields only, and each has been changed since: its sentence goes too.
  const shown = Object.keys(marked).length > 0 && Object.keys(fields).length === 0 ? null : error;
  const text = (key: 'name' | 'phone' | 'email' | 'address') => ({
    name: key,
    value: v[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.target.value }),
    error: !!fields[key],
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
    } catch (err) {
      setError(err);
      setRefused(v);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate data-testid="member-form">
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2 }}>
        <TextField label={t('member.name')} required autoFocus={!initial.name} {...text('name')} helperText={fields.name} />
        <TextField
          label={t('member.phone')}
          required
          autoFocus={!!initial.name && !initial.phone}
          {...text('phone')}
          helperText={fields.phone ?? t('member.phoneHelp')}
          slotProps={{ htmlInput: { inputMode: 'tel' } }}
        />
        <TextField
          select
          label={t('member.gender')}
          name="gender"
          value={v.gender}
          onChange={(e) => setV({ ...v, gender: e.target.value as MemberFormValues['gender'] })}
        >
          {GENDERS.map((g) => (
            <MenuItem key={g} value={g}>
              {t(`member.genders.${g}`)}
            </MenuItem>
          ))}
        </TextField>
        <DateField
          name="birthday"
          label={t('member.birthday')}
          value={v.birthday}
          onChange={(birthday) => setV({ ...v, birthday })}
          error={fields.birthday}
        />
        <TextField label={t('member.email')} type="email" {...text('email')} helperText={fields.email} />
        <TextField label={t('member.address')} {...text('address')} helperText={fields.address} />
      </Box>
      <Autocomplete
        multiple
        freeSolo
        options={[]}
        value={v.tags}
        onChange={(_e, tags) => setV({ ...v, tags: tags.map((x) => String(x).trim()).filter(Boolean) })}
        renderValue={(tags, getItemProps) =>
          tags.map((tag, index) => <Chip size="small" label={tag} {...getItemProps({ index })} key={tag} />)
        }
        renderInput={(params) => (
          <TextField
            {...params}
            name="tags"
            label={t('member.tags')}
            helperText={fields.tags ?? t('member.tagsHelp')}
            error={!!fields.tags}
          />
        )}
      />
      <LongTextField
        name="notes"
        label={t('member.notes')}
        minRows={2}
        value={v.notes}
        onChange={(notes) => setV({ ...v, notes })}
        maxLength={MEMBER_NOTES_MAX}
        error={fields.notes}
      />
      {mode === 'create' && consentNotice}
      {/* One box for both consents: a label placed straight in the Stack loses its -11 px margin to
          the Stack's own, and its box then sits 11 px right of the other's and of the fields. */}
      <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }} data-testid="consent-boxes">
        {mode === 'create' && (
          <>
            <FormControlLabel
              control={
                <Checkbox checked={v.consentData} onChange={(e) => setV({ ...v, consentData: e.target.checked })} name="consentData" />
              }
              label={t('member.consentData')}
              sx={fields.consentData ? { color: 'error.main' } : undefined}
            />
            {fields.consentData && (
              <FormHelperText error data-testid="consent-error">
                {fields.consentData}
              </FormHelperText>
            )}
          </>
        )}
        <FormControlLabel
          control={
            <Checkbox
              checked={v.consentMarketing}
              onChange={(e) => setV({ ...v, consentMarketing: e.target.checked })}
              name="consentMarketing"
            />
          }
          label={t('member.consentMarketing')}
        />
      </Box>
      <ErrorAlert error={shown} />
      <ExistingMemberLink error={shown} />
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={busy} data-testid="member-submit">
          {mode === 'create' ? t('common.create') : t('common.save')}
        </Button>
      </Stack>
    </Stack>
  );
}
