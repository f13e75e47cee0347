import type { Kpis } from '../../shared/contract/reports';
import { QUIET_AFTER_DAYS, type Conflict, type MergeResult, type MultiBranchPerson, type Person } from '../../shared/contract/hq';
import { AppError, validationError } from '../../shared/errors';
import { addDaysTo, daysBetween, localDay, startOfLocalDate } from '../../shared/local-date';
import { pointsValueFen } from '../../shared/points';
import { comparisonOf, parsePeriod, previousPeriod, type Period, type Span } from '../../shared/report-periods';
import type { DB } from '../../db/connection';
import { hqConflictQueries } from '../../db/queries/hq/conflicts';
import { hqReportQueries } from '../../db/queries/hq/reports';
import type { Ctx } from '../core/context';
import { rulesAt } from '../loyalty/points';
import { timeZone } from '../core/branch';
import { kpisFromCounts, rangeOf, type KpiCounts } from '../reports/reports';
import { conflictId, emptyValue } from './conflicts';
import { personByPhone } from './people';

// HQ's reports (docs/hq.md "Reports"): each branch's dashboard from its own rows, grouped by
// branch in one pass per figure so fifty branches cost what one does, and the chain's as the
// branches' counts added up. The figures follow from the counts as at a branch (kpisFromCounts).

/** Rows by their branch, for the figures read one per branch. */
function byBranch<R extends { branch_id: string }>(rows: R[]): Map<string, R> {
  return new Map(rows.map((r) => [r.branch_id, r]));
}

/**
 * Every branch's dashboard figures for a period or its first days, as docs/reports.md defines
 * them; retention counts against the whole period before.
 */
function branchKpis(db: DB, ctx: Ctx, p: Span, tz: string, today: string): { branches: Map<string, Kpis>; chain: Kpis } {
  const r = rangeOf(p.from, p.to, tz);
  const prev = previousPeriod(p.period);
  const pr = rangeOf(prev.from, prev.to, tz);
  const q = hqReportQueries(db);
  const sales = byBranch(q.salesByBranch(r));
  const active = byBranch(q.activeByBranch(r));
  const before = byBranch(q.activeCountByBranch(pr));
  const retained = byBranch(q.retainedByBranch(r, pr));
  const members = byBranch(q.newMembersByBranch(r));
  const points = byBranch(q.pointsByBranch(r));
  // A void's entries cancel its sale's own, as at a branch (docs/reports.md): its take-back is
  // points never issued, its give-back points never redeemed.
  const voided = byBranch(q.voidedPointsByBranch(r));
  const outstanding = byBranch(q.owedByBranch(r.to));
  const lastDue = p.to < today ? p.to : addDaysTo(today, -1);
  const followups = byBranch(q.followupsByBranch(r, p.from, lastDue));
  const complaints = byBranch(q.complaintsByBranch(r));
  const resolveHours = new Map<string, number[]>();
  for (const row of q.resolvedComplaints(r)) {
    const list = resolveHours.get(row.branch_id) ?? [];
    list.push((Date.parse(row.resolved_at) - Date.parse(row.created_at)) / 3_600_000);
    resolveHours.set(row.branch_id, list);
  }
  // Takings, and members' net sales on the very days that have a figure.
  const takingsBy = new Map<string, { fen: number; days: number; net: number }>();
  for (const t of q.takings(p.from, p.to)) {
    const entry = takingsBy.get(t.branch_id) ?? { fen: 0, days: 0, net: 0 };
    entry.fen += t.total_fen;
    entry.days++;
    entry.net += q.memberNetSales(t.branch_id, { from: startOfLocalDate(t.date, tz), to: startOfLocalDate(addDaysTo(t.date, 1), tz) });
    takingsBy.set(t.branch_id, entry);
  }
  const raws = new Map<string, KpiCounts>();
  for (const id of q.branchIds()) {
    const [s, a, pts, f, c] = [sales.get(id), active.get(id), points.get(id), followups.get(id), complaints.get(id)];
    const [taken, given] = [voided.get(id)?.taken ?? 0, voided.get(id)?.given ?? 0];
    raws.set(id, {
      newMembers: members.get(id)?.n ?? 0,
      active: a?.active ?? 0,
      repeat: a?.repeat ?? 0,
      orders: s?.orders ?? 0,
      sales: s?.sales ?? 0,
      refunds: s?.refunds ?? 0,
      retained: retained.get(id)?.retained ?? 0,
      activeBefore: before.get(id)?.active ?? 0,
      issued: (pts?.issued ?? 0) - given - taken,
      redeemed: (pts?.redeemed ?? 0) - given,
      expired: pts?.expired ?? 0,
      reversed: (pts?.reversed ?? 0) - taken,
      owed: outstanding.get(id)?.n ?? 0,
      done: f?.done ?? 0,
      overdue: lastDue >= p.from ? (f?.overdue ?? 0) : 0,
      csatN: f?.csat_n ?? 0,
      csatGood: f?.csat_good ?? 0,
      npsN: f?.nps_n ?? 0,
      promoters: f?.promoters ?? 0,
      detractors: f?.detractors ?? 0,
      opened: c?.opened ?? 0,
      resolved: c?.resolved ?? 0,
      openAtEnd: c?.open_at_end ?? 0,
      hours: resolveHours.get(id) ?? [],
      takings: takingsBy.get(id) ?? null,
    });
  }
  const rules = rulesAt(db, ctx.now).rules;
  const kpis = (x: KpiCounts) => kpisFromCounts(x, pointsValueFen(rules, x.owed));
  return { branches: new Map([...raws].map(([id, x]) => [id, kpis(x)])), chain: kpis(chainKpiCounts([...raws.values()])) };
}

