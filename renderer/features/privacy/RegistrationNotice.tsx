import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import { NoticeText } from './NoticeText';

/** Beside the two consent boxes of a registration: the notice the customer reads before consenting. */
export function RegistrationNotice({ notice }: { notice: PrivacyNotice }) {
  const { t } = useTranslation();
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }}>
        {t('privacy.notice.shownAtRegistration')}
      </Typography>
      <NoticeText notice={notice} maxHeight={180} />
    </Box>
  );
}
