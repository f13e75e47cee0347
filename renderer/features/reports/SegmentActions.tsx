import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Snackbar, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { RfmSegment } from '../../../shared/contract/reports';
import type { SegmentCampaign, SegmentFollowupsResult } from '../../../shared/contract/segment-actions';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { downloadCsv, downloadXlsx } from '../../components/reports/exportFile';
import { rfmInput, type RfmParams } from './rfmParams';
import { campaignFileName, campaignNotice, campaignTable, followupsResultText } from './segmentCampaign';
import { SegmentFollowupsDialog } from './SegmentFollowupsDialog';

interface Props {
  params: RfmParams;
  segment: RfmSegment;
  /** the date the page's segments were scored on: both actions take the members it lists */
  asOf: string;
  /** members in the segment (null while the list loads) */
  members: number | null;
}

/** A segment's two actions: a follow-up for each member, and the campaign list (consenting members only). */
export function SegmentActions({ params, segment, asOf, members }: Props) {
  const { t } = useTranslation();
  const a = (key: string) => t(`reports.rfm.actions.${key}`);
  const [followupsOpen, setFollowupsOpen] = useState(false);
  const [result, setResult] = useState<SegmentFollowupsResult | null>(null);
  const [campaign, setCampaign] = useState<SegmentCampaign | null>(null);
  const [campaignOpen, setCampaignOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [exportFailed, setExportFailed] = useState(false);
  const segmentName = t(`reports.rfm.segments.${segment}`);
  const title = t('reports.rfm.actions.campaignTitle', { segment: segmentName });

  const openCampaign = async () => {
    setCampaignOpen(true);
    setCampaign(null);
    setError(null);
    setExportFailed(false);
    setBusy(true);
    try {
      setCampaign(await api.call('reports.segmentCampaign', { ...rfmInput(params), asOf, segment }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  // The same helpers as every report's buttons: BOM'd CSV with formulas escaped, a typed Excel sheet.
  const save = async (kind: 'csv' | 'xlsx') => {
    if (!campaign) return;
    setExportFailed(false);
    setBusy(true);
    try {
      const table = campaignTable(t, campaign);
      if (kind === 'csv') downloadCsv(table, campaignFileName(t, campaign));
      else await downloadXlsx(table, campaignFileName(t, campaign), title);
    } catch {
      setExportFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" variant="outlined" disabled={!members} onClick={() => setFollowupsOpen(true)} data-testid="segment-followups">
        {a('followups')}
      </Button>
      <Button size="small" variant="outlined" disabled={!members} onClick={() => void openCampaign()} data-testid="segment-campaign">
        {a('campaign')}
      </Button>
      {followupsOpen && (
        <SegmentFollowupsDialog
          open
          params={params}
          segment={segment}
          asOf={asOf}
          members={members ?? 0}
          onClose={() => setFollowupsOpen(false)}
          onDone={setResult}
        />
      )}
      <Dialog open={campaignOpen} onClose={() => setCampaignOpen(false)} fullWidth maxWidth="xs" data-testid="segment-campaign-dialog">
        <DialogTitle>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={1}>
            {busy && !campaign && <Typography variant="body2">{a('campaignLoading')}</Typography>}
            {campaign &&
              [...campaignNotice(t, campaign), ...(campaign.items.length === 0 ? [a('campaignEmpty')] : [])].map((line) => (
                <Typography key={line} variant="body2" sx={{ fontWeight: 600 }} data-testid="segment-campaign-notice">
                  {line}
                </Typography>
              ))}
            <Typography variant="caption" color="text.secondary">
              {a('campaignHelp')}
            </Typography>
            <ErrorAlert error={error} />
            {exportFailed && <Alert severity="error">{t('reportFrame.failed.export')}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setCampaignOpen(false)}>{a('close')}</Button>
          <Button variant="outlined" disabled={busy || !campaign?.items.length} onClick={() => void save('csv')}>
            {t('reportFrame.exportCsv')}
          </Button>
          <Button variant="contained" disabled={busy || !campaign?.items.length} onClick={() => void save('xlsx')}>
            {t('reportFrame.exportXlsx')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar open={result !== null} onClose={(_, reason) => reason !== 'clickaway' && setResult(null)}>
        <Alert severity="success" onClose={() => setResult(null)} data-testid="segment-followups-result">
          {result ? followupsResultText(t, result) : ''}
        </Alert>
      </Snackbar>
    </>
  );
}
