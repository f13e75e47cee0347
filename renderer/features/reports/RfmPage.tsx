import { useCallback } from 'react';
import { Accordion, AccordionDetails, AccordionSummary, Box, LinearProgress, Paper, Stack, SvgIcon, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { RfmSegment, RfmSummary } from '../../../shared/contract/reports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { RfmControls } from './RfmControls';
import { RfmSegmentsFrame } from './RfmSegmentsFrame';
import { SegmentMembersFrame } from './SegmentMembersFrame';
import { edgesText, meanText } from './rfmExplain';
import { rfmInput, rfmParamsFrom, rfmSearch, segmentFrom, type RfmNumberField, type RfmParams } from './rfmParams';
import { localToday } from './periods';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';

/** On top: the window the segments cover. Folded away: the CLV inputs, which change no segment. */
const WINDOW_FIELDS: readonly RfmNumberField[] = ['windowMonths'];
const MODEL_FIELDS: readonly RfmNumberField[] = ['marginPct', 'expectedYears'];

/** Material's "expand more" chevron: the app carries no icon package for one icon. */
const ExpandMore = () => (
  <SvgIcon>
    <path d="M16.59 8.59 12 13.17 7.41 8.59 6 10l6 6 6-6z" />
  </SvgIcon>
);

/** The edges and mean scores the segments follow from, and how CLV is worked out. */
function RfmBasis({ summary }: { summary: RfmSummary }) {
  const { t } = useTranslation();
  const lines = [
    t('reports.rfm.edgeR', { edges: edgesText(t, 'r', summary.edges), mean: meanText(summary.means.r) }),
    t('reports.rfm.edgeF', { edges: edgesText(t, 'f', summary.edges), mean: meanText(summary.means.f) }),
    t('reports.rfm.edgeM', { edges: edgesText(t, 'm', summary.edges), mean: meanText(summary.means.m) }),
  ];
  return (
    <Box data-testid="rfm-basis">
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

/**
 * RFM 分析 for a store manager: the segments first, each with what to do about it, and a segment
 * opens its members and actions. How the model works (CLV margin and years, the edges, the
 * formula) is folded away, open on a click.
 */
export function RfmPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = rfmParamsFrom(search);
  const segment = segmentFrom(search);
  const page = Math.max(0, Math.floor(Number(search.get('page')) || 0));
  const { data, error, loading, building } = useReport('reports.rfm', rfmInput(params));

  const go = useCallback(
    (next: RfmParams, extra: { segment?: RfmSegment | null; page?: number } = {}, push = false) =>
      setSearch(rfmSearch(next, extra), { replace: !push }),
    [setSearch],
  );
  // A new window keeps the open segment but starts its list from the top.
  const onParams = useCallback((next: RfmParams) => go(next, { segment }), [go, segment]);
  const windowText = data
    ? t('reports.rfm.window', {
        from: formatDate(data.from, i18n.language),
        asOf: formatDate(data.asOf, i18n.language),
        months: data.windowMonths,
      })
    : '';

  return (
    <Stack spacing={3}>
      <Paper sx={{ p: 2 }}>
        <Stack spacing={1}>
          <RfmControls
            value={params}
            fields={WINDOW_FIELDS}
            shownAsOf={data?.asOf ?? localToday()}
            onChange={onParams}
            testId="rfm-controls"
          />
          {data && (
            <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="rfm-scored">
              {t('reports.rfm.scored', { count: data.scored })} · {t('reports.rfm.unscored', { count: data.unscored })}
            </Typography>
          )}
        </Stack>
      </Paper>
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <ReportBuilding building={building} />
      {data && (
        <Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('reports.rfm.openHint')}
          </Typography>
          <RfmSegmentsFrame summary={data} windowText={windowText} onOpen={(s) => go(params, { segment: s }, true)} />
        </Box>
      )}
      <Accordion disableGutters variant="outlined" data-testid="rfm-settings" slotProps={{ heading: { component: 'h2' } }}>
        <AccordionSummary expandIcon={<ExpandMore />} aria-controls="rfm-settings-details" id="rfm-settings-summary">
          <Typography variant="subtitle1">{t('reports.rfm.settingsTitle')}</Typography>
        </AccordionSummary>
        <AccordionDetails id="rfm-settings-details">
          <Stack spacing={2}>
            <RfmControls value={params} fields={MODEL_FIELDS} onChange={onParams} testId="rfm-model-controls" />
            {data && <RfmBasis summary={data} />}
          </Stack>
        </AccordionDetails>
      </Accordion>
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
