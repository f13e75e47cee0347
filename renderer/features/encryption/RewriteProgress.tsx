import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { rewriteView, type RewriteStart, type RewriteView } from './rewriteWatch';

/** How often the page asks how far the rewrite is: the only call the services answer meanwhile. */
const POLL_MS = 500;

interface Props {
  start: RewriteStart;
  /** the store is open again under its new key: every session has ended */
  onDone: () => void;
  /** it opened again locked: the unlock screen */
  onLocked: () => void;
  /** after a failure, back to the app as it was */
  onBack: () => void;
}

/**
 * The whole window while the database file is rewritten (encryption turned on, the passphrase
 * changed): the counter cannot be used meanwhile, as every other call waits for the rewrite.
 */
export function RewriteProgress({ start, onDone, onLocked, onBack }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<RewriteView>({ phase: 'running', step: 'backup', percent: null });
  // The latest callbacks, read when the rewrite ends: the polling starts once per rewrite, not per render.
  const ended = useRef({ onDone, onLocked });
  ended.current = { onDone, onLocked };

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = rewriteView(await api.call('encryption.status', {}), start);
        if (stopped) return;
        setView(next);
        if (next.phase === 'done') return ended.current.onDone();
        if (next.phase === 'locked') return ended.current.onLocked();
        if (next.phase === 'failed') return;
      } catch {
        // The host closes and opens the store around the rewrite: a call may fail meanwhile; ask again.
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [start]);

  const title = t(start.kind === 'enable' ? 'encryption.progress.titleEnable' : 'encryption.progress.titleChange');
  return (
    <CenteredCard title={title}>
      <Box data-testid="rewrite-progress">
        {view.phase === 'failed' ? (
          <Stack spacing={2}>
            <Alert severity="error" role="alert" data-testid="rewrite-failed">
              {t(`encryption.progress.failed.${view.reason}`)}
            </Alert>
            <Box>
              <Button variant="contained" onClick={onBack} data-testid="rewrite-back">
                {t('encryption.progress.back')}
              </Button>
            </Box>
          </Stack>
        ) : (
          <Stack spacing={1.5}>
            <Typography data-testid="rewrite-step">
              {view.phase === 'running' && view.step === 'rewrite' ? t('encryption.progress.rewrite') : t('encryption.progress.backup')}
              {view.phase === 'running' && view.percent !== null && ` ${t('encryption.progress.percent', { percent: view.percent })}`}
            </Typography>
            <LinearProgress
              variant={view.phase === 'running' && view.percent !== null ? 'determinate' : 'indeterminate'}
              value={view.phase === 'running' && view.percent !== null ? view.percent : undefined}
              aria-label={title}
            />
            <Typography variant="body2" color="text.secondary">
              {t('encryption.progress.wait')}
            </Typography>
          </Stack>
        )}
      </Box>
    </CenteredCard>
  );
}
