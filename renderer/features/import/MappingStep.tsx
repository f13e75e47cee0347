import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asksYearLast, fieldName, mappingProblems, requiredFields } from './importText';
import { MappingTable } from './MappingTable';

type YearLast = NonNullable<ImportSession['yearLast']>;

/**
 * The second step: which field each column of the file is (guessed from its header, or as the
 * last import of the same headers had it), and how dates with the year last are written when
 * the file has any. 预览 reads and checks every row; on a large file that takes seconds, shown
 * by a bar. A mapping the services refuse is said beside the column it is about.
 */
export function MappingStep({
  session,
  onSession,
  onDrop,
}: {
  session: ImportSession;
  onSession: (session: ImportSession) => void;
  onDrop: () => void;
}) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<(string | null)[]>(session.mapping);
  const [yearLast, setYearLast] = useState<YearLast | ''>(session.yearLast ?? '');
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = mappingProblems(t, session.kind, error);
  const file = session.file;

  async function preview() {
    setPreviewing(true);
    setError(null);
    try {
      onSession(await api.call('import.preview', { id: session.id, mapping, yearLast: yearLast || null }));
    } catch (err) {
      setError(() => err);
    } finally {
      setPreviewing(false);
    }
  }

  const required = requiredFields(session.kind).map((f) => fieldName(t, f));
  const format = file.kind === 'xlsx' ? t('importPage.mapping.xlsx', { sheet: file.sheet ?? '' }) : (file.encoding ?? '').toUpperCase();

  return (
    <Card>
      <CardContent>
        <Stack spacing={2}>
          <Box>
            <Typography variant="h6" component="h2">
              {t('importPage.mapping.title', { name: session.fileName })}
            </Typography>
            <Typography variant="body2" color="text.secondary" data-testid="import-file-line">
              {t(`importPage.kinds.${session.kind}`)} · {format} · {t('importPage.mapping.columns', { count: file.headers.length })}
            </Typography>
          </Box>
          {session.mappingRemembered && (
            <Alert severity="info" data-testid="mapping-remembered">
              {t('importPage.mapping.remembered')}
            </Alert>
          )}
          {session.state === 'failed' && !error && <Alert severity="error">{t('importPage.mapping.failed')}</Alert>}
          <Typography variant="body2">
            {session.kind === 'sales'
              ? t('importPage.mapping.requiredSales', { fields: required.join(t('importPage.listSeparator')) })
              : t('importPage.mapping.required', { fields: required.join(t('importPage.listSeparator')) })}
          </Typography>
          <MappingTable
            session={session}
            mapping={mapping}
            problems={problems?.columns ?? {}}
            disabled={previewing}
            onChange={(column, field) => setMapping((m) => m.map((f, i) => (i === column ? field : f)))}
          />
          {asksYearLast(session, mapping) && (
            <TextField
              select
              label={t('importPage.mapping.yearLast')}
              helperText={t('importPage.mapping.yearLastHelp')}
              value={yearLast}
              onChange={(e) => setYearLast(e.target.value as YearLast | '')}
              disabled={previewing}
              sx={{ maxWidth: 420 }}
              data-testid="mapping-year-last"
            >
              <MenuItem value="">{t('importPage.mapping.yearLastUnset')}</MenuItem>
              <MenuItem value="monthFirst">{t('importPage.mapping.monthFirst')}</MenuItem>
              <MenuItem value="dayFirst">{t('importPage.mapping.dayFirst')}</MenuItem>
            </TextField>
          )}
          {problems && problems.general.length > 0 && (
            <Alert severity="error" role="alert" data-testid="mapping-problems">
              {problems.general.join(t('importPage.listSeparator'))}
            </Alert>
          )}
          {!problems && <ErrorAlert error={error} />}
          {previewing && (
            <Box role="status">
              <Typography variant="body2">{t('importPage.mapping.previewing')}</Typography>
              <LinearProgress sx={{ mt: 0.5 }} aria-label={t('importPage.mapping.previewing')} />
            </Box>
          )}
          <Stack direction="row" spacing={1.5}>
            <Button variant="contained" onClick={() => void preview()} disabled={previewing} data-testid="import-preview">
              {t('importPage.mapping.preview')}
            </Button>
            <Button color="inherit" onClick={onDrop} disabled={previewing}>
              {t('importPage.chooseAnother')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}
