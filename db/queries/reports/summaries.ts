import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

export interface SourceMark {
  source: string;
  last_rowid: number;
  last_id: string | null;
}

export interface NewPurchase {
  rowid: number;
  id: string;
  member_id: string;
  kind: 'sale' | 'refund' | 'void';
  occurred_at: string;
  paid_fen: number;
  category: string | null;
  created_by: string | null;
  tier_id: string | null;
  original_at: string | null;
  /** who recorded the sale a refund or void belongs to */
  original_by: string | null;
}

/** A member's purchase as their summary events need it (the build reads them member by member). */
export interface MemberPurchase {
  kind: 'sale' | 'refund' | 'void';
  occurred_at: string;
  paid_fen: number;
  /** a refund's or void's sale's time; null for a sale */
  original_at: string | null;
}

export interface NewLedgerEntry {
  rowid: number;
  id: string;
  created_at: string;
  kind: string;
  points: number;
  /** 1 for a void's entry (a `reverse` naming a void row), which cancels its sale's own entries */
  of_void: number;
  /** 1 for an import's opening balance (an `adjust` with reason "import"): issued by the store's old system, not in the period */
  opening: number;
}

export interface PeriodRow {
  grain: string;
  period: string;
  orders: number;
  sales_fen: number;
  refunds_fen: number;
  active: number;
  repeat: number;
  retained: number;
  new_members: number;
  pts_issued: number;
  pts_redeemed: number;
  pts_expired: number;
  pts_reversed: number;
  pts_net: number;
}

/** The counters of report_periods, in this order everywhere (the summariser keeps them as arrays). */
export const PERIOD_FIELDS = [
  'orders',
  'sales_fen',
  'refunds_fen',
  'active',
  'repeat',
  'retained',
  'new_members',
  'pts_issued',
  'pts_redeemed',
  'pts_expired',
  'pts_reversed',
  'pts_net',
] as const;
export const BREAKDOWN_FIELDS = ['orders', 'sales_fen', 'refunds_fen'] as const;

/** A period in which nothing happened (or the start of adding days up). */
export function emptyPeriod(grain: string, period: string): PeriodRow {
  return {
    grain,
    period,
    orders: 0,
    sales_fen: 0,
    refunds_fen: 0,
    active: 0,
    repeat: 0,
    retained: 0,
    new_members: 0,
    pts_issued: 0,
    pts_redeemed: 0,
    pts_expired: 0,
    pts_reversed: 0,
    pts_net: 0,
  };
}

// The purchase as the summaries see it: a refund or a void carries its sale's time and staff.
const PURCHASE = `SELECT p.rowid AS rowid, p.id, p.member_id, p.kind, p.occurred_at, p.paid_fen, p.category, p.created_by, p.tier_id,
         o.occurred_at AS original_at, o.created_by AS original_by
    FROM purchases p LEFT JOIN purchases o ON o.id = p.original_id`;

// A ledger entry as the summaries see it. Only a `reverse` entry looks up its row (a primary key
// read): which of them are a void's, not a refund's.
const LEDGER = `SELECT l.rowid AS rowid, l.id, l.created_at, l.kind, l.points,
         CASE WHEN l.kind = 'reverse' THEN EXISTS (SELECT 1 FROM purchases v WHERE v.id = l.purchase_id AND v.kind = 'void') ELSE 0 END AS of_void,
         CASE WHEN l.kind = 'adjust' THEN l.reason IS 'import' ELSE 0 END AS opening
    FROM points_ledger l`;

