import { Box } from '@mui/material';
import type { Kpis } from '../../../shared/contract/reports';
import { KpiCard } from './KpiCard';
import type { KpiKey } from './kpis';

/** Figures as cards, each against the period before, as many to a row as fit: the dashboard's and HQ's chain alike. */
export function KpiGrid({ keys, current, prior }: { keys: readonly KpiKey[]; current: Kpis; prior: Kpis }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))', gap: 1.5 }}>
      {keys.map((kpi) => (
        <KpiCard key={kpi} kpi={kpi} current={current[kpi]} previous={prior[kpi]} />
      ))}
    </Box>
  );
}
