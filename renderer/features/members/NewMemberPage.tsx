import { useEffect, useState } from 'react';
import { Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import { api } from '../../api/client';
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
  useEffect(() => {
    api.call('privacy.notice', {}).then(setNotice, setError);
  }, []);

  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('member.newTitle')}
      </Typography>
      <ErrorAlert error={error} />
      <MemberForm
        mode="create"
        initial={initial}
        consentNotice={notice && <RegistrationNotice notice={notice} />}
        onCancel={() => navigate('/')}
        onSubmit={async (v) => {
          const member = await api.call('members.create', {
            ...profileInput(v),
            consentData: v.consentData,
            ...(notice ? { noticeVersion: notice.version } : {}),
          });
          navigate(`/members/${member.id}`, { state: { created: member.cardNo } });
        }}
      />
    </Paper>
  );
}
