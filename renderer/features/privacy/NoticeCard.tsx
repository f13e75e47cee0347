import { useEffect, useState } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { NOTICE_TEXT_MAX, type PrivacyNotice } from '../../../shared/contract/consent';
import { api } from '../../api/client';
import { fieldErrors } from '../../api/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { noticeDated } from './noticeWords';

/**
 * 隐私告知 in 设置 (admins): the texts registration shows, Chinese (required) and English
 * (optional); a change to either is saved as the next version, which covers both.
 */
export function NoticeCard() {
  const { t, i18n } = useTranslation();
  const [current, setCurrent] = useState<PrivacyNotice | null>(null);
  const [text, setText] = useState('');
  const [textEn, setTextEn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fields = fieldErrors(t, error);

  useEffect(() => {
    api.call('privacy.notice', {}).then((n) => {
      setCurrent(n);
      setText(n.text);
      setTextEn(n.textEn ?? '');
    }, setError);
  }, []);

  async function save() {
    try {
      const r = await api.call('privacy.saveNotice', { text, textEn });
      setCurrent(r.notice);
      setText(r.notice.text);
      setTextEn(r.notice.textEn ?? '');
      setSaved(r.created ? t('privacy.notice.saved', { version: r.notice.version }) : t('privacy.notice.unchanged'));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Box data-testid="privacy-notice-card">
      <Typography variant="h6" component="h2">
        {t('privacy.notice.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('privacy.notice.settingsHelp')}
      </Typography>
      {current && (
        <Stack spacing={1.5}>
          <Typography variant="body2" data-testid="privacy-notice-current">
            {current.createdByName
              ? t('privacy.notice.current', {
                  version: current.version,
                  at: noticeDated(current, t, i18n.language),
                  by: current.createdByName,
                })
              : t('privacy.notice.currentSetup', { version: current.version, at: noticeDated(current, t, i18n.language) })}
          </Typography>
          <TextField
            name="noticeText"
            label={t('privacy.notice.text')}
            multiline
            minRows={6}
            maxRows={16}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(null);
            }}
            error={!!fields.text}
            helperText={fields.text ?? t('common.charCount', { length: text.length, max: NOTICE_TEXT_MAX })}
            slotProps={{ htmlInput: { maxLength: NOTICE_TEXT_MAX, lang: 'zh-CN' } }}
          />
          <TextField
            name="noticeTextEn"
            label={t('privacy.notice.textEn')}
            multiline
            minRows={4}
            maxRows={16}
            value={textEn}
            onChange={(e) => {
              setTextEn(e.target.value);
              setSaved(null);
            }}
            error={!!fields.textEn}
            helperText={
              fields.textEn ?? `${t('privacy.notice.textEnHelp')} ${t('common.charCount', { length: textEn.length, max: NOTICE_TEXT_MAX })}`
            }
            slotProps={{ htmlInput: { maxLength: NOTICE_TEXT_MAX, lang: 'en' } }}
          />
          <ErrorAlert error={error} />
          {current && text.trim() !== current.text && textEn.trim() !== '' && textEn.trim() === (current.textEn ?? '') && (
            // The new version would show customers on an English screen the old English words.
            <Alert severity="warning" data-testid="privacy-notice-english-stale">
              {t('privacy.notice.englishUnchanged')}
            </Alert>
          )}
          {saved && <Alert severity="success">{saved}</Alert>}
          <div>
            <Button
              variant="contained"
              onClick={() => void save()}
              disabled={text.trim() === current.text && textEn.trim() === (current.textEn ?? '')}
              data-testid="privacy-notice-save"
            >
              {t('privacy.notice.save')}
            </Button>
          </div>
        </Stack>
      )}
    </Box>
  );
}