export const summaryQueries = perDatabase((db: DB) => {
  const marks = db.prepare<[], SourceMark>('SELECT source, last_rowid, last_id FROM report_state');
  const setMark = db.prepare<SourceMark>(
    'INSERT INTO report_state (source, last_rowid, last_id) VALUES (@source, @last_rowid, @last_id) ON CONFLICT (source) DO UPDATE SET last_rowid = excluded.last_rowid, last_id = excluded.last_id',
  );
  const idAt = {
    members: db.prepare<[number], { id: string }>('SELECT id FROM members WHERE rowid = ?'),
    purchases: db.prepare<[number], { id: string }>('SELECT id FROM purchases WHERE rowid = ?'),
    points_ledger: db.prepare<[number], { id: string }>('SELECT id FROM points_ledger WHERE rowid = ?'),
  };
  const maxRow = {
    members: db.prepare<[], { rowid: number | null; id: string | null }>('SELECT rowid, id FROM members ORDER BY rowid DESC LIMIT 1'),
    purchases: db.prepare<[], { rowid: number | null; id: string | null }>('SELECT rowid, id FROM purchases ORDER BY rowid DESC LIMIT 1'),
    points_ledger: db.prepare<[], { rowid: number | null; id: string | null }>(
      'SELECT rowid, id FROM points_ledger ORDER BY rowid DESC LIMIT 1',
    ),
  };
  const newMembers = db.prepare<[number, number], { rowid: number; id: string; created_at: string }>(
    'SELECT rowid, id, created_at FROM members WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const newPurchases = db.prepare<[number, number], NewPurchase>(`${PURCHASE} WHERE p.rowid > ? ORDER BY p.rowid LIMIT ?`);
  const newLedger = db.prepare<[number, number], NewLedgerEntry>(`${LEDGER} WHERE l.rowid > ? ORDER BY l.rowid LIMIT ?`);
  const membersFrom = db.prepare<[number, number], { rowid: number; id: string; created_at: string; merged: 0 | 1 }>(
    'SELECT rowid, id, created_at, merged_into IS NOT NULL AS merged FROM members WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  // From purchases_member alone (member, time, kind, paid: a covering index, the member's rows
  // side by side), in row order as computeSummary meets them; only a refund or a void, a few in a
  // hundred, reads its own row and its sale's.
  const memberPurchases = db.prepare<[string, number], MemberPurchase>(
    `SELECT p.kind, p.occurred_at, p.paid_fen,
            CASE WHEN p.kind <> 'sale' THEN (SELECT o.occurred_at FROM purchases o WHERE o.id = (SELECT x.original_id FROM purchases x WHERE x.rowid = p.rowid)) END AS original_at
       FROM purchases p WHERE p.member_id = ? AND p.rowid <= ? ORDER BY p.rowid`,
  );
  const memberRow = db.prepare<[string], { member_no: number; data: Buffer }>(
    'SELECT member_no, data FROM report_members WHERE member_id = ?',
  );
  const addMember = db.prepare<[string, Buffer]>('INSERT INTO report_members (member_id, data) VALUES (?, ?)');
  const setMember = db.prepare<[Buffer, number]>('UPDATE report_members SET data = ? WHERE member_no = ?');
  const memberIds = db.prepare<[string], { member_no: number; member_id: string }>(
    'SELECT member_no, member_id FROM report_members WHERE member_no IN (SELECT value FROM json_each(?))',
  );
  const memberNo = db.prepare<[string], { member_no: number }>('SELECT member_no FROM report_members WHERE member_id = ?');
  const addPeriod = db.prepare(
    `INSERT INTO report_periods (grain, period, ${PERIOD_FIELDS.join(', ')}) VALUES (?, ?, ${PERIOD_FIELDS.map(() => '?').join(', ')})
     ON CONFLICT (grain, period) DO UPDATE SET ${PERIOD_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`,
  );
  const addBreakdown = db.prepare(
    `INSERT INTO report_breakdown (grain, period, dim, key, ${BREAKDOWN_FIELDS.join(', ')}) VALUES (?, ?, ?, ?, ${BREAKDOWN_FIELDS.map(() => '?').join(', ')})
     ON CONFLICT (grain, period, dim, key) DO UPDATE SET ${BREAKDOWN_FIELDS.map((f) => `${f} = ${f} + excluded.${f}`).join(', ')}`,
  );
  const period = db.prepare<[string, string], PeriodRow>('SELECT * FROM report_periods WHERE grain = ? AND period = ?');
  const periods = db.prepare<[string, string, string], PeriodRow>(
    'SELECT * FROM report_periods WHERE grain = ? AND period >= ? AND period <= ? ORDER BY period',
  );
  const pointsUpTo = db.prepare<[string], { n: number }>(
    "SELECT COALESCE(SUM(pts_net), 0) AS n FROM report_periods WHERE grain = 'day' AND period <= ?",
  );
  const netOnDays = db.prepare<[string], { n: number }>(
    "SELECT COALESCE(SUM(sales_fen - refunds_fen), 0) AS n FROM report_periods WHERE grain = 'day' AND period IN (SELECT value FROM json_each(?))",
  );
  const breakdown = db.prepare<[string, string, string], { key: string; orders: number; sales_fen: number; refunds_fen: number }>(
    // A key whose only sales were voided keeps a row of zeros: it is no row of the report.
    `SELECT key, orders, sales_fen, refunds_fen FROM report_breakdown WHERE grain = ? AND period = ? AND dim = ?
        AND (orders <> 0 OR sales_fen <> 0 OR refunds_fen <> 0) ORDER BY sales_fen DESC, key`,
  );
  const stamp = db.prepare<[], { stamp: string }>(
    "SELECT group_concat(source || ':' || last_rowid || ':' || COALESCE(last_id, ''), '|') AS stamp FROM report_state",
  );
  // A scan a row at a time costs more making a million small buffers than reading them, so
  // members are read 8,192 at a time, their values joined into one blob (group_concat keeps a
  // blob's bytes, NULs too, in a UTF-8 database) with the list of whose they are and how long.
  const chunk = db
    .prepare<[number, number], [Buffer | null, string | null]>(
      "SELECT CAST(group_concat(data, '') AS BLOB), group_concat(member_no || ':' || (length(data) / 8)) FROM report_members WHERE member_no > ? AND member_no <= ?",
    )
    .raw(true);
  const lastNo = db.prepare<[], number | null>('SELECT MAX(member_no) FROM report_members').pluck(true);
  const clear = db.prepare('DELETE FROM report_state');
  // A million members' rows take seconds to delete (no truncation, for their foreign key): a few
  // thousand at a time, from the lowest number.
  const clearMembers = db.prepare<[number]>(
    'DELETE FROM report_members WHERE member_no IN (SELECT member_no FROM report_members ORDER BY member_no LIMIT ?)',
  );
  const clearPeriods = db.prepare('DELETE FROM report_periods');
  const clearBreakdown = db.prepare('DELETE FROM report_breakdown');

  return {
    /** A period's counters (all zero when nothing happened in it). */
    period: (grain: string, key: string): PeriodRow => period.get(grain, key) ?? emptyPeriod(grain, key),
    periods: (grain: string, from: string, to: string) => periods.all(grain, from, to),
    /** Points on the books at the end of a local date: every ledger entry up to it. */
    pointsUpTo: (date: string) => pointsUpTo.get(date)!.n,
    /** Members' net sales on these local dates. */
    netOnDays: (dates: string[]) => netOnDays.get(JSON.stringify(dates))!.n,
    breakdown: (grain: string, key: string, dim: string) => breakdown.all(grain, key, dim),
    /** Changes whenever the summaries do. */
    stamp: () => stamp.get()?.stamp ?? '',
    /**
     * Every member's packed values, for the reports' one pass over everyone: calls `each` with the
     * member number and where their values start and end in `values` (float64s: registered day,
     * then the event pairs), in member-number order.
     */
    /** The highest member number: how many members the summaries hold. */
    lastMemberNo: () => lastNo.get() ?? 0,
    eachMember: (each: (no: number, values: Float64Array, start: number, end: number) => void) => {
      const last = lastNo.get() ?? 0;
      for (let lo = 0; lo < last; lo += 8192) {
        const [data, index] = chunk.get(lo, lo + 8192)!;
        if (!data || !index) continue;
        const values = new Float64Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
        // Both lists are built in one pass over the same rows, so they are in the same order.
        const items = index.split(',');
        const [nos, starts] = [new Int32Array(items.length), new Int32Array(items.length + 1)];
        let inOrder = true;
        items.forEach((item, i) => {
          const colon = item.indexOf(':');
          nos[i] = Number(item.slice(0, colon));
          starts[i + 1] = starts[i] + Number(item.slice(colon + 1));
          if (i > 0 && nos[i] < nos[i - 1]) inOrder = false;
        });
        if (starts[items.length] !== values.length) throw new Error('report_members: a chunk does not add up');
        const order = Array.from(nos.keys());
        if (!inOrder) order.sort((a, b) => nos[a] - nos[b]); // a rowid range is read in order; just in case
        for (const i of order) each(nos[i], values, starts[i], starts[i + 1]);
      }
    },
    /** The member ids of member numbers. */
    memberIds: (nos: ArrayLike<number>) => new Map(memberIds.all(JSON.stringify(Array.from(nos))).map((r) => [r.member_no, r.member_id])),
    memberNo: (id: string) => memberNo.get(id)?.member_no ?? null,
    marks: () => marks.all(),
    setMark: (m: SourceMark) => setMark.run(m),
    idAt: (source: keyof typeof idAt, rowid: number) => idAt[source].get(rowid)?.id ?? null,
    maxRow: (source: keyof typeof maxRow) => maxRow[source].get() ?? { rowid: null, id: null },
    newMembers: (after: number, limit: number) => newMembers.all(after, limit),
    /** Members after a row number, in row order, and whether each is a merged duplicate. */
    membersFrom: (after: number, limit: number) => membersFrom.all(after, limit),
    /** A member's purchases up to a row number, in row order. */
    memberPurchases: (memberId: string, upTo: number) => memberPurchases.all(memberId, upTo),
    newPurchases: (after: number, limit: number) => newPurchases.all(after, limit),
    allPurchases: () => db.prepare<[], NewPurchase>(`${PURCHASE} ORDER BY p.rowid`).iterate(),
    newLedger: (after: number, limit: number) => newLedger.all(after, limit),
    allLedger: () => db.prepare<[], NewLedgerEntry>(`${LEDGER} ORDER BY l.rowid`).iterate(),
    allMembers: () =>
      db
        .prepare<[], { rowid: number; id: string; created_at: string }>('SELECT rowid, id, created_at FROM members ORDER BY rowid')
        .iterate(),
    memberRow: (id: string) => memberRow.get(id),
    addMember: (id: string, data: Buffer) => addMember.run(id, data),
    setMember: (no: number, data: Buffer) => setMember.run(data, no),
    addPeriod: (grain: string, period: string, values: ArrayLike<number>) => addPeriod.run(grain, period, ...Array.from(values)),
    addBreakdown: (grain: string, period: string, dim: string, key: string, values: ArrayLike<number>) =>
      addBreakdown.run(grain, period, dim, key, ...Array.from(values)),
    /** Empties the watermarks and the period and breakdown counters (a few thousand rows at most). */
    clearTotals: () => {
      clear.run();
      clearPeriods.run();
      clearBreakdown.run();
    },
    /** Deletes up to `limit` members' rows; answers how many it deleted. */
    clearMembers: (limit: number) => clearMembers.run(limit).changes,
    storedMembers: () =>
      db
        .prepare<[], { member_no: number; member_id: string; data: Buffer }>(
          'SELECT member_no, member_id, data FROM report_members ORDER BY member_no',
        )
        .all(),
    storedPeriods: () => db.prepare<[], PeriodRow>('SELECT * FROM report_periods ORDER BY grain, period').all(),
    storedBreakdown: () =>
      db
        .prepare<[], { grain: string; period: string; dim: string; key: string; orders: number; sales_fen: number; refunds_fen: number }>(
          'SELECT * FROM report_breakdown ORDER BY grain, period, dim, key',
        )
        .all(),
  };
});
