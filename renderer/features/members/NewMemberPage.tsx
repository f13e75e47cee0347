import { useEffect, useState } from 'react';
import { Alert, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EMPTY_MEMBER, MemberForm, profileInput } from './MemberForm';
import { RegistrationNotice } from '../privacy/RegistrationNotice';

export function NewMemberPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initial = { ...EMPTY_MEMBER, phone: params.get('phone') ?? '', name: params.get('name') ?? '' };
  // The customer consents under the notice shown: its version goes with the registration.
  const [notice, setNotice] = useState<PrivacyNotice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [noticeChanged, setNoticeChanged] = useState(false);
  useEffect(() => {
    api.call('privacy.notice', {}).then(setNotice, setError);
  }, []);

  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('member.newTitle')}
      </Typography>
      <ErrorAlert error={error} />
      {noticeChanged && notice && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="notice-changed">
          {t('privacy.notice.changed', { version: notice.version })}
        </Alert>
      )}
      <MemberForm
        mode="create"
        initial={initial}
        consentNotice={notice && <RegistrationNotice notice={notice} />}
        onCancel={() => navigate('/')}
        onSubmit={async (v) => {
          let member;
          try {
            member = await api.call('members.create', {
              ...profileInput(v),
              consentData: v.consentData,
              ...(notice ? { noticeVersion: notice.version } : {}),
            });
          } catch (err) {
            // An admin saved a new notice meanwhile: show it, and the clerk submits again once read.
            if (!(err instanceof ApiError) || err.details.reason !== 'notice_changed') throw err;
            setNotice(await api.call('privacy.notice', {}));
            setNoticeChanged(true);
            return;
          }
          navigate(`/members/${member.id}`, { state: { created: member.cardNo } });
        }}
      />
    </Paper>
  );
}
