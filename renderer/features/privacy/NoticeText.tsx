import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PrivacyNotice } from '../../../shared/contract/consent';

/** The privacy notice as the customer reads it, with its version: at registration and on the member page. */
export function NoticeText({ notice, maxHeight = 220 }: { notice: PrivacyNotice; maxHeight?: number }) {
  const { t } = useTranslation();
  return (
    <Box data-testid="privacy-notice" data-version={notice.version}>
      <Typography variant="subtitle2">{t('privacy.notice.version', { version: notice.version })}</Typography>
      <Box
        sx={{ maxHeight, overflowY: 'auto', whiteSpace: 'pre-wrap', bgcolor: 'action.hover', p: 1.5, borderRadius: 1, fontSize: 14 }}
        tabIndex={0}
      >
        {notice.text}
      </Box>
    </Box>
  );
}
