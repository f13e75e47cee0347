import { useEffect, useMemo, useRef } from 'react';
import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RfmSegment, SegmentMember } from '../../../shared/contract/reports';
import { displayPhone } from '../../../shared/phone';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPager } from '../../components/reports/ListPager';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { rfmInput, type RfmParams } from './rfmParams';
import { SegmentActions } from './SegmentActions';
import { useReport } from './useReport';
import { ReportBuilding } from './ReportBuilding';

export const SEGMENT_PAGE_SIZE = 100;

interface Props {
  params: RfmParams;
  segment: RfmSegment;
  page: number;
  windowText: string;
  /** the window's last date, for the file names */
  asOf: string;
  onPage: (page: number) => void;
  onClose: () => void;
}

/** One segment's members, best paying first, 100 at a time; a row opens the member's page. */
export function SegmentMembersFrame({ params, segment, page, windowText, asOf, onPage, onClose }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { staff, branch } = useSession();
  const box = useRef<HTMLDivElement>(null);
  const { data, error, loading, building } = useReport('reports.segmentMembers', {
    ...rfmInput(params),
    segment,
    limit: SEGMENT_PAGE_SIZE,
    offset: page * SEGMENT_PAGE_SIZE,
  });

  // Opening a segment from the table above brings its list into view.
  useEffect(() => {
    box.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [segment]);

  const columns = useMemo<ReportColumn<SegmentMember>[]>(() => {
    const c = (key: string) => t(`reports.rfm.list.columns.${key}`);
    return [
      { key: 'name', header: c('name') },
      { key: 'cardNo', header: c('cardNo') },
      { key: 'phone', header: c('phone'), value: (m) => displayPhone(m.phone), noWrap: true },
      { key: 'tier', header: c('tier'), value: (m) => m.tierName, noWrap: true },
      { key: 'recencyDays', header: c('recencyDays'), kind: 'number', value: (m) => m.scores.recencyDays },
      { key: 'frequency', header: c('frequency'), kind: 'number', value: (m) => m.scores.frequency },
      { key: 'monetaryFen', header: c('monetaryFen'), kind: 'money', value: (m) => m.scores.monetaryFen },
      { key: 'r', header: c('r'), kind: 'number', value: (m) => m.scores.r },
      { key: 'f', header: c('f'), kind: 'number', value: (m) => m.scores.f },
      { key: 'm', header: c('m'), kind: 'number', value: (m) => m.scores.m },
      { key: 'clvFen', header: c('clv'), kind: 'money' },
      { key: 'consent', header: c('consent'), align: 'center', value: (m) => t(m.marketingConsent ? 'common.yes' : 'common.no') },
    ];
  }, [t]);

  const total = data?.total ?? 0;
  const from = total === 0 ? 0 : page * SEGMENT_PAGE_SIZE + 1;
  const to = Math.min(total, (page + 1) * SEGMENT_PAGE_SIZE);
  const segmentName = t(`reports.rfm.segments.${segment}`);
  const range = data ? t('reports.rfm.list.range', { from, to, total }) : '';
  const pager = <ListPager page={page} last={to} total={total} loading={loading} onPage={onPage} onClose={onClose} />;

  return (
    <Box ref={box} sx={{ scrollMarginTop: 64 }} data-testid="segment-members">
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <ReportBuilding building={building} />
      {/* What to do with these members, beside the two actions that do it. */}
      <Typography variant="body1" sx={{ mb: 0.5, fontWeight: 600 }} data-testid="segment-advice">
        {t('reports.rfm.list.advice', { advice: t(`reports.rfm.advice.${segment}`) })}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('reports.rfm.list.openHint')}
      </Typography>
      <ReportFrame
        title={t('reports.rfm.list.title', { segment: segmentName })}
        subtitle={range ? `${windowText} · ${range}` : windowText}
        chart={null}
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(m) => m.memberId}
        exportName={fileStem(t('reports.rfm.files.members', { segment: segmentName }), asOf, t('reportFrame.filePage', { page: page + 1 }))}
        printMeta={{ storeName: branch.name, printedBy: staff.name }}
        onRowClick={(m) => navigate(`/members/${m.memberId}`)}
        actions={
          <>
            <SegmentActions params={params} segment={segment} asOf={asOf} members={data ? data.total : null} />
            {pager}
          </>
        }
        landscape
      />
    </Box>
  );
}
