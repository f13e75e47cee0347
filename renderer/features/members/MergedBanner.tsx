import { Alert, Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Member } from '../../../shared/contract/members';
import { formatTime } from '../../components/format';

/** On a merged duplicate's page: where its records went, one click away. */
export function MergedBanner({ member }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const into = member.mergedInto;
  if (!into) return null;
  return (
    <Alert
      severity="warning"
      data-testid="merged-banner"
      action={
        <Button color="inherit" variant="outlined" onClick={() => navigate(`/members/${into.id}`)} data-testid="merged-open">
          {t('memberMerge.open', { name: into.name })}
        </Button>
      }
    >
      {t('memberMerge.banner', { at: formatTime(member.mergedAt, i18n.language), name: into.name, cardNo: into.cardNo })}
    </Alert>
  );
}
