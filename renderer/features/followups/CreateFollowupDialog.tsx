import { useEffect, useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  FOLLOWUP_CHANNELS,
  FOLLOWUP_KINDS,
  FOLLOWUP_NOTE_MAX,
  type FollowupChannel,
  type FollowupKind,
} from '../../../shared/contract/followups';
import type { OutputOf } from '../../../shared/contract/index';
import { addDaysTo } from '../../../shared/local-date';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { FormDialog } from '../../components/FormDialog';
import { DateField } from '../../components/DateField';
import { EnumSelect } from '../../components/EnumSelect';
import { formatDate, storeToday } from '../../components/format';
import { LongTextField } from '../../components/LongTextField';

/** The store's date a few days from now, as the date input wants it. */
function localDatePlus(days: number): string {
  return addDaysTo(storeToday(), days);
}

interface Props {
  open: boolean;
  member: { id: string; name: string };
  onClose: () => void;
  onCreated: (message: string) => void;
}

export function CreateFollowupDialog({ open, member, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<FollowupKind>('manual');
  const [channel, setChannel] = useState<FollowupChannel>('phone');
  const [dueDate, setDueDate] = useState(localDatePlus(1));
  const [assigneeId, setAssigneeId] = useState('');
  const [note, setNote] = useState('');
  const [colleagues, setColleagues] = useState<OutputOf<'staff.colleagues'>['items']>([]);
  useEffect(() => {
    if (open)
      void api.call('staff.colleagues', {}).then(
        (r) => setColleagues(r.items),
        () => setColleagues([]),
      );
  }, [open]);
  return (
    <FormDialog
      open={open}
      title={t('followups.create.title', { name: member.name })}
      submitLabel={t('followups.create.submit')}
      onClose={onClose}
      testId="create-followup-dialog"
      onSubmit={async () => {
        const r = await api.call('followups.create', { memberId: member.id, kind, channel, dueDate, assigneeId: assigneeId || null, note });
        setNote('');
        onCreated(t('followups.create.done', { date: formatDate(r.dueDate, i18n.language) }));
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            <DateField name="dueDate" label={t('followups.create.dueDate')} value={dueDate} onChange={setDueDate} error={fields.dueDate} />
            <EnumSelect
              name="kind"
              label={t('followups.create.kind')}
              value={kind}
              options={FOLLOWUP_KINDS}
              labels="followups.kinds"
              onChange={(k) => k && setKind(k)}
            />
            <EnumSelect
              name="channel"
              label={t('followups.create.channel')}
              value={channel}
              options={FOLLOWUP_CHANNELS}
              labels="followups.channels"
              onChange={(c) => c && setChannel(c)}
            />
            <TextField
              select
              name="assigneeId"
              label={t('followups.create.assignee')}
              value={assigneeId}
              onChange={(e) => setAssigneeId(e.target.value)}
              error={!!fields.assigneeId}
              helperText={fields.assigneeId}
            >
              <MenuItem value="">{t('followups.unassigned')}</MenuItem>
              {colleagues.map((c) => (
                <MenuItem key={c.id} value={c.id}>
                  {c.name}
                </MenuItem>
              ))}
            </TextField>
            <LongTextField
              name="note"
              autoFocus
              enterSubmits
              minRows={1}
              maxRows={6}
              label={t('followups.create.note')}
              value={note}
              onChange={setNote}
              maxLength={FOLLOWUP_NOTE_MAX}
              error={fields.note}
            />
          </>
        );
      }}
    </FormDialog>
  );
}
