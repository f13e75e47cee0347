import { useState } from 'react';
import { Alert, Box, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { PrivacyNotice } from '../../../shared/contract/consent';
import { noticeTextIn, type NoticeLanguage } from './noticeWords';

/**
 * The privacy notice as the customer reads it, with its version: at registration and on the member
 * page. It opens in the screen's language where the version has that text; the other language is
 * one tap away, since the customer may not read the clerk's.
 */
export function NoticeText({ notice, maxHeight = 220 }: { notice: PrivacyNotice; maxHeight?: number }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<NoticeLanguage | null>(null);
  const shown = noticeTextIn(notice, chosen ?? i18n.language);
  const noEnglish = i18n.language.startsWith('en') && notice.textEn === null;
  return (
    <Box data-testid="privacy-notice" data-version={notice.version} data-language={shown.language}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <Typography variant="subtitle2" sx={{ flex: 1 }}>
          {t('privacy.notice.version', { version: notice.version })}
        </Typography>
        {notice.textEn !== null && (
          <ToggleButtonGroup
            size="small"
            exclusive
            value={shown.language}
            onChange={(_e, language: NoticeLanguage | null) => language && setChosen(language)}
            aria-label={t('privacy.notice.languages')}
            data-testid="privacy-notice-language"
          >
            <ToggleButton value="zh-CN" lang="zh-CN" sx={{ py: 0.25 }}>
              {t('privacy.notice.languageZh')}
            </ToggleButton>
            <ToggleButton value="en" lang="en" sx={{ py: 0.25 }}>
              {t('privacy.notice.languageEn')}
            </ToggleButton>
          </ToggleButtonGroup>
        )}
      </Stack>
      {noEnglish && (
        <Alert severity="info" sx={{ mb: 0.5, py: 0 }} data-testid="privacy-notice-no-english">
          {t('privacy.notice.noEnglish')}
        </Alert>
      )}
      <Box
        lang={shown.language}
        sx={{ maxHeight, overflowY: 'auto', whiteSpace: 'pre-wrap', bgcolor: 'action.hover', p: 1.5, borderRadius: 1, fontSize: 14 }}
        tabIndex={0}
        data-testid="privacy-notice-text"
      >
        {shown.text}
      </Box>
    </Box>
  );
}
