import { useState } from 'react';
import { Alert, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FOLLOWUP_CHANNELS, FOLLOWUP_NOTE_MAX, type FollowupChannel } from '../../../shared/contract/followups';
import type { RfmSegment } from '../../../shared/contract/reports';
import type { SegmentFollowupsResult } from '../../../shared/contract/segment-actions';
import { addDaysTo } from '../../../shared/local-date';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { EnumSelect } from '../../components/EnumSelect';
import { formatDate, storeToday } from '../../components/format';
import { FormDialog } from '../../components/FormDialog';
import { LongTextField } from '../../components/LongTextField';
import { rfmInput, type RfmParams } from './rfmParams';

function tomorrow(): string {
  return addDaysTo(storeToday(), 1);
}

interface Props {
  open: boolean;
  params: RfmParams;
  segment: RfmSegment;
  /** the date the page's segments were scored on: the tasks go to the members it lists */
  asOf: string;
  /** members in the segment, as the list says */
  members: number;
  onClose: () => void;
  onDone: (result: SegmentFollowupsResult) => void;
}

/** Due date, channel and purpose, then one manual follow-up for each member of the segment. */
export function SegmentFollowupsDialog({ open, params, segment, asOf, members, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const [dueDate, setDueDate] = useState(tomorrow);
  const [channel, setChannel] = useState<FollowupChannel>('phone');
  const [note, setNote] = useState('');
  const a = (key: string) => t(`reports.rfm.actions.${key}`);
  return (
    <FormDialog
      open={open}
      title={t('reports.rfm.actions.followupsTitle', { segment: t(`reports.rfm.segments.${segment}`) })}
      submitLabel={a('submit')}
      onClose={onClose}
      testId="segment-followups-dialog"
      onSubmit={async () => {
        onDone(await api.call('reports.segmentFollowups', { ...rfmInput(params), asOf, segment, dueDate, channel, note }));
      }}
    >
      {(error) => {
        const fields = fieldErrors(t, error);
        return (
          <>
            <Typography variant="body2" color="text.secondary">
              {t('reports.rfm.actions.followupsIntro', { count: members, asOf: formatDate(asOf, i18n.language) })}
            </Typography>
            <Alert severity="info" data-testid="segment-followups-kind">
              {a('followupsMarketing')}
            </Alert>
            <DateField name="dueDate" label={a('dueDate')} value={dueDate} onChange={setDueDate} error={fields.dueDate} />
            <EnumSelect
              name="channel"
              label={a('channel')}
              value={channel}
              options={FOLLOWUP_CHANNELS}
              labels="followups.channels"
              onChange={(c) => c && setChannel(c)}
            />
            <LongTextField
              name="note"
              autoFocus
              enterSubmits
              minRows={1}
              maxRows={6}
              label={a('note')}
              value={note}
              onChange={setNote}
              maxLength={FOLLOWUP_NOTE_MAX}
              error={fields.note}
              helperText={a('noteHelp')}
            />
          </>
        );
      }}
    </FormDialog>
  );
}
