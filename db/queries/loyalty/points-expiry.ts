import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/** What one expiry run found due: members with lots past their date, their points and lots. */
export interface ExpiryTotals {
  members: number;
  points: number;
  lots: number;
}

/** Where a due lot sits in the expiry index (points_lots_expiring, then the lot's rowid). */
export interface DueKey {
  expires_at: string;
  member_id: string;
  remaining: number;
  lot: number;
}

/** Before every key: a lot's date is never empty. */
const FIRST = { e: '', m: '', r: -1, lot: -1 };

const DUE = 'remaining > 0 AND expires_at IS NOT NULL AND expired_by IS NULL';

/**
 * The points expiry's set-based pass (services/loyalty/ledger.ts, expireDueLots) over two temp
 * tables: `expiring`, one row per member with lots past their date (their points, their lots, the
 * id of the entry that expires them), and `expiring_lots`, those lots by member. Each run makes
 * the tables afresh and drops them after, so a statement over them can only be prepared once a
 * table exists: it is prepared on its first use and kept, and SQLite prepares it again by itself
 * when it next runs over the table made anew.
 *
 * The expiry job (services/loyalty/expiry-job.ts) runs the same pass over a slice: the lots it
 * chose along the expiry index go into `expiring_lots` first, and `expiring` is made from them.
 */
