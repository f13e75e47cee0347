import { Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { EMPTY_MEMBER, MemberForm, profileInput } from './MemberForm';

export function NewMemberPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initial = { ...EMPTY_MEMBER, phone: params.get('phone') ?? '', name: params.get('name') ?? '' };

  return (
    <Paper sx={{ p: 3 }}>
      <Typography variant="h5" component="h1" gutterBottom>
        {t('member.newTitle')}
      </Typography>
      <MemberForm
        mode="create"
        initial={initial}
        onCancel={() => navigate('/')}
        onSubmit={async (v) => {
          const member = await api.call('members.create', { ...profileInput(v), consentData: v.consentData });
          navigate(`/members/${member.id}`, { state: { created: member.cardNo } });
        }}
      />
    </Paper>
  );
}
