import { useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { Alert, Box, Button, Card, CardContent, CardHeader, Snackbar, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../format';
import type { ReportColumn } from './columns';
import { downloadCsv, downloadXlsx, type ReportTableData } from './exportFile';
import { NO_PRINT_CLASS, PRINT_ONLY_CLASS, printReport, printsToPdf, type PrintMeta } from './print';
import { ReportChart, type ReportChartConfig } from './ReportChart';
import { ReportTable } from './ReportTable';

export interface ReportFrameProps<Row> {
  /** Translated report title: card header, PDF header, sheet name. */
  title: string;
  /** Usually the period label ("2025年1月 · 对比上月"). */
  subtitle?: string;
  /** chart.js `{ type, data, options }`; memoise it. null for a report without a chart. */
  chart: ReportChartConfig | null;
  chartHeight?: number;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  totalRow?: Row;
  rowKey?: (row: Row, index: number) => string;
  /** File name without extension for CSV, Excel and PDF, in the reader's language: `fileStem(title, period…)`, e.g. `RFM分群-2026-12-05`. */
  exportName: string;
  printMeta: PrintMeta;
  onRowClick?: (row: Row) => void;
  /** Extra controls beside the buttons (period picker, …); they are not printed. */
  actions?: ReactNode;
  /** Print across the page, for wide tables. */
  landscape?: boolean;
  /** Notes under the table (how a figure is counted); printed with the report. */
  footnote?: ReactNode;
  /**
   * The table the files hold, when it is more than the rows on screen (a paged list exports every
   * page); the screen's table when not given.
   */
  loadExport?: () => Promise<ReportTableData<Row>>;
}

type Busy = 'print' | 'export' | null;

/** The frame every report shares: title, print and export buttons, the chart and the table behind it. */
export function ReportFrame<Row>(props: ReportFrameProps<Row>) {
  const {
    title,
    subtitle,
    chart,
    chartHeight,
    columns,
    rows,
    totalRow,
    rowKey,
    exportName,
    printMeta,
    onRowClick,
    actions,
    landscape = false,
    footnote,
    loadExport,
  } = props;
  const { t, i18n } = useTranslation();
  const frameRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [failed, setFailed] = useState<'print' | 'export' | null>(null);
  const [savedPdf, setSavedPdf] = useState<string | null>(null);
  const [printedAt, setPrintedAt] = useState(() => new Date());
  const period = printMeta.periodLabel ?? subtitle ?? '';
  const headerLine = (key: string, value: string, name: string) => (value ? t(`reportFrame.printHeader.${key}`, { [name]: value }) : '');
  const header = (at: Date) => ({
    title,
    store: headerLine('store', printMeta.storeName, 'store'),
    period: headerLine('period', period, 'period'),
    printedAt: headerLine('printedAt', formatTime(at.toISOString(), i18n.language), 'at'),
    printedBy: headerLine('printedBy', printMeta.printedBy, 'by'),
  });
  const table = { columns, rows, totalRow };

  const print = async () => {
    const frame = frameRef.current;
    if (!frame) return;
    const now = new Date();
    // The browser prints what is on the page now: the print header must show this moment first.
    flushSync(() => {
      setPrintedAt(now);
      setFailed(null);
      setBusy('print');
    });
    try {
      const pageLabel = t('reportFrame.printHeader.page', { page: '{{page}}', pages: '{{pages}}' });
      const result = await printReport(frame, { fileStem: exportName, landscape, header: header(now), pageLabel });
      if (result?.saved && result.path) setSavedPdf(result.path);
    } catch {
      setFailed('print');
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = async () => {
    setFailed(null);
    setBusy('export');
    try {
      downloadCsv(loadExport ? await loadExport() : table, exportName);
    } catch {
      setFailed('export');
    } finally {
      setBusy(null);
    }
  };

  const exportXlsx = async () => {
    setFailed(null);
    setBusy('export');
    try {
      await downloadXlsx(loadExport ? await loadExport() : table, exportName, title);
    } catch {
      setFailed('export');
    } finally {
      setBusy(null);
    }
  };

  const onPaper = header(printedAt);
  return (
    <Card ref={frameRef} data-testid="report-frame">
      <CardHeader
        title={title}
        subheader={subtitle}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
        action={
          <Stack direction="row" spacing={1} className={NO_PRINT_CLASS} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            {actions}
            <Button variant="outlined" size="small" onClick={() => void print()} disabled={busy !== null}>
              {t('reportFrame.print')}
            </Button>
            <Button variant="outlined" size="small" onClick={() => void exportCsv()} disabled={busy !== null}>
              {t('reportFrame.exportCsv')}
            </Button>
            <Button variant="outlined" size="small" onClick={() => void exportXlsx()} disabled={busy !== null}>
              {t('reportFrame.exportXlsx')}
            </Button>
          </Stack>
        }
      />
      {/* Browser mode only: in Electron the PDF carries this on every page, in its header. */}
      {!printsToPdf() && (
        <Box className={PRINT_ONLY_CLASS} sx={{ display: 'none', px: 2 }} data-testid="report-print-header">
          <Typography variant="caption" component="p">
            {[onPaper.store, onPaper.period, onPaper.printedAt, onPaper.printedBy].filter(Boolean).join(' · ')}
          </Typography>
        </Box>
      )}
      <CardContent>
        {failed && (
          <Alert severity="error" className={NO_PRINT_CLASS} sx={{ mb: 2 }} onClose={() => setFailed(null)}>
            {t(`reportFrame.failed.${failed}`)}
          </Alert>
        )}
        {chart && <ReportChart config={chart} height={chartHeight} label={t('reportFrame.chartLabel', { title })} />}
        <ReportTable
          columns={columns}
          rows={rows}
          totalRow={totalRow}
          rowKey={rowKey}
          onRowClick={onRowClick}
          emptyText={t('reportFrame.empty')}
          label={title}
        />
        {footnote && (
          <Box sx={{ mt: 1.5, typography: 'body2', color: 'text.secondary' }} data-testid="report-footnote">
            {footnote}
          </Box>
        )}
      </CardContent>
      <Snackbar
        open={savedPdf !== null}
        autoHideDuration={6000}
        onClose={() => setSavedPdf(null)}
        message={savedPdf ? t('reportFrame.pdfSaved', { path: savedPdf }) : ''}
        className={NO_PRINT_CLASS}
      />
    </Card>
  );
}
