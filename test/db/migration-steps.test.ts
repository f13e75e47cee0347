import { describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type DB } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations/index';
import { MERGEABLE, NAME_TWIN_KEY, UNUSUAL_NAME } from '../../db/migrations/0017-member-duplicates';
import { tempDbPath } from '../helpers';
import { snapshot } from '../services/fixtures';

// One test per migration that test/db/migrations.test.ts has none for, each in Signal's shape:
// a store at the version before, with representative rows written as that version had them, is
// migrated to the migration's own version (not the latest, so the test keeps meaning what it
// says when later migrations come), and its rows must come through as they were, or changed
// exactly as the migration means to.

const AT = '2026-06-01T02:00:00.000Z';
const LATER = '2026-06-10T02:00:00.000Z';

/** A database at `version`, with what `fill` writes, closed again; returns its path and rows. */
function storeAt(version: number, fill: (db: DB) => void): { path: string; before: Record<string, unknown[]> } {
  const path = tempDbPath();
  const db = openDatabase(path, { targetVersion: version });
  expect(schemaVersion(db)).toBe(version);
  fill(db);
  const before = snapshot(db);
  db.close();
  return { path, before };
}

/** Opens the store, which applies migrations up to `version` and no further. */
function migrateTo(path: string, version: number): DB {
  const db = openDatabase(path, { targetVersion: version });
  expect(schemaVersion(db)).toBe(version);
  return db;
}

/** Every table the store had, row for row (the migrations' own record aside). */
function expectKept(before: Record<string, unknown[]>, after: Record<string, unknown[]>, changed: string[] = []): void {
  for (const table of Object.keys(before).filter((name) => name !== 'schema_migrations' && !changed.includes(name))) {
    expect(after[table], table).toEqual(before[table]);
  }
}