type Summed = Exclude<keyof KpiCounts, 'hours' | 'takings'>;
const SUMMED: Summed[] = [
  'newMembers',
  'active',
  'repeat',
  'orders',
  'sales',
  'refunds',
  'retained',
  'activeBefore',
  'issued',
  'redeemed',
  'expired',
  'reversed',
  'owed',
  'done',
  'overdue',
  'csatN',
  'csatGood',
  'npsN',
  'promoters',
  'detractors',
  'opened',
  'resolved',
  'openAtEnd',
];

/**
 * The chain's counts: the branches' added up. A member is a branch's card, so the chain's active,
 * repeat and retained members are the branches' summed (docs/hq.md); rates and the median are
 * then taken over the whole chain, not averaged. HQ has no till: its takings are the branches'.
 */
function chainKpiCounts(branches: KpiCounts[]): KpiCounts {
  const sums = Object.fromEntries(SUMMED.map((key) => [key, branches.reduce((s, b) => s + b[key], 0)])) as Record<Summed, number>;
  const tills = branches.flatMap((b) => (b.takings ? [b.takings] : []));
  return {
    ...sums,
    hours: branches.flatMap((b) => b.hours),
    takings:
      tills.length === 0
        ? null
        : {
            fen: tills.reduce((s, t) => s + t.fen, 0),
            days: Math.max(...tills.map((t) => t.days)),
            net: tills.reduce((s, t) => s + t.net, 0),
          },
  };
}

function periodOrRefuse(key: string): Period {
  const period = parsePeriod(key);
  if (!period) throw validationError([{ field: 'period', rule: 'invalid_period' }]);
  return period;
}

export function compare(db: DB, ctx: Ctx, key: string) {
  const period = periodOrRefuse(key);
  const tz = timeZone(db);
  const today = localDay(ctx.now, tz).date;
  // The chain is its branches added up, from the same rows in the same pass: no report summaries
  // to build at HQ (after a chain's first merge that took minutes, on the first report opened).
  // A running period against as many days of the one before, as at a branch (comparisonOf).
  const spans = comparisonOf(period, today);
  const { branches: current, chain } = branchKpis(db, ctx, spans.current, tz, today);
  const { branches: previous, chain: chainPrevious } = branchKpis(db, ctx, spans.previous, tz, today);
  const q = hqReportQueries(db);
  const sorted = q
    .branches()
    .map((b) => ({ branch: b, kpis: current.get(b.id)!, previous: previous.get(b.id)! }))
    .sort((a, b) => b.kpis.netSalesFen - a.kpis.netSalesFen || (a.branch.code < b.branch.code ? -1 : 1));
  // Equal net sales share a place, and the next one is counted after them (1, 1, 3), as in any league table.
  const branches = sorted.map((b) => ({ ...b, rank: 1 + sorted.findIndex((x) => x.kpis.netSalesFen === b.kpis.netSalesFen) }));
  return {
    period: { key: period.key, from: period.from, to: period.to },
    previous: { key: spans.previous.period.key, from: spans.previous.from, to: spans.previous.to },
    running: spans.running,
    chain,
    chainPrevious,
    branches,
    multiBranchPeople: q.multiBranchPeopleCount(rangeOf(period.from, period.to, tz)),
  };
}

