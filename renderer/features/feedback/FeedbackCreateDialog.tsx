import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CHANNELS,
  FEEDBACK_KINDS,
  FEEDBACK_SEVERITIES,
  FEEDBACK_TEXT_MAX,
  type Feedback,
} from '../../../shared/contract/feedback';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { EnumSelect } from '../../components/EnumSelect';
import { LongTextField } from '../../components/LongTextField';

interface Props {
  open: boolean;
  /** the member it is about; none for anonymous feedback */
  member: { id: string; name: string } | null;
  onClose: () => void;
  onCreated: (f: Feedback) => void;
}

/** A complaint (or suggestion, or praise) as the customer tells it. */
export function FeedbackCreateDialog({ open, member, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const empty = { kind: 'complaint', category: 'service', severity: 'medium', channel: 'in_store', description: '', contact: '' };
  const [v, setV] = useState(empty);
  const choose = (name: keyof typeof empty, options: readonly string[], prefix: string) => (
    <EnumSelect
      name={name}
      label={t(`feedback.fields.${name}`)}
      value={v[name]}
      options={options}
      labels={`feedback.${prefix}`}
      onChange={(value) => setV({ ...v, [name]: value })}
    />
  );
  return (
    <FormDialog
      open={open}
      title={member ? `${t('feedback.record')} · ${member.name}` : t('feedback.recordAnonymous')}
      submitLabel={t('common.create')}
      testId="feedback-dialog"
      onClose={() => {
        setV(empty);
        onClose();
      }}
      onSubmit={async () => {
        const created = await api.call('feedback.create', {
          memberId: member?.id ?? null,
          kind: v.kind as Feedback['kind'],
          category: v.category as Feedback['category'],
          severity: v.severity as Feedback['severity'],
          channel: v.channel as Feedback['channel'],
          description: v.description,
          contact: member ? undefined : v.contact,
        });
        setV(empty);
        onCreated(created);
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            {choose('kind', FEEDBACK_KINDS, 'kinds')}
            {choose('category', FEEDBACK_CATEGORIES, 'categories')}
            {choose('severity', FEEDBACK_SEVERITIES, 'severities')}
            {choose('channel', FEEDBACK_CHANNELS, 'channels')}
            <LongTextField
              name="description"
              autoFocus
              label={t('feedback.fields.description')}
              value={v.description}
              onChange={(description) => setV({ ...v, description })}
              maxLength={FEEDBACK_TEXT_MAX}
              error={fields.description}
            />
            {!member && (
              <TextField
                name="contact"
                label={t('feedback.fields.contact')}
                value={v.contact}
                onChange={(e) => setV({ ...v, contact: e.target.value })}
                error={!!fields.contact}
                helperText={fields.contact}
              />
            )}
          </>
        );
      }}
    </FormDialog>
  );
}
