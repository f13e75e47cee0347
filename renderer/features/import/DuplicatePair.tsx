import { Box, Chip, Paper, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DuplicateChoice, ImportDuplicate } from '../../../shared/contract/import';
import { formatDate } from '../../components/format';
import type { z } from 'zod';
import { count } from './importText';

type Pair = z.infer<typeof ImportDuplicate>;
type FileSide = Pair['file'];

/** A mainland mobile as people write it (13800138000); any other number as stored. */
const phoneText = (phone: string | null) => (phone && /^\+861\d{10}$/.test(phone) ? phone.slice(3) : (phone ?? ''));

function Side({ title, lines, testId }: { title: string; lines: Array<[string, string]>; testId: string }) {
  return (
    <Box sx={{ flex: 1, minWidth: 0 }} data-testid={testId}>
      <Typography variant="subtitle2" gutterBottom>
        {title}
      </Typography>
      <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.25 }}>
        {lines.map(([label, value]) => (
          <Box key={label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0 }}>
              {value || '—'}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

/** One duplicate: the file's row and the member (or earlier row) it matches, why they match, and what to do with the row. */
export function DuplicatePair({ pair, busy, onChoose }: { pair: Pair; busy: boolean; onChoose: (choice: DuplicateChoice) => void }) {
  const { t, i18n } = useTranslation();
  const f = (key: string) => t(`importPage.duplicates.fields.${key}`);
  const fileLines = (side: FileSide): Array<[string, string]> => [
    [f('name'), side.name ?? ''],
    [f('phone'), phoneText(side.phone)],
    [f('cardNo'), side.cardNo ?? ''],
    [f('birthday'), side.birthday ? formatDate(side.birthday, i18n.language) : ''],
    [f('points'), side.points === null ? '' : count(side.points)],
  ];
  const other =
    pair.other.kind === 'member'
      ? {
          title: t('importPage.duplicates.member'),
          lines: [
            [f('name'), pair.other.member.name],
            [f('phone'), pair.other.member.phone],
            [f('cardNo'), pair.other.member.cardNo],
            [f('birthday'), pair.other.member.birthday ? formatDate(pair.other.member.birthday, i18n.language) : ''],
            [f('balance'), count(pair.other.member.pointsBalance)],
            [f('since'), formatDate(pair.other.member.createdAt, i18n.language)],
          ] as Array<[string, string]>,
        }
      : { title: t('importPage.duplicates.fileRow', { row: pair.other.row.row }), lines: fileLines(pair.other.row) };
  const onlySkip = pair.choices.length === 1;

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={`duplicate-${pair.row}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 0.5 }}>
        <Chip
          size="small"
          color={pair.certain ? 'primary' : 'warning'}
          label={t(pair.certain ? 'importPage.duplicates.certain' : 'importPage.duplicates.possible')}
        />
        <Typography variant="body2" color="text.secondary">
          {pair.bases.map((basis) => t(`import.duplicateBases.${basis}`)).join(' · ')}
        </Typography>
      </Stack>
      <Stack direction="row" spacing={3}>
        <Side title={t('importPage.duplicates.fileRow', { row: pair.row })} lines={fileLines(pair.file)} testId="duplicate-file" />
        <Side title={other.title} lines={other.lines} testId="duplicate-other" />
      </Stack>
      <Box sx={{ mt: 1.5 }}>
        {onlySkip ? (
          <Typography variant="body2" color="text.secondary">
            {t('importPage.duplicates.onlySkip', { row: pair.other.kind === 'row' ? pair.other.row.row : '' })}
          </Typography>
        ) : (
          <ToggleButtonGroup
            size="small"
            exclusive
            color="primary"
            value={pair.choice}
            disabled={busy}
            onChange={(_e, choice: DuplicateChoice | null) => choice && choice !== pair.choice && onChoose(choice)}
            aria-label={t('importPage.duplicates.choiceLabel', { row: pair.row })}
          >
            {pair.choices.map((choice) => (
              <ToggleButton key={choice} value={choice} data-testid={`choice-${choice}`}>
                {t(`importPage.duplicates.choices.${choice}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        )}
        {pair.choice === 'update' && (
          <Typography variant="caption" component="div" color="text.secondary" sx={{ mt: 0.5 }}>
            {t('importPage.duplicates.updateKeeps')}
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