const tableNames = (db: DB) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
const indexColumns = (db: DB, index: string) => db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index);
const plan = (db: DB, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('; ');

/** A branch, its admin and two members (one tagged), as the counter wrote them from version 1. */
function foundation(db: DB): void {
  db.exec(`INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b1', 'SH01', '徐汇店', 'branch', '${AT}');
    INSERT INTO settings (key, value) VALUES ('self_branch_id', 'b1');
    INSERT INTO counters (name, value) VALUES ('card_no', 2);
    INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES ('s1', 'b1', 'Wang', 'admin', 'scrypt$x', '${AT}', '${AT}');
    INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, birthday, consent_data_at, consent_data_by, created_at, created_by, updated_at)
      VALUES ('m1', 'b1', 'b1', 'SH0100000001', '张三', 'zs', 'zhangsan', '+8613800000001', '1000000831', '1990-06-15', '${AT}', 's1', '${AT}', 's1', '${AT}'),
             ('m2', 'b1', 'b1', 'SH0100000002', '李四', 'ls', 'lisi', '+8613800000002', '2000000831', '1985-06-15', '${AT}', 's1', '${LATER}', 's1', '${LATER}'),
             ('m3', 'b1', 'b1', 'SH0100000003', '王五', 'ww', 'wangwu', '+8613800000003', '3000000831', NULL, '${AT}', 's1', '${LATER}', 's1', '${LATER}');
    INSERT INTO member_tags (member_id, tag) VALUES ('m1', 'VIP');
    INSERT INTO audit_log (id, at, staff_id, action, entity, entity_id, after_json) VALUES ('a1', '${AT}', 's1', 'members.create', 'member', 'm1', '{"name":"张三"}');`);
}

/** A sale with a receipt, its partial refund, and the points both moved (version 2 on). */
function loyalty(db: DB): void {
  db.exec(`INSERT INTO purchases (id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, paid_fen, category, occurred_at, created_at, created_by)
      VALUES ('p1', 'b1', 'm1', 'sale', NULL, 'R-1', 39900, 39900, '服装', '${AT}', '${AT}', 's1'),
             ('p2', 'b1', 'm1', 'refund', 'p1', 'R-1', 9900, 9900, '服装', '${LATER}', '${LATER}', 's1'),
             ('p3', 'b1', 'm2', 'sale', NULL, NULL, 5000, 5000, NULL, '${LATER}', '${LATER}', 's1');
    INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at, created_by)
      VALUES ('l1', 'b1', 'm1', 'earn', 399, 'p1', '${AT}', 's1'), ('l2', 'b1', 'm1', 'reverse', -99, 'p2', '${LATER}', 's1'),
             ('l3', 'b1', 'm2', 'earn', 50, 'p3', '${LATER}', 's1');
    INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at)
      VALUES ('lot1', 'm1', 'l1', 399, 300, '${AT}', '${AT}', '2027-06-30T15:59:59.999Z'),
             ('lot2', 'm2', 'l3', 50, 50, '${LATER}', '${LATER}', NULL);
    INSERT INTO lot_consumptions (ledger_id, lot_id, points) VALUES ('l2', 'lot1', 99);
    UPDATE members SET points_balance = 300 WHERE id = 'm1';
    UPDATE members SET points_balance = 50 WHERE id = 'm2';`);
}

describe('each migration, from the version before it', () => {
  it('0001-foundation gives an empty file the branch, staff, members and audit tables, with one card and one phone per member', () => {
    const { path, before } = storeAt(0, () => {});
    expect(Object.keys(before)).toEqual(['schema_migrations']);
    const db = migrateTo(path, 1);
    expect(tableNames(db)).toEqual([
      'audit_log',
      'branches',
      'counters',
      'member_tags',
      'members',
      'schema_migrations',
      'settings',
      'staff',
    ]);
    foundation(db);
    expect(snapshot(db).members).toHaveLength(3);
    const member =
      (id: string, card: string, phone: string, gender = 'female') =>
      () =>
        db
          .prepare(
            `INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, gender, created_at, updated_at)
          VALUES (?, 'b1', 'b1', ?, '赵六', 'zl', 'zhaoliu', ?, '9', ?, '${AT}', '${AT}')`,
          )
          .run(id, card, phone, gender);
    expect(member('m4', 'SH0100000001', '+8613800000009')).toThrow(/UNIQUE/);
    expect(member('m4', 'SH0100000009', '+8613800000001')).toThrow(/UNIQUE/);
    expect(member('m4', 'SH0100000009', '+8613800000009', 'other')).toThrow(/CHECK/);
    member('m4', 'SH0100000009', '+8613800000009')();
    // A staff name is unique ignoring letter case: 'WANG' cannot log in as another 'Wang'.
    expect(() =>
      db.exec(
        `INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES ('s2', 'b1', 'WANG', 'clerk', 'x', '${AT}', '${AT}')`,
      ),
    ).toThrow(/UNIQUE/);
    expect(() =>
      db.exec(
        `INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES ('s2', 'b1', 'Li', 'boss', 'x', '${AT}', '${AT}')`,
      ),
    ).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO member_tags (member_id, tag) VALUES ('m1', 'VIP')")).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO member_tags (member_id, tag) VALUES ('nobody', 'VIP')")).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it("0002-points keeps a version-1 store's rows, starts every member at 0 points in the lowest tier, and adds the default rules and four tiers", () => {
    const { path, before } = storeAt(1, foundation);
    const db = migrateTo(path, 2);
    const after = snapshot(db);
    expectKept(before, after, ['members', 'settings']);
    expect(after.members).toEqual(
      (before.members as object[]).map((m) => ({ ...m, points_balance: 0, tier_id: null, tier_since: null, tier_review_at: null })),
    );
    expect(after.settings).toEqual([
      { key: 'self_branch_id', value: 'b1' },
      { key: 'tier_basis', value: 'spend' },
      { key: 'tier_review_months', value: '12' },
      { key: 'tier_window_months', value: '12' },
      { key: 'timezone', value: 'Asia/Shanghai' },
    ]);
    expect(
      db.prepare('SELECT rank, name, threshold, points_multiplier_pct, discount_pct, retired_at FROM tiers ORDER BY rank').all(),
    ).toEqual([
      { rank: 0, name: '普通会员', threshold: 0, points_multiplier_pct: 100, discount_pct: 0, retired_at: null },
      { rank: 1, name: '银卡会员', threshold: 200000, points_multiplier_pct: 120, discount_pct: 0, retired_at: null },
      { rank: 2, name: '金卡会员', threshold: 1000000, points_multiplier_pct: 150, discount_pct: 5, retired_at: null },
      { rank: 3, name: '钻石会员', threshold: 3000000, points_multiplier_pct: 200, discount_pct: 10, retired_at: null },
    ]);
    const rules = db.prepare('SELECT effective_from, rules_json FROM points_rules').all() as Array<{
      effective_from: string;
      rules_json: string;
    }>;
    expect(rules.map((r) => r.effective_from)).toEqual(['1970-01-01T00:00:00.000Z']);
    expect(JSON.parse(rules[0].rules_json)).toMatchObject({
      earn: { points: 1, perYuan: 1 },
      redeem: { pointsPerYuan: 100 },
      expiry: { kind: 'endOfMonth', months: 12 },
    });

    // A receipt number is a branch's sale once; its refunds repeat it, another branch may too.
    loyalty(db);
    db.exec(`INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b2', 'BJ01', '朝阳店', 'branch', '${AT}')`);
    const sale =
      db.prepare(`INSERT INTO purchases (id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, paid_fen, occurred_at, created_at)
      VALUES (?, ?, 'm1', ?, ?, ?, 100, 100, '${LATER}', '${LATER}')`);
    expect(() => sale.run('p4', 'b1', 'sale', null, 'R-1')).toThrow(/UNIQUE/);
    sale.run('p5', 'b1', 'refund', 'p1', 'R-1');
    sale.run('p6', 'b2', 'sale', null, 'R-1');
    sale.run('p7', 'b1', 'sale', null, null);
    expect(() => sale.run('p8', 'b1', 'refund', null, null)).toThrow(/CHECK/); // a refund names its sale
    expect(() => db.exec("UPDATE members SET points_balance = -1 WHERE id = 'm1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE points_lots SET remaining = 400 WHERE id = 'lot1'")).toThrow(/CHECK/);
    db.close();
  });

  it("0003-covering-indexes keeps a version-2 store's rows and reads a window's spend per member, and the tier reviews due, from indexes alone", () => {
    const { path, before } = storeAt(2, (db) => {
      foundation(db);
      loyalty(db);
      db.exec(`UPDATE members SET tier_review_at = '2027-06-01T02:00:00.000Z' WHERE id = 'm1'`);
    });
    const db = migrateTo(path, 3);
    expectKept(before, snapshot(db));
    expect(indexColumns(db, 'purchases_occurred')).toEqual(['occurred_at', 'kind', 'member_id', 'paid_fen']);
    // As the tier re-evaluation reads it (db/queries/loyalty/tiers.ts).
    const spend = "SELECT member_id, paid_fen FROM purchases WHERE kind = 'sale' AND occurred_at >= ?";
    expect(plan(db, spend, AT)).toContain('USING COVERING INDEX purchases_occurred');
    expect(db.prepare(spend).all(AT)).toEqual([
      { member_id: 'm1', paid_fen: 39900 }, // in time order: the index's
      { member_id: 'm2', paid_fen: 5000 },
    ]);
    const due = 'SELECT id FROM members WHERE tier_review_at <= ?';
    expect(plan(db, due, '2027-12-31')).toContain('USING INDEX members_tier_review');
    expect(db.prepare(due).pluck().all('2027-12-31')).toEqual(['m1']);
    db.close();
  });

  it("0004-expiring-covering keeps a version-3 store's lots and finds the lots past their date, with their member and points, from the index alone", () => {
    const { path, before } = storeAt(3, (db) => {
      foundation(db);
      loyalty(db);
      // An emptied lot is no longer waiting to expire.
      db.exec(`INSERT INTO points_ledger (id, branch_id, member_id, kind, points, created_at) VALUES ('l4', 'b1', 'm2', 'adjust', 10, '${AT}');
        INSERT INTO points_lots (id, member_id, ledger_id, points, remaining, earned_at, available_at, expires_at)
          VALUES ('lot3', 'm2', 'l4', 10, 0, '${AT}', '${AT}', '2026-12-31T15:59:59.999Z');`);
    });
    const db = migrateTo(path, 4);
    expectKept(before, snapshot(db));
    expect(indexColumns(db, 'points_lots_expiring')).toEqual(['expires_at', 'member_id', 'remaining']);
    const expiring = 'SELECT member_id, remaining FROM points_lots WHERE expires_at <= ? AND remaining > 0 AND expires_at IS NOT NULL';
    expect(plan(db, expiring, '2028-01-01')).toContain('USING COVERING INDEX points_lots_expiring');
    expect(db.prepare(expiring).all('2028-01-01')).toEqual([{ member_id: 'm1', remaining: 300 }]);
    db.close();
  });

  it("0005-followups keeps a version-4 store's rows, adds empty follow-ups and feedback with the default rules, and finds birthdays by month and day", () => {
    const { path, before } = storeAt(4, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 5);
    const after = snapshot(db);
    expectKept(before, after, ['settings']);
    expect(after.followups).toEqual([]);
    expect(after.feedback).toEqual([]);
    expect(after.settings).toEqual(
      [...(before.settings as object[]), { key: 'followup_rules', value: expect.any(String) }].sort((a, b) =>
        (a as { key: string }).key < (b as { key: string }).key ? -1 : 1,
      ),
    );
    const rules = JSON.parse(db.prepare("SELECT value FROM settings WHERE key = 'followup_rules'").pluck().get() as string);
    expect(rules).toEqual({
      postPurchase: { enabled: true, days: 3, minAmountFen: 0, channel: 'phone' },
      birthday: { enabled: true, channel: 'wechat' },
      reactivation: { enabled: true, days: 90, channel: 'phone' },
      complaint: { enabled: true, days: 1, channel: 'phone' },
    });
    const birthdays = 'SELECT id FROM members WHERE substr(birthday, 6) = ? AND birthday IS NOT NULL ORDER BY id';
    expect(plan(db, birthdays, '06-15')).toContain('USING INDEX members_birthday_md');
    expect(db.prepare(birthdays).pluck().all('06-15')).toEqual(['m1', 'm2']);

    // The generator's source key makes a second run create nothing; a resolved complaint says how.
    const task =
      db.prepare(`INSERT INTO followups (id, branch_id, member_id, kind, channel, due_date, source_key, purchase_id, created_at, updated_at)
      VALUES (?, 'b1', 'm1', 'post_purchase', 'phone', '2026-06-04', ?, 'p1', '${AT}', '${AT}')`);
    task.run('f1', 'sale:p1');
    expect(() => task.run('f2', 'sale:p1')).toThrow(/UNIQUE/);
    task.run('f3', null);
    task.run('f4', null);
    expect(() => db.exec("UPDATE followups SET satisfaction = 6 WHERE id = 'f1'")).toThrow(/CHECK/);
    const feedback =
      db.prepare(`INSERT INTO feedback (id, branch_id, member_id, kind, category, severity, channel, description, status, resolution, created_at, updated_at)
      VALUES (?, 'b1', 'm1', 'complaint', 'service', 'high', 'in_store', '等了很久', ?, ?, '${AT}', '${AT}')`);
    expect(() => feedback.run('fb1', 'resolved', null)).toThrow(/CHECK/);
    feedback.run('fb1', 'resolved', '已致歉并赠送小礼品');
    db.close();
  });

  it("0007-report-indexes keeps a version-6 store's rows and counts a period's new members and sums its points by kind from indexes alone", () => {
    const { path, before } = storeAt(6, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 7);
    expectKept(before, snapshot(db));
    const joined = `SELECT COUNT(*) FROM members WHERE created_at >= ? AND created_at < ?`;
    expect(plan(db, joined, LATER, '2026-07-01')).toContain('USING COVERING INDEX members_created');
    expect(db.prepare(joined).pluck().get(LATER, '2026-07-01')).toBe(2);
    const points =
      'SELECT kind, SUM(points) AS points FROM points_ledger WHERE created_at >= ? AND created_at < ? GROUP BY kind ORDER BY kind';
    expect(plan(db, points, AT, '2026-07-01')).toContain('USING COVERING INDEX points_ledger_created');
    expect(db.prepare(points).all(AT, '2026-07-01')).toEqual([
      { kind: 'earn', points: 449 },
      { kind: 'reverse', points: -99 },
    ]);
    db.close();
  });
  it("0014-jobs keeps a version-13 store's rows and gives it an empty job table, whose queue the runner reads from its index", () => {
    const { path, before } = storeAt(13, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 14);
    expectKept(before, snapshot(db));
    expect(snapshot(db).jobs).toEqual([]);
    const insert = db.prepare(
      `INSERT INTO jobs (id, kind, params_json, started_by, created_at, updated_at) VALUES (?, ?, '{}', ?, '${AT}', '${AT}')`,
    );
    insert.run('j1', 'tiers.reevaluate', 's1');
    expect(db.prepare('SELECT state, done, total, cursor_json, audited FROM jobs').get()).toEqual({
      state: 'queued',
      done: 0,
      total: null,
      cursor_json: null,
      audited: 0,
    });
    expect(() => db.prepare("UPDATE jobs SET state = 'paused'").run()).toThrow(/CHECK/);
    expect(() => insert.run('j2', 'points.expire', 'no-such-staff')).toThrow(/FOREIGN KEY/);
    const queue = "SELECT id FROM jobs WHERE state IN ('queued', 'running') ORDER BY state = 'queued', id LIMIT 1";
    expect(plan(db, queue)).toContain('INDEX jobs_open');
    expect(db.prepare(queue).pluck().get()).toBe('j1');
    db.close();
  });
  it("0015-followup-recheck keeps a version-14 store's rows and from then on notes the members whose follow-ups may have changed", () => {
    const { path, before } = storeAt(14, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 15);
    expectKept(before, snapshot(db));
    const noted = () => db.prepare('SELECT member_id FROM followup_recheck ORDER BY member_id').pluck().all();
    // The members already there are not noted: the generator's first run reads the whole window.
    expect(noted()).toEqual([]);
    // Nothing a rule reads, or a value set to what it was: nothing to look at again.
    db.exec(`UPDATE members SET notes = '常客', points_balance = 1, last_sale_at = '${LATER}' WHERE id = 'm1';
      UPDATE members SET consent_marketing = 0, birthday = '1990-06-15', status = 'active' WHERE id = 'm1';`);
    expect(noted()).toEqual([]);
    db.exec(`UPDATE members SET consent_marketing = 1 WHERE id = 'm1';
      UPDATE members SET birthday = NULL WHERE id = 'm2';
      UPDATE members SET status = 'inactive' WHERE id = 'm3';`);
    expect(noted()).toEqual(['m1', 'm2', 'm3']);
    db.exec(`DELETE FROM followup_recheck;
      INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, consent_data_at, consent_data_by, created_at, created_by, updated_at)
        VALUES ('m4', 'b1', 'b1', 'SH0100000004', '赵六', 'zl', 'zhaoliu', '+8613800000004', '4000000831', '${LATER}', 's1', '${LATER}', 's1', '${LATER}');
      UPDATE purchases SET member_id = 'm3' WHERE member_id = 'm2';`);
    // A new member, and the member a merge gave another's sales to.
    expect(noted()).toEqual(['m3', 'm4']);
    db.close();
  });

  it("0017-member-duplicates keeps the store's rows and indexes its mergeable members with a birthday by name, the unusual names apart", () => {
    // The version before 17 in the list: 16 once the import's migration lands beside it.
    const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 17) - 1].version;
    const { path, before } = storeAt(previous, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 17);
    expectKept(before, snapshot(db));
    const indexed = (index: string) =>
      db.prepare(`SELECT id FROM members INDEXED BY ${index} WHERE ${MERGEABLE} ORDER BY id`).pluck().all();
    // m3 has no birthday.
    expect(indexed('members_name_twins')).toEqual(['m1', 'm2']);
    db.exec(`UPDATE members SET name = 'ＺＨＡＮＧ San' WHERE id = 'm1'; UPDATE members SET status = 'inactive' WHERE id = 'm2';`);
    expect(indexed('members_name_twins')).toEqual(['m1']);
    // SQLite lowers ASCII alone: this name is nameKey's to read (zhangsan), and is indexed apart.
    expect(db.prepare(`SELECT ${NAME_TWIN_KEY} FROM members WHERE id = 'm1'`).pluck().get()).toBe('ＺＨＡＮＧsan');
    expect(
      db.prepare(`SELECT id FROM members INDEXED BY members_name_unusual WHERE ${MERGEABLE} AND ${UNUSUAL_NAME}`).pluck().all(),
    ).toEqual(['m1']);
    const dismiss = db.prepare(
      `INSERT INTO member_duplicate_dismissals (member_id, other_id, dismissed_at, dismissed_by) VALUES (?, ?, '${LATER}', 's1')`,
    );
    dismiss.run('m1', 'm2');
    expect(() => dismiss.run('m3', 'm2')).toThrow(/CHECK/);
    expect(() => dismiss.run('m1', 'm9')).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it("0018-backups keeps the store's rows (copied first into the backups folder) and takes a backup's row through its states", () => {
    const { path, before } = storeAt(17, (db) => {
      foundation(db);
      loyalty(db);
    });
    const db = migrateTo(path, 18);
    expectKept(before, snapshot(db), ['backups']);
    // The copy taken before migrating, to be checked.
    expect(db.prepare('SELECT kind, state, ref, offsite_state, keep FROM backups').all()).toEqual([
      { kind: 'migration', state: 'verifying', ref: null, offsite_state: 'none', keep: null },
    ]);
    const insert = db.prepare(
      "INSERT INTO backups (id, kind, state, error, requested_at, requested_by) VALUES (?, ?, ?, ?, '${LATER}', ?)",
    );
    insert.run('k1', 'manual', 'requested', null, 's1');
    expect(() => insert.run('k2', 'hourly', 'requested', null, null)).toThrow(/CHECK/);
    // A failed backup says why, and only a failed one.
    expect(() => insert.run('k3', 'daily', 'failed', null, null)).toThrow(/CHECK/);
    expect(() => insert.run('k4', 'daily', 'ok', 'corrupt', null)).toThrow(/CHECK/);
    expect(() => insert.run('k5', 'daily', 'requested', null, 'nobody')).toThrow(/FOREIGN KEY/);
    insert.run('k6', 'daily', 'failed', 'disk_full', null);
    expect(plan(db, "SELECT id FROM backups WHERE state IN ('requested', 'copying', 'verifying') ORDER BY id LIMIT 1")).toContain(
      'backups_open',
    );
    db.close();
  });

  it("0019-restore-epoch keeps a store's exports and merged files, as of epoch 0, and orders a branch's files by epoch then number", () => {
    const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 19) - 1].version;
    const { path, before } = storeAt(previous, (db) => {
      foundation(db);
      db.exec(`INSERT INTO hq_exports (seq, export_id, mode, base_seq, file_name, created_at, created_by, purchases_to_rowid, ledger_to_rowid, rows_json, sha256)
          VALUES (1, 'e1', 'full', NULL, 'BranchDesk-SH01-0001-full-20260601.bdx', '${AT}', 's1', 0, 0, '{}', 'ab');
        INSERT INTO hq_merges (export_id, branch_id, seq, mode, base_seq, file_name, created_at, sha256, merged_at, merged_by, result_json)
          VALUES ('e1', 'b1', 1, 'full', NULL, 'BranchDesk-SH01-0001-full-20260601.bdx', '${AT}', 'ab', '${LATER}', 's1', '{}');`);
    });
    const db = migrateTo(path, 19);
    const withoutEpoch = (rows: unknown[]) =>
      rows.map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => k !== 'epoch')));
    const after = snapshot(db);
    // and the copy taken before migrating (0018 on), the only other row the step adds
    expectKept(before, after, ['hq_exports', 'hq_merges', 'backups']);
    expect(db.prepare('SELECT kind FROM backups').pluck().all()).toEqual(['migration']);
    expect(withoutEpoch(after.hq_exports)).toEqual(before.hq_exports);
    expect(withoutEpoch(after.hq_merges)).toEqual(before.hq_merges);
    expect(db.prepare('SELECT epoch FROM hq_exports UNION ALL SELECT epoch FROM hq_merges').pluck().all()).toEqual([0, 0]);
    expect(indexColumns(db, 'hq_merges_branch')).toEqual(['branch_id', 'epoch', 'seq']);
    expect(plan(db, 'SELECT epoch, seq FROM hq_merges WHERE branch_id = ? ORDER BY epoch DESC, seq DESC LIMIT 1', 'b1')).toMatch(
      /USING (COVERING )?INDEX hq_merges_branch/,
    );
    db.close();
  });

  it("0022-audit-trail keeps the store's audit rows and exports, then refuses to delete a row or rewrite who, when or what; the page's filters read indexes newest first", () => {
    const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 22) - 1].version;
    const { path, before } = storeAt(previous, (db) => {
      foundation(db);
      db.exec(`INSERT INTO hq_exports (seq, export_id, mode, base_seq, file_name, created_at, created_by, purchases_to_rowid, ledger_to_rowid, rows_json, sha256)
          VALUES (1, 'e1', 'full', NULL, 'BranchDesk-SH01-0001-full-20260601.bdx', '${AT}', 's1', 0, 0, '{}', 'ab');`);
    });
    const db = migrateTo(path, 22);
    const after = snapshot(db);
    expectKept(before, after, ['hq_exports', 'backups']);
    // A store that exported before 0022 sent no audit rows: its next export sends them all.
    expect(after.hq_exports).toEqual(before.hq_exports.map((r) => ({ ...(r as object), audit_to_rowid: 0 })));
    expect(after.branch_audit_log).toEqual([]);
    expect(() => db.exec("DELETE FROM audit_log WHERE id = 'a1'")).toThrow(/cannot be deleted/);
    expect(() => db.exec("UPDATE audit_log SET staff_id = 's2' WHERE id = 'a1'")).toThrow(/cannot be changed/);
    db.exec('UPDATE audit_log SET after_json = \'{"name":"***"}\' WHERE id = \'a1\'');
    expect(plan(db, 'SELECT id FROM audit_log WHERE staff_id = ? ORDER BY at DESC, id DESC LIMIT 50', 's1')).toMatch(
      /INDEX audit_log_staff/,
    );
    expect(plan(db, 'SELECT id FROM audit_log WHERE action = ? ORDER BY at DESC, id DESC LIMIT 50', 'members.create')).toMatch(
      /INDEX audit_log_action/,
    );
    db.close();
  });

  it("0023-notice-languages gives the shipped notice its English text, keeps a store's own versions and consents as they were, and lets demo consents say so", () => {
    const previous = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 23) - 1].version;
    const { path, before } = storeAt(previous, (db) => {
      foundation(db);
      db.exec(`INSERT INTO privacy_notices (version, text, created_at, created_by) VALUES (2, '本店第二版告知', '${LATER}', 's1');
        INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
          VALUES ('c1', 'm1', 'data', 1, NULL, '${AT}', 's1', 'before_notice'),
                 ('c2', 'm2', 'data', 1, 1, '${AT}', 's1', 'registration'),
                 ('c3', 'm2', 'marketing', 1, 2, '${LATER}', 's1', 'counter'),
                 ('c4', 'm2', 'marketing', 0, 2, '${LATER}', 's1', 'counter');`);
    });
    const db = migrateTo(path, 23);
    const after = snapshot(db);
    expectKept(before, after, ['privacy_notices', 'backups']);
    const [shipped, own] = after.privacy_notices as Array<Record<string, unknown>>;
    expect(after.privacy_notices.map((n) => ({ ...(n as object), text_en: undefined }))).toEqual(
      before.privacy_notices.map((n) => ({ ...(n as object), text_en: undefined })),
    );
    expect(shipped.text_en).toMatch(/^Privacy notice for members of this store\n\nWhat we collect:/);
    expect(own.text_en).toBeNull();
    expect(indexColumns(db, 'member_consents_member')).toEqual(['member_id', 'at']);
    db.exec(`INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
      VALUES ('c5', 'm3', 'data', 1, 1, '${LATER}', 's1', 'demo')`);
    expect(() =>
      db.exec(`INSERT INTO member_consents (id, member_id, kind, granted, notice_version, at, by_staff, channel)
        VALUES ('c6', 'm3', 'data', 1, 1, '${LATER}', 's1', 'phone')`),
    ).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE privacy_notices SET text_en = '  ' WHERE version = 2")).toThrow(/CHECK/);
    db.close();
  });
});
