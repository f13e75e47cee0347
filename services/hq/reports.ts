import type { Kpis } from '../../shared/contract/reports';
import { QUIET_AFTER_DAYS, type Conflict, type MergeResult, type MultiBranchPerson } from '../../shared/contract/hq';
import { AppError, validationError } from '../../shared/errors';
import { addDaysTo, daysBetween, startOfLocalDate } from '../../shared/local-date';
import { pointsValueFen } from '../../shared/points';
import { localDay } from '../../shared/local-date';
import { comparisonOf, parsePeriod, previousPeriod, type Period, type Span } from '../../shared/report-periods';
import type { DB } from '../../db/connection';
import type { Ctx } from '../core/context';
import { rulesAt } from '../loyalty/points';
import { timeZone } from '../core/branch';
import { kpisFromCounts, rangeOf, type KpiCounts } from '../reports/reports';
import { conflictId, emptyValue } from './conflicts';
import { personByPhone } from './people';

// HQ's reports (docs/hq.md "Reports"): each branch's dashboard from its own rows, grouped by
// branch in one pass per figure so fifty branches cost what one does, and the chain's as the
// branches' counts added up. The figures follow from the counts as at a branch (kpisFromCounts).

type Row = Record<string, number | string | null>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * HQ's indexes lead with the branch (db/hq-layout.ts): a period's rows are read one branch at a
 * time, each a range of its own part of the index.
 */
const EACH_BRANCH = 'branch_id IN (SELECT id FROM branches)';

/**
 * Sales less voids: a void has its sale's branch, member and time, so in any period the two are
 * counted together and cancel, as if the sale never happened (docs/reports.md), without looking
 * up which sale a void names (HQ keeps no index of that).
 */
const saleCount = (kind = 'kind') => `CASE ${kind} WHEN 'sale' THEN 1 WHEN 'void' THEN -1 ELSE 0 END`;

function byBranch(rows: Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [String(r.branch_id), r]));
}

/**
 * Every branch's dashboard figures for a period or its first days, as docs/reports.md defines
 * them; retention counts against the whole period before.
 */
