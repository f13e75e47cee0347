import { useCallback } from 'react';
import { Box, LinearProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { RfmSegment, RfmSummary } from '../../../shared/contract/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { RfmControls } from './RfmControls';
import { RfmSegmentsFrame } from './RfmSegmentsFrame';
import { SegmentMembersFrame } from './SegmentMembersFrame';
import { edgesText, meanText } from './rfmExplain';
import { rfmInput, rfmParamsFrom, rfmSearch, segmentFrom, type RfmParams } from './rfmParams';
import { localToday } from './periods';
import { useReport } from './useReport';

/** The edges and mean scores the segments follow from, and who is not scored. */
function RfmBasis({ summary }: { summary: RfmSummary }) {
  const { t } = useTranslation();
  const lines = [
    t('reports.rfm.edgeR', { edges: edgesText(t, 'r', summary.edges), mean: meanText(summary.means.r) }),
    t('reports.rfm.edgeF', { edges: edgesText(t, 'f', summary.edges), mean: meanText(summary.means.f) }),
    t('reports.rfm.edgeM', { edges: edgesText(t, 'm', summary.edges), mean: meanText(summary.means.m) }),
  ];
  return (
    <Box data-testid="rfm-basis">
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {t('reports.rfm.scored', { count: summary.scored })} · {t('reports.rfm.unscored', { count: summary.unscored })}
      </Typography>
      {lines.map((line) => (
        <Typography key={line} variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {line}
        </Typography>
      ))}
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {t('reports.rfm.edgesHelp')} {t('reports.rfm.clvHelp')}
      </Typography>
    </Box>
  );
}

/** RFM 分析: segments by recency, frequency and money over a window, with CLV; a segment opens its members. */
export function RfmPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = rfmParamsFrom(search);
  const segment = segmentFrom(search);
  const page = Math.max(0, Math.floor(Number(search.get('page')) || 0));
  const { data, error, loading } = useReport('reports.rfm', rfmInput(params));

  const go = useCallback(
    (next: RfmParams, extra: { segment?: RfmSegment | null; page?: number } = {}, push = false) => setSearch(rfmSearch(next, extra), { replace: !push }),
    [setSearch],
  );
  // A new window keeps the open segment but starts its list from the top.
  const onParams = useCallback((next: RfmParams) => go(next, { segment }), [go, segment]);
  const windowText = data ? t('reports.rfm.window', { from: formatDate(data.from, i18n.language), asOf: formatDate(data.asOf, i18n.language), months: data.windowMonths }) : '';

  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={2}>
          <RfmControls value={params} shownAsOf={data?.asOf ?? localToday()} onChange={onParams} />
          {data && <RfmBasis summary={data} />}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      {data && (
        <Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('reports.rfm.openHint')}
          </Typography>
          <RfmSegmentsFrame summary={data} windowText={windowText} onOpen={(s) => go(params, { segment: s }, true)} />
        </Box>
      )}
      {data && segment && (
        <SegmentMembersFrame
          key={segment}
          params={params}
          segment={segment}
          page={page}
          windowText={windowText}
          asOf={data.asOf}
          onPage={(p) => go(params, { segment, page: p })}
          onClose={() => go(params)}
        />
      )}
    </Stack>
  );
}
