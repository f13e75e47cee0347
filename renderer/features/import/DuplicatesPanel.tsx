import { useState } from 'react';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DuplicateChoice, ImportSession } from '../../../shared/contract/import';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager } from '../hq/Pager';
import { useReport } from '../reports/useReport';
import { DuplicatePair } from './DuplicatePair';
import { count } from './importText';

const PAGE_SIZE = 10;

/**
 * 重复: each row that is, or may be, someone already in the store or earlier in the file, side
 * by side with a choice of what to do with it; every possible duplicate can be decided at once.
 */
export function DuplicatesPanel({ session, onSession }: { session: ImportSession; onSession: (session: ImportSession) => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  const [choices, setChoices] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const {
    data,
    error: loadError,
    loading,
  } = useReport('import.duplicates', { id: session.id, offset: page * PAGE_SIZE, limit: PAGE_SIZE }, choices);
  const possible = session.counts?.possibleDuplicates ?? 0;

  async function choose(choice: DuplicateChoice, row?: number) {
    setBusy(true);
    setError(null);
    try {
      onSession(await api.call('import.choose', { id: session.id, choice, ...(row === undefined ? {} : { row }) }));
      setChoices((n) => n + 1);
    } catch (err) {
      setError(() => err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack spacing={1.5} data-testid="import-duplicates">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="body2" sx={{ flex: 1, minWidth: 240 }}>
          {(session.counts?.duplicatePairs ?? 0) === 0 ? t('importPage.duplicates.none') : t('importPage.duplicates.intro')}
        </Typography>
        <Pager page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} loading={loading} onPage={setPage} />
      </Stack>
      {possible > 0 && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="duplicates-bulk">
          <Typography variant="body2">{t('importPage.duplicates.bulk', { count: count(possible) })}</Typography>
          <Button size="small" variant="outlined" disabled={busy} onClick={() => void choose('create')}>
            {t('importPage.duplicates.bulkCreate')}
          </Button>
          <Button size="small" variant="outlined" disabled={busy} onClick={() => void choose('skip')}>
            {t('importPage.duplicates.bulkSkip')}
          </Button>
        </Stack>
      )}
      <ErrorAlert error={error ?? loadError} />
      {(data?.items ?? []).map((pair) => (
        <DuplicatePair key={pair.row} pair={pair} busy={busy} onChoose={(choice) => void choose(choice, pair.row)} />
      ))}
    </Stack>
  );
}