export const expiryQueries = perDatabase((db: DB) => {
  const onFirstUse = <S>(prepare: () => S): (() => S) => {
    let statement: S | undefined;
    return () => (statement ??= prepare());
  };
  const fillExpiring = onFirstUse(() =>
    db.prepare<[string]>(
      `INSERT INTO temp.expiring (member_id, points, lots, ledger_id)
       SELECT member_id, SUM(remaining), COUNT(*), bd_new_id()
         FROM points_lots WHERE ${DUE} AND expires_at <= ? GROUP BY member_id`,
    ),
  );
  const totals = onFirstUse(() =>
    db.prepare<[], ExpiryTotals>(
      'SELECT COUNT(*) AS members, COALESCE(SUM(points), 0) AS points, COALESCE(SUM(lots), 0) AS lots FROM temp.expiring',
    ),
  );
  const insertEntries = onFirstUse(() =>
    db.prepare<[string, string, string | null]>(
      `INSERT INTO points_ledger (id, branch_id, member_id, kind, points, shortfall, purchase_id, reason, detail_json, created_at, created_by)
       SELECT ledger_id, ?, member_id, 'expire', -points, 0, NULL, NULL, json_object('lots', lots), ?, ? FROM temp.expiring ORDER BY ledger_id`,
    ),
  );
  const lowerBalances = onFirstUse(() =>
    db.prepare<[]>('UPDATE members SET points_balance = points_balance - e.points FROM temp.expiring e WHERE e.member_id = members.id'),
  );
  // A slice's few members, found by their key: the whole pass's UPDATE … FROM reads every member.
  const lowerBalancesOfSlice = onFirstUse(() =>
    db.prepare<[]>(
      `UPDATE members SET points_balance = points_balance - (SELECT e.points FROM temp.expiring e WHERE e.member_id = members.id)
        WHERE id IN (SELECT member_id FROM temp.expiring)`,
    ),
  );
  const fillExpiringLots = onFirstUse(() =>
    db.prepare<[string]>(
      `INSERT INTO temp.expiring_lots (member_id, lot)
         SELECT member_id, rowid FROM points_lots WHERE ${DUE} AND expires_at <= ?`,
    ),
  );
  const addLot = onFirstUse(() => db.prepare<[string, number]>('INSERT INTO temp.expiring_lots (member_id, lot) VALUES (?, ?)'));
  const fillExpiringFromLots = onFirstUse(() =>
    db.prepare<[]>(
      `INSERT INTO temp.expiring (member_id, points, lots, ledger_id)
       SELECT x.member_id, SUM(l.remaining), COUNT(*), bd_new_id()
         FROM temp.expiring_lots x JOIN points_lots l ON l.rowid = x.lot GROUP BY x.member_id`,
    ),
  );
  const closeLots = onFirstUse(() =>
    db.prepare<[]>(
      `UPDATE points_lots SET expired_by = e.ledger_id, expired_points = remaining
         FROM temp.expiring_lots x JOIN temp.expiring e ON e.member_id = x.member_id
        WHERE points_lots.rowid = x.lot`,
    ),
  );
  const anyDue = db.prepare<[string], number>(`SELECT EXISTS (SELECT 1 FROM points_lots WHERE ${DUE} AND expires_at <= ?)`).pluck();
  // The due lots after a key, in the expiry index's order (the lot's rowid last, so two lots
  // alike are told apart). SQLite reads each lot's row too (expired_by is in the index's WHERE,
  // not its columns): a million due lots cannot be counted in one go without holding up the counter.
  const dueKeysAfter = db.prepare<{ now: string; e: string; m: string; r: number; lot: number; limit: number }, DueKey>(
    `SELECT expires_at, member_id, remaining, rowid AS lot FROM points_lots
      WHERE ${DUE} AND expires_at <= @now AND (expires_at, member_id, remaining, rowid) > (@e, @m, @r, @lot)
      ORDER BY expires_at, member_id, remaining, rowid LIMIT @limit`,
  );
  const sameDateAfter = db.prepare<{ e: string; m: string; r: number; lot: number }, DueKey>(
    `SELECT expires_at, member_id, remaining, rowid AS lot FROM points_lots
      WHERE ${DUE} AND expires_at = @e AND member_id = @m AND (remaining, rowid) > (@r, @lot)`,
  );
  const makeExpiring = (newId: () => string) => {
    db.function('bd_new_id', { deterministic: false }, () => newId());
    db.exec('DROP TABLE IF EXISTS temp.expiring');
    db.exec('CREATE TEMP TABLE expiring (member_id TEXT PRIMARY KEY, points INTEGER, lots INTEGER, ledger_id TEXT) WITHOUT ROWID');
  };
  const makeExpiringLots = () => {
    db.exec('DROP TABLE IF EXISTS temp.expiring_lots');
    db.exec('CREATE TEMP TABLE expiring_lots (member_id TEXT NOT NULL, lot INTEGER NOT NULL, PRIMARY KEY (member_id, lot)) WITHOUT ROWID');
  };
  const closeCollectedLots = () => {
    closeLots().run();
    db.exec('DROP TABLE temp.expiring_lots');
  };
  return {
    /**
     * Makes `expiring` afresh (a run that failed may have left one) with every member whose lots
     * are due at `now`, each given a new entry id from `newId`, and answers the totals.
     */
    collectExpiring(now: string, newId: () => string): ExpiryTotals {
      makeExpiring(newId);
      fillExpiring().run(now);
      return totals().get()!;
    },
    /** As collectExpiring, for the given lots only (a slice of the expiry job); `expiring_lots` holds them. */
    collectLots(lots: DueKey[], newId: () => string): ExpiryTotals {
      makeExpiring(newId);
      makeExpiringLots();
      for (const lot of lots) addLot().run(lot.member_id, lot.lot);
      fillExpiringFromLots().run();
      return totals().get()!;
    },
    /** One `expire` entry per collected member, in the order of their new ids. */
    insertExpiryEntries: (branchId: string, now: string, by: string | null) => insertEntries().run(branchId, now, by),
    /** Each collected member's cached balance, lowered by the points expiring (`few`: a slice's members, by key). */
    lowerBalances: (few = false) => (few ? lowerBalancesOfSlice() : lowerBalances()).run(),
    /** Stamps each due lot with the entry that expired it and the points it took (`remaining` stays). */
    closeExpiredLots(now: string) {
      makeExpiringLots();
      fillExpiringLots().run(now);
      closeCollectedLots();
    },
    /** closeExpiredLots for the lots collectLots was given. */
    closeCollectedLots,
    dropExpiring: () => db.exec('DROP TABLE temp.expiring'),
    /** Whether any lot is due at `now` and not yet expired. */
    anyDue: (now: string) => anyDue.get(now) === 1,
    /** Up to `limit` lots due at `now` after `after` (from the first when null), in the expiry index's order. */
    dueKeysAfter: (now: string, after: DueKey | null, limit: number) =>
      dueKeysAfter.all({ now, ...(after ? keyParams(after) : FIRST), limit }),
    /** The member's other lots due on the same date as `key`, after it in the index. */
    sameDateAfter: (key: DueKey) => sameDateAfter.all(keyParams(key)),
  };
});

const keyParams = (key: DueKey) => ({ e: key.expires_at, m: key.member_id, r: key.remaining, lot: key.lot });
