import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/** What one expiry run found due: members with lots past their date, their points and lots. */
export interface ExpiryTotals {
  members: number;
  points: number;
  lots: number;
}

/**
 * The points expiry's set-based pass (services/loyalty/ledger.ts, expireDueLots) over two temp
 * tables: `expiring`, one row per member with lots past their date (their points, their lots, the
 * id of the entry that expires them), and `expiring_lots`, those lots by member. Each run makes
 * the tables afresh and drops them after, so a statement over them can only be prepared once a
 * table exists: it is prepared on its first use and kept, and SQLite prepares it again by itself
 * when it next runs over the table made anew.
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
         FROM points_lots WHERE remaining > 0 AND expires_at IS NOT NULL AND expired_by IS NULL AND expires_at <= ? GROUP BY member_id`,
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
  const fillExpiringLots = onFirstUse(() =>
    db.prepare<[string]>(
      `INSERT INTO temp.expiring_lots (member_id, lot)
         SELECT member_id, rowid FROM points_lots WHERE remaining > 0 AND expires_at IS NOT NULL AND expired_by IS NULL AND expires_at <= ?`,
    ),
  );
  const closeLots = onFirstUse(() =>
    db.prepare<[]>(
      `UPDATE points_lots SET expired_by = e.ledger_id, expired_points = remaining
         FROM temp.expiring_lots x JOIN temp.expiring e ON e.member_id = x.member_id
        WHERE points_lots.rowid = x.lot`,
    ),
  );
  return {
    /**
     * Makes `expiring` afresh (a run that failed may have left one) with every member whose lots
     * are due at `now`, each given a new entry id from `newId`, and answers the totals.
     */
    collectExpiring(now: string, newId: () => string): ExpiryTotals {
      db.function('bd_new_id', { deterministic: false }, () => newId());
      db.exec('DROP TABLE IF EXISTS temp.expiring');
      db.exec('CREATE TEMP TABLE expiring (member_id TEXT PRIMARY KEY, points INTEGER, lots INTEGER, ledger_id TEXT) WITHOUT ROWID');
      fillExpiring().run(now);
      return totals().get()!;
    },
    /** One `expire` entry per collected member, in the order of their new ids. */
    insertExpiryEntries: (branchId: string, now: string, by: string | null) => insertEntries().run(branchId, now, by),
    /** Each collected member's cached balance, lowered by the points expiring. */
    lowerBalances: () => lowerBalances().run(),
    /** Stamps each due lot with the entry that expired it and the points it took (`remaining` stays). */
    closeExpiredLots(now: string) {
      db.exec('DROP TABLE IF EXISTS temp.expiring_lots');
      db.exec(
        'CREATE TEMP TABLE expiring_lots (member_id TEXT NOT NULL, lot INTEGER NOT NULL, PRIMARY KEY (member_id, lot)) WITHOUT ROWID',
      );
      fillExpiringLots().run(now);
      closeLots().run();
      db.exec('DROP TABLE temp.expiring_lots');
    },
    dropExpiring: () => db.exec('DROP TABLE temp.expiring'),
  };
});
