import type { TFunction } from 'i18next';
import type { Kpis } from '../../../shared/contract/reports';
import type { ColumnKind, ReportColumn } from '../../components/reports/columns';
import { KPI_SPECS, type KpiKey } from '../reports/kpis';

/** The figures HQ compares branches by: the dashboard's own, so each means what it means at a branch. */
export const COMPARE_KPIS = [
  'netSalesFen',
  'orders',
  'aovFen',
  'activeMembers',
  'newMembers',
  'repurchaseRate',
  'pointsIssued',
  'pointsRedeemed',
  'pointsOutstanding',
  'followupsDone',
  'followupsOverdue',
  'complaintsOpen',
] as const satisfies readonly KpiKey[];

function kindOf(kpi: KpiKey): ColumnKind {
  const unit = KPI_SPECS[kpi].unit;
  return unit === 'money' ? 'money' : unit === 'rate' ? 'percent' : 'number';
}

/** One column per compared figure, named and defined as on the dashboard, reading a row's Kpis. */
export function kpiColumns<Row>(t: TFunction, kpisOf: (row: Row) => Kpis): ReportColumn<Row>[] {
  return COMPARE_KPIS.map((kpi) => ({
    key: kpi,
    header: t(`reports.kpi.names.${kpi}`),
    help: t(`reports.kpi.definitions.${kpi}`),
    kind: kindOf(kpi),
    value: (row: Row) => kpisOf(row)[kpi],
  }));
}
