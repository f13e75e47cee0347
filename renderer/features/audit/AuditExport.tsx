import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AuditFilters, AuditItem, AuditRefs } from '../../../shared/contract/audit';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { storeToday } from '../../components/format';
import { CSV_MIME, downloadFile, reportCsv } from '../../components/reports/exportFile';
import { auditFileName, auditTable, mergeRefs } from './auditText';
import { NO_REFS } from './auditValues';

/** Rows read per call: the service's most, so a long trail takes few round trips. */
const EXPORT_CHUNK = 5000;

/** 导出 CSV: every row the filters match, in the page's columns (UTF-8 with a BOM, for Excel). */
/** `hqOwn`: HQ's own rows, whose roles read in HQ's words. */
export function AuditExport({ filters, hqOwn = false }: { filters: AuditFilters; hqOwn?: boolean }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{
    running: boolean;
    done: number;
    saved: { count: number; file: string } | null;
    empty: boolean;
    error: unknown;
  }>({
    running: false,
    done: 0,
    saved: null,
    empty: false,
    error: null,
  });

  async function start() {
    setState({ running: true, done: 0, saved: null, empty: false, error: null });
    try {
      const rows: AuditItem[] = [];
      let refs: AuditRefs = NO_REFS;
      let after: string | undefined;
      do {
        const chunk = await api.call('audit.export', { ...filters, after, limit: EXPORT_CHUNK });
        rows.push(...chunk.items);
        refs = mergeRefs(refs, chunk.refs);
        after = chunk.next ?? undefined;
        setState((s) => ({ ...s, done: rows.length }));
      } while (after);
      if (rows.length === 0) return setState((s) => ({ ...s, running: false, empty: true }));
      const file = auditFileName(storeToday(), t);
      downloadFile(reportCsv(auditTable(t, i18n.language, rows, refs, hqOwn)), file, CSV_MIME);
      setState((s) => ({ ...s, running: false, saved: { count: rows.length, file } }));
    } catch (error) {
      setState((s) => ({ ...s, running: false, error }));
    }
  }

  return (
    <Stack spacing={1}>
      <Button variant="outlined" size="small" onClick={() => void start()} disabled={state.running} data-testid="audit-export-csv">
        {state.running ? t('audit.exporting', { done: state.done.toLocaleString('en-US') }) : t('audit.exportCsv')}
      </Button>
      {state.saved && (
        <Alert severity="success" data-testid="audit-export-done" onClose={() => setState((s) => ({ ...s, saved: null }))}>
          {t('audit.exported', { count: state.saved.count, file: state.saved.file })}
        </Alert>
      )}
      {state.empty && <Alert severity="info">{t('audit.exportNone')}</Alert>}
      <ErrorAlert error={state.error} />
    </Stack>
  );
}
