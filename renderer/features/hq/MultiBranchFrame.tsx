import { useEffect, useMemo, useRef, useState } from 'react';
import { LinearProgress, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MultiBranchPerson } from '../../../shared/contract/hq';
import { formatYuan } from '../../../shared/money';
import { displayPhone } from '../../../shared/phone';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListPager } from '../../components/reports/ListPager';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import { fileStem } from '../../components/reports/exportFile';
import { useReport } from '../reports/useReport';

const PAGE_SIZE = 100;

/** People who bought at two or more branches in the period, most branches first; a row opens the person. */
export function MultiBranchFrame({ periodKey, subtitle, onClose }: { periodKey: string; subtitle: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { staff, branch } = useSession();
  const [page, setPage] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // The list opens below the tables: bring it into view, as a segment's member list does.
  useEffect(() => {
    box.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);
  const { data, error, loading } = useReport('hq.multiBranch', { period: periodKey, offset: page * PAGE_SIZE, limit: PAGE_SIZE });

  const columns = useMemo<ReportColumn<MultiBranchPerson>[]>(() => {
    const c = (key: string) => t(`hq.compare.multiColumns.${key}`);
    return [
      { key: 'name', header: c('name') },
      { key: 'phone', header: c('phone'), value: (p) => displayPhone(p.phone), noWrap: true },
      {
        key: 'branches',
        header: c('branches'),
        value: (p) => p.branches.map((b) => t('hq.compare.multiAt', { branch: b.name, net: formatYuan(b.netSalesFen) })).join('、'),
      },
      { key: 'orders', header: c('orders'), kind: 'number' },
      { key: 'netSalesFen', header: c('netSalesFen'), kind: 'money' },
      { key: 'pointsBalance', header: c('pointsBalance'), kind: 'number' },
    ];
  }, [t]);

  const total = data?.total ?? 0;
  const last = Math.min(total, (page + 1) * PAGE_SIZE);
  const range = data && total > 0 ? t('hq.range', { from: page * PAGE_SIZE + 1, to: last, total }) : '';
  return (
    <Stack spacing={1} ref={box} sx={{ scrollMarginTop: 64 }} data-testid="multi-branch-list">
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <ReportFrame
        title={t('hq.compare.multiTitle')}
        subtitle={range ? `${subtitle} · ${range}` : subtitle}
        chart={null}
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(p) => p.phone}
        exportName={fileStem(t('hq.compare.multiTitle'), periodKey, t('reportFrame.filePage', { page: page + 1 }))}
        printMeta={{ storeName: branch.name, printedBy: staff.name }}
        onRowClick={(p) => navigate(`/people?phone=${encodeURIComponent(p.phone)}`)}
        actions={<ListPager page={page} last={last} total={total} loading={loading} onPage={setPage} onClose={onClose} />}
      />
    </Stack>
  );
}
