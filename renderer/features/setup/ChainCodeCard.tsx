import { useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { CenteredCard } from '../../components/CenteredCard';

/** After an HQ is set up: its chain code, large, and what to do with it. */
export function ChainCodeCard({ chainCode, onContinue }: { chainCode: string; onContinue: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <CenteredCard title={t('setup.hqDone')}>
      <Typography color="text.secondary">{t('setup.chainCodeIs')}</Typography>
      <Box
        sx={{
          my: 2,
          py: 2,
          textAlign: 'center',
          border: 2,
          borderColor: 'primary.main',
          borderRadius: 2,
          fontFamily: 'monospace',
          fontSize: '2rem',
          fontWeight: 700,
          letterSpacing: '0.1em',
          userSelect: 'all',
        }}
        data-testid="chain-code"
      >
        {chainCode}
      </Box>
      <Typography sx={{ mb: 3 }}>{t('setup.chainCodeTell')}</Typography>
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'flex-end' }}>
        <Button onClick={() => void navigator.clipboard?.writeText(chainCode).then(() => setCopied(true))}>
          {copied ? t('setup.copied') : t('setup.copy')}
        </Button>
        <Button variant="contained" onClick={onContinue} autoFocus>
          {t('setup.toLogin')}
        </Button>
      </Stack>
    </CenteredCard>
  );
}
