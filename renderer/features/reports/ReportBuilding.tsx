import { Alert, Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { JobProgress } from '../jobs/JobProgress';
import type { ReportBuild } from './useReport';

/**
 * "报表数据正在整理（37%）…" while the report summaries are built (after a member merge, or the first
 * start after an upgrade), with the build's bar; the report asks again by itself when it ends
 * (useReport), so the manager has nothing to press.
 */
export function ReportBuilding({ building }: { building: ReportBuild | null }) {
  const { t } = useTranslation();
  if (!building) return null;
  return (
    <Alert severity="info" data-testid="report-building">
      <Typography variant="body1" sx={{ fontWeight: 600 }} data-testid="report-building-text">
        {building.percent === null ? t('reports.building.counting') : t('reports.building.percent', { percent: building.percent })}
      </Typography>
      <Typography variant="body2" sx={{ mb: building.job ? 1 : 0 }}>
        {t('reports.building.hint')}
      </Typography>
      {building.job && (
        <Box sx={{ minWidth: 280 }}>
          <JobProgress job={building.job} />
        </Box>
      )}
    </Alert>
  );
}
