import { Box, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formatYuan } from '../../../shared/money';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../components/format';
import { reasonLines, segmentLevels } from './rfmExplain';
import { RFM_DEFAULTS, rfmInput } from './rfmParams';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';

/**
 * The member page's RFM card (managers only: the page renders it only for them, so a clerk's
 * page never asks). The default window and CLV inputs, as the RFM page opens with.
 */
export function MemberRfmCard({
  memberId,
  refresh,
}: {
  memberId: string;
  /** a new value (the page's reloaded purchases) asks again */ refresh?: unknown;
}) {
  const { t, i18n } = useTranslation();
  const { data, error, building } = useReport('reports.memberRfm', { ...rfmInput(RFM_DEFAULTS), memberId }, refresh);
  const months = RFM_DEFAULTS.windowMonths;
  const level = (high: boolean) => t(high ? 'reports.rfm.levels.high' : 'reports.rfm.levels.low');
  const scores = data?.scores ?? null;
  const levels = scores ? segmentLevels(scores.segment) : null;

  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="member-rfm-title" data-testid="member-rfm">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1 }} useFlexGap>
        <Typography variant="h6" component="h2" id="member-rfm-title">
          {t('reports.rfm.card.title')}
        </Typography>
        {data && (
          <Typography variant="body2" color="text.secondary">
            {t('reports.rfm.card.window', {
              months,
              from: formatDate(data.from, i18n.language),
              asOf: formatDate(data.asOf, i18n.language),
            })}
          </Typography>
        )}
      </Stack>
      <ErrorAlert error={error} />
      <ReportBuilding building={building} />
      {data && !data.scores && (
        <Typography variant="body2" color="text.secondary" data-testid="member-rfm-unscored">
          {t('reports.rfm.card.unscored', { months })}
        </Typography>
      )}
      {data && scores && levels && (
        <>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
            {(['r', 'f', 'm'] as const).map((letter) => (
              <Chip
                key={letter}
                size="small"
                variant="outlined"
                label={`${letter.toUpperCase()} ${scores[letter]}`}
                sx={{ fontVariantNumeric: 'tabular-nums' }}
              />
            ))}
            <Typography variant="body2" data-testid="member-rfm-segment">
              {t('reports.rfm.card.segment', {
                segment: t(`reports.rfm.segments.${scores.segment}`),
                r: level(levels.r),
                f: level(levels.f),
                m: level(levels.m),
              })}
            </Typography>
            <Box sx={{ flex: 1 }} />
            <Link component={RouterLink} to={`/reports/rfm?segment=${scores.segment}`} variant="body2">
              {t('reports.rfm.card.open')}
            </Link>
          </Stack>
          <Box component="ul" sx={{ m: 0, pl: 2.5, typography: 'body2' }}>
            {reasonLines(t, scores, data.edges, data.means).map((line) => (
              <li key={line.letter}>{line.text}</li>
            ))}
            {data.clvFen !== null && (
              <li>
                {t('reports.rfm.card.clv', {
                  clv: formatYuan(data.clvFen),
                  m: formatYuan(scores.monetaryFen),
                  months,
                  margin: RFM_DEFAULTS.marginPct,
                  years: RFM_DEFAULTS.expectedYears,
                })}
              </li>
            )}
          </Box>
        </>
      )}
    </Paper>
  );
}
