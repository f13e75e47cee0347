import { useState } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  LinearProgress,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportSession } from '../../../shared/contract/import';
import { MAX_IMPORT_FILE_BYTES } from '../../../shared/import/file-refusals';
import { api, ApiError } from '../../api/client';
import type { ChosenFile } from '../../api/uploads';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFilePicker } from '../../components/useFilePicker';

/**
 * The first step: what the file holds (members, or past sales), and the file. It is sent as an
 * upload and opened: its header and first rows read, its columns guessed or mapped as last time.
 * A file that is no table is refused here with its reason, before anything else is asked.
 */
export function ChooseFileStep({ onOpened }: { onOpened: (session: ImportSession) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('members');
  const [reading, setReading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Any file may be chosen: the services tell a spreadsheet by its bytes, and say why another is refused.
  const picker = useFilePicker({
    filters: [
      { name: t('importPage.choose.fileKind'), extensions: ['csv', 'xlsx', 'txt', 'tsv'] },
      { name: t('common.allFiles'), extensions: ['*'] },
    ],
    testId: 'import-input',
    onChosen: (files) => void open(files[0]),
    onError: (err) => setError(() => err),
  });

  async function open(file: ChosenFile) {
    setError(null);
    // Refused before a byte is sent, as the services would refuse it once sent.
    if (file.size >= MAX_IMPORT_FILE_BYTES) {
      setError(() => new ApiError('IMPORT_BAD_FILE', 'The file is too large', { reason: 'too_large', maxBytes: MAX_IMPORT_FILE_BYTES }));
      return;
    }
    setReading(file.name);
    try {
      const { token } = await file.upload();
      onOpened(await api.call('import.open', { kind, fileName: file.name, upload: token }));
    } catch (err) {
      setError(() => err);
    } finally {
      setReading(null);
    }
  }

  return (
    <Card>
      <CardContent>
        <Stack spacing={2}>
          <FormControl>
            <FormLabel id="import-kind">{t('importPage.choose.kind')}</FormLabel>
            <RadioGroup row aria-labelledby="import-kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
              <FormControlLabel value="members" control={<Radio />} label={t('importPage.kinds.members')} disabled={reading !== null} />
              <FormControlLabel value="sales" control={<Radio />} label={t('importPage.kinds.sales')} disabled={reading !== null} />
            </RadioGroup>
          </FormControl>
          <Typography variant="body2" color="text.secondary">
            {t(`importPage.choose.help.${kind}`)}
          </Typography>
          <Box>
            {picker.input}
            <Button variant="contained" onClick={picker.open} disabled={reading !== null} data-testid="import-choose">
              {t('importPage.choose.button')}
            </Button>
          </Box>
          {reading !== null && (
            <Box role="status">
              <Typography variant="body2">{t('importPage.choose.reading', { name: reading })}</Typography>
              <LinearProgress sx={{ mt: 0.5 }} aria-label={t('importPage.choose.reading', { name: reading })} />
            </Box>
          )}
          <ErrorAlert error={error} />
          <Typography variant="caption" color="text.secondary">
            {t('importPage.choose.formats')}
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
}
