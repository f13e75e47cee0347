import { useState } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  CardHeader,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CardNotice, Person } from '../../../shared/contract/hq';
import { formatTime } from '../../components/format';
import { consentRow } from '../privacy/consentText';
import { NoticeText } from '../privacy/NoticeText';
import { noticeDated } from '../privacy/noticeWords';

interface Reading {
  notice: CardNotice;
  branch: string;
}

/**
 * 同意记录 on HQ's person page: each branch's card with the consents given and withdrawn there,
 * worded as the member page words them, and the notice versions they name, to read as the
 * customer read them. What HQ proves consent with (docs/hq.md "Consent history").
 */
export function CardConsents({ branches }: { branches: Person['branches'] }) {
  const { t, i18n } = useTranslation();
  const [reading, setReading] = useState<Reading | null>(null);
  return (
    <Card>
      <CardHeader
        title={t('hq.consents.title')}
        subheader={t('hq.consents.intro')}
        slotProps={{ title: { variant: 'h6', component: 'h2' }, subheader: { variant: 'body2' } }}
      />
      <CardContent sx={{ pt: 0 }} data-testid="person-consents">
        <Stack spacing={2}>
          {branches.map((b) => (
            <Box key={b.memberId} data-member={b.memberId}>
              <Typography variant="subtitle2" component="h3">
                {t('hq.consents.card', { branch: b.branch.name, code: b.branch.code, cardNo: b.cardNo })}
              </Typography>
              {b.consents.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('hq.consents.none')}
                </Typography>
              ) : (
                <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
                  {b.consents.map((c) => (
                    <Typography component="li" variant="body2" key={c.id} data-kind={c.kind} data-granted={c.granted}>
                      {consentRow(t, c, i18n.language)}
                    </Typography>
                  ))}
                </Box>
              )}
              {b.notices.length > 0 && (
                <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap' }} useFlexGap>
                  {b.notices.map((n) => (
                    <Button
                      size="small"
                      key={`${n.version} ${n.createdAt}`}
                      onClick={() => setReading({ notice: n, branch: b.branch.name })}
                      data-testid="person-notice-open"
                    >
                      {t('privacy.notice.open', { version: n.version })}
                    </Button>
                  ))}
                </Stack>
              )}
            </Box>
          ))}
        </Stack>
      </CardContent>
      <Dialog open={reading !== null} onClose={() => setReading(null)} maxWidth="sm" fullWidth>
        <DialogTitle>{t('hq.consents.noticeTitle', { branch: reading?.branch ?? '' })}</DialogTitle>
        <DialogContent>
          {reading && (
            <>
              <NoticeText notice={{ ...reading.notice, createdByName: null }} maxHeight={480} />
              <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 1 }}>
                {reading.notice.shipped
                  ? noticeDated({ ...reading.notice, createdByName: null }, t, i18n.language)
                  : t('hq.consents.savedAt', { at: formatTime(reading.notice.createdAt, i18n.language) })}
              </Typography>
            </>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReading(null)}>{t('common.close')}</Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