/** People who bought at two or more branches in the period, with what they bought there in it (not their whole history). */
export function multiBranch(
  db: DB,
  ctx: Ctx,
  input: { period: string; offset: number; limit: number },
): { items: MultiBranchPerson[]; total: number } {
  const period = periodOrRefuse(input.period);
  const r = rangeOf(period.from, period.to, timeZone(db));
  const q = hqReportQueries(db);
  const total = q.multiBranchPeopleCount(r);
  const items = q.multiBranchPeople(r, input.limit, input.offset).map(({ phone }) => {
    const person = personByPhone(db, phone);
    const branches = q.personInPeriod(phone, r).map((b) => ({ code: b.code, name: b.name, orders: b.orders, netSalesFen: b.net }));
    return {
      phone,
      name: person.name,
      branches,
      orders: branches.reduce((s, b) => s + b.orders, 0),
      netSalesFen: branches.reduce((s, b) => s + b.netSalesFen, 0),
      pointsBalance: person.pointsBalance,
    };
  });
  return { items, total };
}

export function branchStatus(db: DB, ctx: Ctx) {
  const rows = hqReportQueries(db).filesByBranch();
  const tz = timeZone(db);
  const today = localDay(ctx.now, tz).date;
  return {
    quietAfterDays: QUIET_AFTER_DAYS,
    items: rows.map((r) => {
      const days = daysBetween(localDay(r.last_export_at, tz).date, today);
      return {
        branch: { id: r.id, code: r.code, name: r.name },
        lastSeq: r.last_seq,
        lastExportAt: r.last_export_at,
        lastMergedAt: r.last_merged_at,
        files: r.files,
        daysSinceExport: days,
        quiet: days >= QUIET_AFTER_DAYS,
      };
    }),
  };
}

export function mergeLog(db: DB, input: { offset: number; limit: number }) {
  const q = hqReportQueries(db);
  const total = q.mergeCount();
  const rows = q.merges(input.limit, input.offset);
  return {
    total,
    items: rows.map((r) => ({ ...(JSON.parse(r.result_json) as MergeResult), mergedAt: r.merged_at, mergedByName: r.merged_by_name })),
  };
}

/** The profile HQ shows for a person, by field (a conflict names its field). */
const shownProfile = (p: Person): Record<string, string | null> => ({
  name: p.name,
  gender: p.gender,
  birthday: p.birthday,
  email: p.email,
  address: p.address,
});

export function conflicts(
  db: DB,
  input: { status: 'open' | 'resolved'; offset: number; limit: number },
): { items: Conflict[]; total: number } {
  const q = hqConflictQueries(db);
  const total = q.conflictCount(input.status);
  const rows = q.conflicts(input.status, input.limit, input.offset);
  const current = new Map<string, Record<string, string | null>>();
  return {
    total,
    items: rows.map((r) => {
      const key = r.person_key;
      let profile = current.get(key);
      if (!profile) {
        profile = shownProfile(personByPhone(db, key));
        current.set(key, profile);
      }
      return {
        id: r.id,
        personKey: key,
        field: r.field,
        currentValue: profile[r.field] ?? null,
        value: r.value,
        branch: { code: r.code, name: r.branch_name },
        memberId: r.member_id,
        memberName: r.member_name,
        valueUpdatedAt: r.value_updated_at,
        status: r.status,
        resolvedValue: r.resolved_value,
        resolvedAt: r.resolved_at,
        resolvedByName: r.resolved_by_name,
      };
    }),
  };
}

/** HQ keeps `value` for the conflict's person and field: every open conflict on that field closes. */
export function resolveConflict(db: DB, ctx: Ctx, staffId: string, input: { id: string; value: string }): { resolved: number } {
  const q = hqConflictQueries(db);
  const c = q.conflict(input.id);
  if (!c) throw new AppError('NOT_FOUND', 'No such conflict', { entity: 'conflict', id: input.id });
  const shown = shownProfile(personByPhone(db, c.person_key))[c.field];
  const seen = new Set<string>([...q.valuesSeen(c.person_key, c.field), ...(shown ? [shown] : [])]);
  if (!seen.has(input.value)) throw validationError([{ field: 'value', rule: 'invalid_choice' }]);
  q.choose(c.person_key, c.field, input.value, ctx.now, staffId);
  // A decision can be changed (a wrong button, a call to the customer): the field's rows decided
  // otherwise take the new value too, so 已处理 never shows two decisions for one field.
  const resolved = q.resolveField(c.person_key, c.field, input.value, ctx.now, staffId);
  // Every other value the person's members hold now was in front of the clerk too (it may have
  // been the one shown as current): decided with it, so a later merge does not ask again.
  for (const m of q.heldValues(c.person_key, c.field)) {
    if (m.value === null || emptyValue(c.field, m.value) || m.value === input.value) continue;
    q.insertDecided(
      [conflictId(c.person_key, c.field, m.id, m.value), c.person_key, c.field, m.id, m.value, m.updated_at],
      input.value,
      ctx.now,
      staffId,
    );
  }
  return { resolved };
}
