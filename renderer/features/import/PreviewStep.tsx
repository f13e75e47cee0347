import { useState } from 'react';
import { Box, Button, Card, CardContent, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadFile, CSV_MIME, fileStem } from '../../components/reports/exportFile';
import { CleaningPanel } from './CleaningPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { count } from './importText';
import { PreviewSummary } from './PreviewSummary';
import { ProblemsPanel } from './ProblemsPanel';
import { rejectedCsv, rejectedFileName } from './rejectedFile';

type Section = 'problems' | 'cleaning' | 'duplicates';

/**
 * The third step: what the import would do with every row, nothing written yet — the counts and
 * what is worth saying first, then the refused rows, the cleaning, and the duplicates to decide.
 * The refused rows download as a CSV to fix and import again.
 */
export function PreviewStep({
  session,
  onSession,
  onRemap,
  onNext,
  onDrop,
}: {
  session: ImportSession;
  onSession: (session: ImportSession) => void;
  onRemap: () => void;
  onNext: () => void;
  onDrop: () => void;
}) {
  const { t } = useTranslation();
  const counts = session.counts;
  const [section, setSection] = useState<Section>(counts && counts.invalid === 0 && counts.duplicatePairs > 0 ? 'duplicates' : 'problems');
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const importable = (counts?.create ?? 0) + (counts?.update ?? 0);

  async function downloadRejected() {
    setDownloading(true);
    setError(null);
    try {
      const rejected = await api.call('import.rejected', { id: session.id });
      downloadFile(rejectedCsv(t, rejected), `${fileStem(rejectedFileName(t, session.fileName))}.csv`, CSV_MIME);
    } catch (err) {
      setError(() => err);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Stack spacing={2}>
      <PreviewSummary session={session} />
      <Card>
        <Box sx={{ borderBottom: 1, borderColor: 'divider', px: 2 }}>
          <Tabs value={section} onChange={(_e, s: Section) => setSection(s)} aria-label={t('importPage.preview.sectionsLabel')}>
            <Tab
              value="problems"
              label={t('importPage.preview.sections.problems', { count: count(counts?.invalid) })}
              data-testid="tab-problems"
            />
            <Tab
              value="cleaning"
              label={t('importPage.preview.sections.cleaning', { count: count(session.cleaning.length) })}
              data-testid="tab-cleaning"
            />
            {/* A sale is never a duplicate to decide: a receipt or a row seen before is left out (the notices say so). */}
            {session.kind === 'members' && (
              <Tab
                value="duplicates"
                label={t('importPage.preview.sections.duplicates', { count: count(counts?.duplicatePairs) })}
                data-testid="tab-duplicates"
              />
            )}
          </Tabs>
        </Box>
        <CardContent>
          {section === 'problems' && (
            <ProblemsPanel
              session={session}
              download={
                <Button
                  variant="outlined"
                  size="small"
                  onClick={() => void downloadRejected()}
                  disabled={downloading || (counts?.invalid ?? 0) === 0}
                  data-testid="import-download-rejected"
                >
                  {t('importPage.preview.downloadRejected')}
                </Button>
              }
            />
          )}
          {section === 'cleaning' && <CleaningPanel session={session} />}
          {section === 'duplicates' && <DuplicatesPanel session={session} onSession={onSession} />}
        </CardContent>
      </Card>
      <ErrorAlert error={error} />
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <Button variant="contained" onClick={onNext} disabled={importable === 0} data-testid="import-next">
          {t('importPage.preview.next')}
        </Button>
        <Button onClick={onRemap}>{t('importPage.preview.remap')}</Button>
        <Button color="inherit" onClick={onDrop}>
          {t('importPage.chooseAnother')}
        </Button>
        {importable === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('importPage.preview.nothing')}
          </Typography>
        )}
      </Stack>
    </Stack>
  );
}
