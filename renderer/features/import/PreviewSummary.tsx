import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportSession } from '../../../shared/contract/import';
import { formatYuan } from '../../../shared/money';
import { formatDate } from '../../components/format';
import { count } from './importText';

function Figure({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: 'error' | 'warning' }) {
  return (
    <Box data-testid={testId} sx={{ minWidth: 96 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography
        variant="h5"
        component="div"
        sx={{ fontVariantNumeric: 'tabular-nums', color: value > 0 && tone ? `${tone}.main` : undefined }}
      >
        {count(value)}
      </Typography>
    </Box>
  );
}

/** The preview's counts, and what the manager should know before importing (each said once, only when it applies). */
export function PreviewSummary({ session }: { session: ImportSession }) {
  const { t, i18n } = useTranslation();
  const c = session.counts;
  const n = session.notices;
  if (!c || !n) return null;
  const kind = session.kind;
  const notices: Array<{ key: string; severity: 'info' | 'warning'; text: string }> = [];
  if (kind === 'members') {
    if (n.storedValueRows > 0)
      notices.push({
        key: 'storedValue',
        severity: 'warning',
        text: `${t('importPage.notices.storedValue', { rows: count(n.storedValueRows), amount: formatYuan(n.storedValueFen) })}${t('import.storedValueWaits')}`,
      });
    if (n.pointsRows > 0)
      notices.push({
        key: 'points',
        severity: 'info',
        text: t('importPage.notices.points', { rows: count(n.pointsRows), points: count(n.points) }),
      });
    if (n.unknownTiers.length > 0)
      notices.push({
        key: 'tiers',
        severity: 'warning',
        text: t('importPage.notices.unknownTiers', {
          tiers: n.unknownTiers.map((tier) => t('importPage.quoted', { text: tier })).join(t('importPage.listSeparator')),
        }),
      });
  } else {
    if (n.firstSale && n.lastSale)
      notices.push({
        key: 'range',
        severity: 'info',
        text: t('importPage.notices.salesRange', {
          from: formatDate(n.firstSale, i18n.language),
          to: formatDate(n.lastSale, i18n.language),
          count: count(c.create),
          amount: formatYuan(n.salesFen),
        }),
      });
    if (n.alreadyImported > 0)
      notices.push({
        key: 'already',
        severity: 'info',
        text: t('importPage.notices.alreadyImported', { count: count(n.alreadyImported) }),
      });
    if (n.repeatedReceipts > 0)
      notices.push({
        key: 'repeated',
        severity: 'warning',
        text: t('importPage.notices.repeatedReceipts', { count: count(n.repeatedReceipts) }),
      });
    notices.push({ key: 'points', severity: 'info', text: t('importPage.notices.historyPoints') });
    if (n.salesOfImportedBalances > 0)
      notices.push({
        key: 'importedBalances',
        severity: 'info',
        text: t('importPage.notices.importedBalances', { count: count(n.salesOfImportedBalances) }),
      });
  }
  if (c.possibleDuplicates > 0)
    notices.push({
      key: 'possible',
      severity: 'warning',
      text: t('importPage.notices.possibleDuplicates', { count: count(c.possibleDuplicates) }),
    });

  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {t('importPage.preview.title', { name: session.fileName, rows: count(c.rows) })}
        </Typography>
        <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap', rowGap: 1, mb: notices.length > 0 ? 2 : 0 }} data-testid="import-counts">
          <Figure label={t(`importPage.counts.${kind}.create`)} value={c.create} testId="count-create" />
          {kind === 'members' && <Figure label={t('importPage.counts.members.update')} value={c.update} testId="count-update" />}
          <Figure label={t('importPage.counts.skip')} value={c.skip} testId="count-skip" />
          <Figure label={t('importPage.counts.invalid')} value={c.invalid} testId="count-invalid" tone="error" />
          {kind === 'members' && (
            <Figure label={t('importPage.counts.duplicates')} value={c.duplicatePairs} testId="count-duplicates" tone="warning" />
          )}
        </Stack>
        <Stack spacing={1} data-testid="import-notices">
          {notices.map((notice) => (
            <Alert key={notice.key} severity={notice.severity} data-testid={`notice-${notice.key}`}>
              {notice.text}
            </Alert>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
