import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { roleAtLeast } from '../../../shared/roles';
import { api } from '../../api/client';
import type { ChosenFile } from '../../api/uploads';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFilePicker } from '../../components/useFilePicker';
import { useReport } from '../reports/useReport';
import { BranchesCard } from './BranchesCard';
import { ExportPassphraseCard } from './ExportPassphraseCard';
import { MergeFileRow } from './MergeFileRow';
import { MergeLogCard } from './MergeLogCard';
import { inExportOrder, mergeOneByOne, runSummary, sameFile, type MergeOutcome } from './mergeRun';

interface Queued {
  file: ChosenFile;
  outcome: MergeOutcome;
}

/** 合并文件 (HQ): choose the branches' export files, merge them one by one, see each one's result; the branches' status and the merge log below. */
export function MergePage() {
  const { t } = useTranslation();
  const { staff } = useSession();
  const [queue, setQueue] = useState<Queued[]>([]);
  const [pickError, setPickError] = useState<unknown>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  const [finished, setFinished] = useState<ReturnType<typeof runSummary> | null>(null);
  // Merging changes the branches' status and the log: they read again after each run.
  const [merges, setMerges] = useState(0);
  // Whether HQ has the chain's export passphrase, read again once an admin sets or removes it.
  const [passphraseChanges, setPassphraseChanges] = useState(0);
  const { data: status } = useReport('hq.status', roleAtLeast(staff.role, 'manager') ? {} : null, passphraseChanges);

  // Any file may be chosen: one that is no export is refused with its reason, like any bad file.
  const picker = useFilePicker({
    filters: [
      { name: t('hq.merge.fileKind'), extensions: ['bdx'] },
      { name: t('common.allFiles'), extensions: ['*'] },
    ],
    multiple: true,
    testId: 'merge-input',
    onChosen: choose,
    onError: (error) => setPickError(() => error),
  });

  if (!roleAtLeast(staff.role, 'manager')) return <Alert severity="info">{t('hq.forbidden')}</Alert>;

  function choose(files: ChosenFile[]) {
    const chosen = inExportOrder(files);
    setPickError(null);
    setFinished(null);
    setQueue((q) => {
      // A file merged or refused earlier stays listed with its result; choosing it again queues it anew.
      const kept = q.filter((item) => !chosen.some((file) => sameFile(file, item.file)));
      // Files waiting from an earlier choice go in order with the new ones.
      const done = kept.filter((item) => item.outcome.state !== 'waiting');
      const waiting = [...kept.filter((item) => item.outcome.state === 'waiting').map((item) => item.file), ...chosen];
      return [...done, ...inExportOrder(waiting).map((file): Queued => ({ file, outcome: { state: 'waiting' } }))];
    });
  }

  async function start() {
    const waiting = queue.filter((item) => item.outcome.state === 'waiting');
    if (waiting.length === 0) return;
    setRunning(true);
    setFinished(null);
    setProgress({ done: 0, total: waiting.length });
    const outcomes: MergeOutcome[] = [];
    // One batch: HQ is backed up once, before its first file (docs/backup.md).
    const batch = crypto.randomUUID();
    await mergeOneByOne(
      waiting.map((item) => item.file),
      (fileInput) => api.call('hq.merge', { ...fileInput, batch }),
      (index, outcome) => {
        if (outcome.state !== 'merging') {
          outcomes.push(outcome);
          setProgress({ done: outcomes.length, total: waiting.length });
        }
        const file = waiting[index].file;
        setQueue((q) => q.map((item) => (item.file === file ? { ...item, outcome } : item)));
      },
    );
    setRunning(false);
    setFinished(runSummary(outcomes));
    setMerges((n) => n + 1);
  }

  const waitingCount = queue.filter((item) => item.outcome.state === 'waiting').length;

  return (
    <Stack spacing={3}>
      <Card>
        <CardContent>
          <Typography sx={{ mb: 2 }}>{t('hq.merge.intro')}</Typography>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            {picker.input}
            <Button variant="outlined" onClick={picker.open} disabled={running}>
              {t('hq.merge.choose')}
            </Button>
            <Button variant="contained" onClick={() => void start()} disabled={running || waitingCount === 0} data-testid="merge-start">
              {t('hq.merge.start')}
            </Button>
            <Button
              color="inherit"
              onClick={() => {
                setQueue([]);
                setFinished(null);
              }}
              disabled={running || queue.length === 0}
            >
              {t('hq.merge.clear')}
            </Button>
          </Stack>
          {pickError !== null && (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={pickError} />
            </Box>
          )}
          {(running || finished) && progress.total > 0 && (
            <Box sx={{ mt: 2 }}>
              <LinearProgress
                variant="determinate"
                value={(progress.done / progress.total) * 100}
                aria-label={t('hq.merge.progress', progress)}
              />
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }} data-testid="merge-progress">
                {t('hq.merge.progress', progress)}
              </Typography>
            </Box>
          )}
          {finished && (
            <Alert severity={finished.refused > 0 ? 'warning' : 'success'} sx={{ mt: 2 }} data-testid="merge-summary">
              {t('hq.merge.summary', finished)}
            </Alert>
          )}
          {queue.length === 0 ? (
            <Typography color="text.secondary" sx={{ mt: 2 }}>
              {t('hq.merge.none')}
            </Typography>
          ) : (
            <Box component="ul" sx={{ p: 0, m: 0, mt: 1 }}>
              {queue.map((item) => (
                <MergeFileRow
                  key={`${item.file.name}-${item.file.size}-${item.file.lastModified}`}
                  name={item.file.name}
                  size={item.file.size}
                  outcome={item.outcome}
                />
              ))}
            </Box>
          )}
        </CardContent>
      </Card>
      <BranchesCard refresh={merges} />
      <MergeLogCard refresh={merges} />
      {status && <ExportPassphraseCard kind="hq" isSet={status.exportPassphraseSet} onChanged={() => setPassphraseChanges((n) => n + 1)} />}
    </Stack>
  );
}
