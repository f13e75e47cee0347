import type { TFunction } from 'i18next';
import type { Kpis } from '../../../shared/contract/reports';
import type { ColumnKind, ReportColumn } from '../../components/reports/columns';
import { KPI_SPECS, type KpiKey } from '../reports/kpis';

/**
 * The figures HQ compares branches by, in tables narrow enough for a page: the dashboard's own
 * figures, so each means at HQ what it means at a branch, and a branch's manager can check HQ's
 * row against their own dashboard (money, the till's takings and the points liability included).
 */
export const COMPARE_GROUPS = [
  { id: 'sales', keys: ['netSalesFen', 'orders', 'aovFen', 'activeMembers', 'newMembers', 'repurchaseRate'] },
  { id: 'money', keys: ['salesFen', 'refundsFen', 'takingsFen', 'memberShare', 'liabilityFen'] },
  { id: 'service', keys: ['pointsIssued', 'pointsRedeemed', 'pointsOutstanding', 'followupsDone', 'followupsOverdue', 'complaintsOpen'] },
] as const satisfies readonly { id: string; keys: readonly KpiKey[] }[];

export type CompareGroup = (typeof COMPARE_GROUPS)[number];

export const COMPARE_KPIS: readonly KpiKey[] = COMPARE_GROUPS.flatMap((g) => g.keys);

function kindOf(kpi: KpiKey): ColumnKind {
  const unit = KPI_SPECS[kpi].unit;
  return unit === 'money' ? 'money' : unit === 'rate' ? 'percent' : 'number';
}

/** One column per figure, named and defined as on the dashboard, reading a row's Kpis. */
export function kpiColumns<Row>(t: TFunction, kpis: readonly KpiKey[], kpisOf: (row: Row) => Kpis): ReportColumn<Row>[] {
  return kpis.map((kpi) => ({
    key: kpi,
    header: t(`reports.kpi.names.${kpi}`),
    help: t(`reports.kpi.definitions.${kpi}`),
    kind: kindOf(kpi),
    value: (row: Row) => kpisOf(row)[kpi],
  }));
}