function branchKpis(db: DB, ctx: Ctx, p: Span, tz: string, today: string): { branches: Map<string, Kpis>; chain: Kpis } {
  const r = rangeOf(p.from, p.to, tz);
  const prev = previousPeriod(p.period);
  const pr = rangeOf(prev.from, prev.to, tz);
  const all = (sql: string, params: object) => byBranch(db.prepare(sql).all(params) as Row[]);
  const sales = all(
    `SELECT branch_id, SUM(${saleCount()}) AS orders, COALESCE(SUM(CASE kind WHEN 'sale' THEN paid_fen WHEN 'void' THEN -paid_fen END), 0) AS sales,
            COALESCE(SUM(CASE WHEN kind = 'refund' THEN paid_fen END), 0) AS refunds
       FROM purchases WHERE ${EACH_BRANCH} AND occurred_at >= @from AND occurred_at < @to GROUP BY branch_id`,
    r,
  );
  const activeSql = `SELECT branch_id, member_id, SUM(${saleCount()}) AS n FROM purchases
     WHERE ${EACH_BRANCH} AND kind IN ('sale', 'void') AND occurred_at >= @from AND occurred_at < @to GROUP BY branch_id, member_id HAVING n > 0`;
  const active = all(`SELECT branch_id, COUNT(*) AS active, SUM(n >= 2) AS repeat FROM (${activeSql}) GROUP BY branch_id`, r);
  const before = all(`SELECT branch_id, COUNT(*) AS active FROM (${activeSql}) GROUP BY branch_id`, pr);
  const retained = all(
    `SELECT a.branch_id, COUNT(*) AS retained FROM (${activeSql}) a
       JOIN (${activeSql.replace(/@from/g, '@pfrom').replace(/@to/g, '@pto')}) b ON b.branch_id = a.branch_id AND b.member_id = a.member_id
      GROUP BY a.branch_id`,
    { ...r, pfrom: pr.from, pto: pr.to },
  );
  // A duplicate merged into another member is no new member of its own (docs/members.md).
  const members = all('SELECT branch_id, COUNT(*) AS n FROM members WHERE created_at >= @from AND created_at < @to AND merged_into IS NULL GROUP BY branch_id', r);
  const points = all(
    `SELECT branch_id, COALESCE(SUM(CASE WHEN points > 0 AND kind <> 'merge' THEN points END), 0) AS issued,
            -COALESCE(SUM(CASE WHEN kind = 'redeem' THEN points END), 0) AS redeemed,
            -COALESCE(SUM(CASE WHEN kind = 'expire' THEN points END), 0) AS expired,
            -COALESCE(SUM(CASE WHEN kind = 'reverse' AND points < 0 THEN points END), 0) AS reversed
       FROM points_ledger WHERE ${EACH_BRANCH} AND created_at >= @from AND created_at < @to GROUP BY branch_id`,
    r,
  );
  // A void's entries cancel its sale's own, as at a branch (docs/reports.md): its take-back is
  // points never issued, its give-back points never redeemed. Only `reverse` entries look up
  // their row, so the ledger's covering index still serves the rest.
  const voided = all(
    `SELECT l.branch_id, -COALESCE(SUM(CASE WHEN l.points < 0 THEN l.points END), 0) AS taken, COALESCE(SUM(CASE WHEN l.points > 0 THEN l.points END), 0) AS given
       FROM points_ledger l JOIN purchases v ON v.id = l.purchase_id AND v.kind = 'void'
      WHERE l.${EACH_BRANCH} AND l.created_at >= @from AND l.created_at < @to AND l.kind = 'reverse' GROUP BY l.branch_id`,
    r,
  );
  const outstanding = all(`SELECT branch_id, COALESCE(SUM(points), 0) AS n FROM points_ledger WHERE ${EACH_BRANCH} AND created_at < @to GROUP BY branch_id`, r);
  const lastDue = p.to < today ? p.to : addDaysTo(today, -1);
  const followups = all(
    `SELECT branch_id, SUM(status = 'done' AND completed_at >= @from AND completed_at < @to) AS done,
            SUM(status IN ('planned', 'missed') AND due_date >= @fromDate AND due_date <= @lastDue) AS overdue,
            COUNT(CASE WHEN status = 'done' AND completed_at >= @from AND completed_at < @to THEN satisfaction END) AS csat_n,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND satisfaction >= 4) AS csat_good,
            COUNT(CASE WHEN status = 'done' AND completed_at >= @from AND completed_at < @to THEN nps END) AS nps_n,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND nps >= 9) AS promoters,
            SUM(status = 'done' AND completed_at >= @from AND completed_at < @to AND nps <= 6) AS detractors
       FROM followups GROUP BY branch_id`,
    { ...r, fromDate: p.from, lastDue },
  );
  const complaints = all(
    `SELECT branch_id, SUM(created_at >= @from AND created_at < @to) AS opened, SUM(resolved_at >= @from AND resolved_at < @to) AS resolved,
            SUM(created_at < @to AND (resolved_at IS NULL OR resolved_at >= @to)) AS open_at_end
       FROM feedback WHERE kind = 'complaint' GROUP BY branch_id`,
    r,
  );
  const resolveHours = new Map<string, number[]>();
  for (const row of db
    .prepare("SELECT branch_id, created_at, resolved_at FROM feedback WHERE kind = 'complaint' AND resolved_at >= @from AND resolved_at < @to")
    .all(r) as { branch_id: string; created_at: string; resolved_at: string }[]) {
    const list = resolveHours.get(row.branch_id) ?? [];
    list.push((Date.parse(row.resolved_at) - Date.parse(row.created_at)) / 3_600_000);
    resolveHours.set(row.branch_id, list);
  }
  // Takings, and members' net sales on the very days that have a figure.
  const takings = db.prepare('SELECT branch_id, date, total_fen FROM store_takings WHERE date >= ? AND date <= ?').all(p.from, p.to) as { branch_id: string; date: string; total_fen: number }[];
  const takingsBy = new Map<string, { fen: number; days: number; net: number }>();
  const netOnDay = db.prepare<{ b: string; from: string; to: string }, number>(
    `SELECT COALESCE(SUM(CASE WHEN kind = 'sale' THEN paid_fen ELSE -paid_fen END), 0) FROM purchases
      WHERE occurred_at >= @from AND occurred_at < @to AND branch_id = @b`,
  ).pluck();
  for (const t of takings) {
    const entry = takingsBy.get(t.branch_id) ?? { fen: 0, days: 0, net: 0 };
    entry.fen += t.total_fen;
    entry.days++;
    entry.net += netOnDay.get({ b: t.branch_id, from: startOfLocalDate(t.date, tz), to: startOfLocalDate(addDaysTo(t.date, 1), tz) })!;
    takingsBy.set(t.branch_id, entry);
  }
  const raws = new Map<string, KpiCounts>();
  const ids = db.prepare("SELECT id FROM branches WHERE kind = 'branch'").pluck().all() as string[];
  for (const id of ids) {
    const s = sales.get(id) ?? {};
    const a = active.get(id) ?? {};
    const pts = points.get(id) ?? {};
    const [taken, given] = [num(voided.get(id)?.taken), num(voided.get(id)?.given)];
    const f = followups.get(id) ?? {};
    const c = complaints.get(id) ?? {};
    raws.set(id, {
      newMembers: num(members.get(id)?.n),
      active: num(a.active),
      repeat: num(a.repeat),
      orders: num(s.orders),
      sales: num(s.sales),
      refunds: num(s.refunds),
      retained: num(retained.get(id)?.retained),
      activeBefore: num(before.get(id)?.active),
      issued: num(pts.issued) - given - taken,
      redeemed: num(pts.redeemed) - given,
      expired: num(pts.expired),
      reversed: num(pts.reversed) - taken,
      owed: num(outstanding.get(id)?.n),
      done: num(f.done),
      overdue: lastDue >= p.from ? num(f.overdue) : 0,
      csatN: num(f.csat_n),
      csatGood: num(f.csat_good),
      npsN: num(f.nps_n),
      promoters: num(f.promoters),
      detractors: num(f.detractors),
      opened: num(c.opened),
      resolved: num(c.resolved),
      openAtEnd: num(c.open_at_end),
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
  'newMembers', 'active', 'repeat', 'orders', 'sales', 'refunds', 'retained', 'activeBefore', 'issued', 'redeemed', 'expired', 'reversed',
  'owed', 'done', 'overdue', 'csatN', 'csatGood', 'npsN', 'promoters', 'detractors', 'opened', 'resolved', 'openAtEnd',
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
        : { fen: tills.reduce((s, t) => s + t.fen, 0), days: Math.max(...tills.map((t) => t.days)), net: tills.reduce((s, t) => s + t.net, 0) },
  };
}

function periodOrRefuse(key: string): Period {
  const period = parsePeriod(key);
  if (!period) throw validationError([{ field: 'period', rule: 'invalid_period' }]);
  return period;
}

/** People (by phone) with a sale (not voided) at two or more branches in the period. */
const MULTI_BRANCH = `SELECT phone, COUNT(*) AS branches FROM (
    SELECT m.phone, p.branch_id FROM purchases p JOIN members m ON m.id = p.member_id
     WHERE p.${EACH_BRANCH} AND p.kind IN ('sale', 'void') AND p.occurred_at >= @from AND p.occurred_at < @to
     GROUP BY m.phone, p.branch_id HAVING SUM(${saleCount('p.kind')}) > 0)
   GROUP BY phone HAVING COUNT(*) > 1`;

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
  const info = db.prepare("SELECT id, code, name FROM branches WHERE kind = 'branch'").all() as { id: string; code: string; name: string }[];
  const sorted = info
    .map((b) => ({ branch: b, kpis: current.get(b.id)!, previous: previous.get(b.id)! }))
    .sort((a, b) => b.kpis.netSalesFen - a.kpis.netSalesFen || (a.branch.code < b.branch.code ? -1 : 1));
  // Equal net sales share a place, and the next one is counted after them (1, 1, 3), as in any league table.
  const branches = sorted.map((b) => ({ ...b, rank: 1 + sorted.findIndex((x) => x.kpis.netSalesFen === b.kpis.netSalesFen) }));
  const multi = db.prepare(`SELECT COUNT(*) FROM (${MULTI_BRANCH})`).pluck().get(rangeOf(period.from, period.to, tz)) as number;
  return {
    period: { key: period.key, from: period.from, to: period.to },
    previous: { key: spans.previous.period.key, from: spans.previous.from, to: spans.previous.to },
    running: spans.running,
    chain,
    chainPrevious,
    branches,
    multiBranchPeople: multi,
  };
}

/** People who bought at two or more branches in the period, with what they bought there in it (not their whole history). */
export function multiBranch(db: DB, ctx: Ctx, input: { period: string; offset: number; limit: number }): { items: MultiBranchPerson[]; total: number } {
  const period = periodOrRefuse(input.period);
  const r = rangeOf(period.from, period.to, timeZone(db));
  const total = db.prepare(`SELECT COUNT(*) FROM (${MULTI_BRANCH})`).pluck().get(r) as number;
  const phones = db
    .prepare(`${MULTI_BRANCH} ORDER BY branches DESC, phone LIMIT @limit OFFSET @offset`)
    .all({ ...r, limit: input.limit, offset: input.offset }) as { phone: string }[];
  const inPeriod = db.prepare<{ phone: string; from: string; to: string }, { code: string; name: string; orders: number; net: number }>(
    `SELECT b.code, b.name, SUM(${saleCount('p.kind')}) AS orders,
            SUM(CASE WHEN p.kind = 'sale' THEN p.paid_fen ELSE -p.paid_fen END) AS net
       FROM members m JOIN branches b ON b.id = m.branch_id
       JOIN purchases p ON p.branch_id = m.branch_id AND p.member_id = m.id AND p.occurred_at >= @from AND p.occurred_at < @to
      WHERE m.phone = @phone GROUP BY b.id ORDER BY b.code`,
  );
  const items = phones.map(({ phone }) => {
    const person = personByPhone(db, phone);
    const branches = inPeriod.all({ phone, ...r }).map((b) => ({ code: b.code, name: b.name, orders: b.orders, netSalesFen: b.net }));
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
  const rows = db
    .prepare(
      `SELECT b.id, b.code, b.name, MAX(h.seq) AS last_seq, MAX(h.created_at) AS last_export_at, MAX(h.merged_at) AS last_merged_at, COUNT(*) AS files
         FROM branches b JOIN hq_merges h ON h.branch_id = b.id GROUP BY b.id ORDER BY b.code`,
    )
    .all() as { id: string; code: string; name: string; last_seq: number; last_export_at: string; last_merged_at: string; files: number }[];
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
  const total = db.prepare('SELECT COUNT(*) FROM hq_merges').pluck().get() as number;
  const rows = db
    .prepare(
      `SELECT h.result_json, h.merged_at, s.name AS merged_by_name FROM hq_merges h LEFT JOIN staff s ON s.id = h.merged_by
        ORDER BY h.merged_at DESC, h.rowid DESC LIMIT ? OFFSET ?`,
    )
    .all(input.limit, input.offset) as { result_json: string; merged_at: string; merged_by_name: string | null }[];
  return { total, items: rows.map((r) => ({ ...(JSON.parse(r.result_json) as MergeResult), mergedAt: r.merged_at, mergedByName: r.merged_by_name })) };
}

export function conflicts(db: DB, input: { status: 'open' | 'resolved'; offset: number; limit: number }): { items: Conflict[]; total: number } {
  const total = db.prepare('SELECT COUNT(*) FROM hq_conflicts WHERE status = ?').pluck().get(input.status) as number;
  const rows = db
    .prepare(
      `SELECT c.*, b.code, b.name AS branch_name, m.name AS member_name, s.name AS resolved_by_name, ch.value AS chosen
         FROM hq_conflicts c JOIN members m ON m.id = c.member_id JOIN branches b ON b.id = m.branch_id
         LEFT JOIN staff s ON s.id = c.resolved_by LEFT JOIN hq_person_choices ch ON ch.person_key = c.person_key AND ch.field = c.field
        WHERE c.status = ? ORDER BY c.person_key, c.field, c.value_updated_at DESC LIMIT ? OFFSET ?`,
    )
    .all(input.status, input.limit, input.offset) as Array<Record<string, string | null>>;
  const current = new Map<string, Record<string, string | null>>();
  return {
    total,
    items: rows.map((r) => {
      const key = r.person_key!;
      let profile = current.get(key);
      if (!profile) {
        const p = personByPhone(db, key);
        profile = { name: p.name, gender: p.gender, birthday: p.birthday, email: p.email, address: p.address };
        current.set(key, profile);
      }
      return {
        id: r.id!,
        personKey: key,
        field: r.field!,
        currentValue: profile[r.field!] ?? null,
        value: r.value!,
        branch: { code: r.code!, name: r.branch_name! },
        memberId: r.member_id!,
        memberName: r.member_name!,
        valueUpdatedAt: r.value_updated_at!,
        status: r.status as 'open' | 'resolved',
        resolvedValue: r.resolved_value,
        resolvedAt: r.resolved_at,
        resolvedByName: r.resolved_by_name,
      };
    }),
  };
}

/** HQ keeps `value` for the conflict's person and field: every open conflict on that field closes. */
export function resolveConflict(db: DB, ctx: Ctx, staffId: string, input: { id: string; value: string }): { resolved: number } {
  const c = db.prepare('SELECT person_key, field FROM hq_conflicts WHERE id = ?').get(input.id) as { person_key: string; field: string } | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'No such conflict', { entity: 'conflict', id: input.id });
  const p = personByPhone(db, c.person_key);
  const seen = new Set<string>([
    ...(db.prepare('SELECT value FROM hq_conflicts WHERE person_key = ? AND field = ?').pluck().all(c.person_key, c.field) as string[]),
    ...(p as unknown as Record<string, string | null>)[c.field] ? [String((p as unknown as Record<string, string | null>)[c.field])] : [],
  ]);
  if (!seen.has(input.value)) throw validationError([{ field: 'value', rule: 'invalid_choice' }]);
  db.prepare(
    `INSERT INTO hq_person_choices (person_key, field, value, chosen_at, chosen_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_key, field) DO UPDATE SET value = excluded.value, chosen_at = excluded.chosen_at, chosen_by = excluded.chosen_by`,
  ).run(c.person_key, c.field, input.value, ctx.now, staffId);
  // A decision can be changed (a wrong button, a call to the customer): the field's rows decided
  // otherwise take the new value too, so 已处理 never shows two decisions for one field.
  const resolved = db
    .prepare(
      `UPDATE hq_conflicts SET status = 'resolved', resolved_value = ?, resolved_at = ?, resolved_by = ?
        WHERE person_key = ? AND field = ? AND (status = 'open' OR resolved_value IS NOT ?)`,
    )
    .run(input.value, ctx.now, staffId, c.person_key, c.field, input.value).changes;
  // Every other value the person's members hold now was in front of the clerk too (it may have
  // been the one shown as current): decided with it, so a later merge does not ask again.
  const decided = db.prepare(
    `INSERT INTO hq_conflicts (id, person_key, field, member_id, value, value_updated_at, status, resolved_value, resolved_at, resolved_by)
     VALUES (?, ?, ?, ?, ?, ?, 'resolved', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const held = db.prepare(`SELECT id, ${c.field} AS value, updated_at FROM members WHERE phone = ? AND merged_into IS NULL`).all(c.person_key) as { id: string; value: string | null; updated_at: string }[];
  for (const m of held) {
    if (m.value === null || emptyValue(c.field, m.value) || m.value === input.value) continue;
    decided.run(conflictId(c.person_key, c.field, m.id, m.value), c.person_key, c.field, m.id, m.value, m.updated_at, input.value, ctx.now, staffId);
  }
  return { resolved };
}
