import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SaleLine } from '../../../shared/contract/report-trends';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatTime } from '../../components/format';
import { ListPager } from '../../components/reports/ListPager';
import { ReportFrame } from '../../components/reports/ReportFrame';
import type { ReportColumn } from '../../components/reports/columns';
import type { ReportTableData } from '../../components/reports/exportFile';
import { SALES_EXPORT_MAX, SALES_PAGE_SIZE, collectPages, rangeLabel, salesExportName, type SalesFilter } from './trendParams';
import { useReport } from './useReport';

interface Props {
  filter: SalesFilter;
  page: number;
  onPage: (page: number) => void;
  onClose: () => void;
}

/** The sales and refunds behind a bar or row, newest first, 100 at a time; a row opens the member. */
export function SalesDetailFrame({ filter, page, onPage, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { staff, branch } = useSession();
  const box = useRef<HTMLDivElement>(null);
  const lang = i18n.language;
  const { from, to, only } = filter;
  const [dim, dimKey] = [only?.dim, only?.key];
  const input = useMemo(
    () => ({ from, to, ...(dim && dimKey !== undefined ? { only: { dim, key: dimKey } } : {}) }),
    [from, to, dim, dimKey],
  );
  const { data, error, loading } = useReport('reports.sales', { ...input, limit: SALES_PAGE_SIZE, offset: page * SALES_PAGE_SIZE });

  // Opening a list from a bar or row above brings it into view.
  const key = JSON.stringify(input);
  useEffect(() => {
    box.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [key]);

  const columns = useMemo<ReportColumn<SaleLine>[]>(() => {
    const c = (k: string) => t(`reports.trends.detail.columns.${k}`);
    // A refund goes out negative, so the paid column adds up to the period's net sales.
    const signed = (fen: number, s: SaleLine) => (s.kind === 'refund' ? -fen : fen);
    return [
      { key: 'occurredAt', header: c('occurredAt'), value: (s) => formatTime(s.occurredAt, lang), noWrap: true },
      { key: 'kind', header: c('kind'), value: (s) => t(`reports.trends.detail.kinds.${s.kind}`), noWrap: true },
      { key: 'memberName', header: c('memberName'), noWrap: true },
      { key: 'cardNo', header: c('cardNo'), noWrap: true },
      {
        key: 'amountFen',
        header: c('amountFen'),
        kind: 'money',
        value: (s) => signed(s.amountFen, s),
        help: t('reports.trends.detail.definitions.amountFen'),
        noWrap: true,
      },
      {
        key: 'paidFen',
        header: c('paidFen'),
        kind: 'money',
        value: (s) => signed(s.paidFen, s),
        help: t('reports.trends.detail.definitions.paidFen'),
        noWrap: true,
      },
      { key: 'category', header: c('category'), value: (s) => s.category ?? t('reports.trends.none.category'), noWrap: true },
      { key: 'staffName', header: c('staffName'), value: (s) => s.staffName ?? t('reports.trends.none.staff'), noWrap: true },
      // Per row the long "tier not recorded (sales before v9)" is noise: the header's hover says why.
      {
        key: 'tierName',
        header: c('tierName'),
        value: (s) => s.tierName ?? t('reports.trends.detail.tierNotRecorded'),
        help: t('reports.trends.detail.definitions.tierName'),
        noWrap: true,
      },
      { key: 'receiptNo', header: c('receiptNo') },
    ];
  }, [t, lang]);

  const loadExport = useCallback(async (): Promise<ReportTableData<SaleLine>> => {
    // Every page as of the first one: a sale recorded while the export pages through shifts nothing.
    let upTo: string | undefined;
    const rows = await collectPages(async (limit, offset) => {
      const page = await api.call('reports.sales', { ...input, limit, offset, upTo });
      upTo ??= page.asOf;
      return page;
    });
    return { columns, rows };
  }, [columns, input]);

  const total = data?.total ?? 0;
  const first = total === 0 ? 0 : page * SALES_PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * SALES_PAGE_SIZE);
  const name = filter.only ? (filter.name ?? t(`reports.trends.none.${filter.only.dim}`)) : null;
  const filterText = [rangeLabel(filter, lang), name].filter(Boolean).join(' · ');
  const rangeText = data ? t('reports.trends.detail.range', { from: first, to: last, total }) : '';
  const pager = <ListPager page={page} last={last} total={total} loading={loading} onPage={onPage} onClose={onClose} />;
  const exportNote =
    total > SALES_EXPORT_MAX
      ? t('reports.trends.detail.exportCapped', { max: SALES_EXPORT_MAX.toLocaleString('en-US'), total: total.toLocaleString('en-US') })
      : t('reports.trends.detail.exportAll', { total: total.toLocaleString('en-US') });

  return (
    <Box ref={box} sx={{ scrollMarginTop: 64 }} data-testid="sales-detail">
      {loading && <LinearProgress aria-label={t('app.loading')} />}
      <ErrorAlert error={error} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('reports.trends.detail.openHint')}
      </Typography>
      <ReportFrame
        title={t('reports.trends.detail.title', { filter: filterText })}
        subtitle={rangeText || undefined}
        chart={null}
        columns={columns}
        rows={data?.items ?? []}
        rowKey={(s) => s.id}
        exportName={salesExportName(t, filter)}
        printMeta={{ storeName: branch.name, printedBy: staff.name, periodLabel: [filterText, rangeText].filter(Boolean).join(' · ') }}
        onRowClick={(s) => navigate(`/members/${s.memberId}`)}
        actions={pager}
        footnote={data ? exportNote : undefined}
        loadExport={loadExport}
        landscape
      />
    </Box>
  );
}
