import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { makeTestApp, tempDbPath } from '../helpers';
import { snapshot } from '../services/fixtures';
import { counter, DAY, ledgerProblems } from '../services/points-fixtures';
import { idleCatchUp } from '../../services/core/maintenance';
import { summaryIsCurrent } from '../../services/reports/summaries';
import { chain, exportFile } from '../services/hq-fixtures';

// What each migration does to a store made before it: its rows kept, its new tables and
// triggers filled from the old rows, and the app working on them from then on. How migrations
// are applied, refused and recorded is migrations.test.ts's.

/** What 0010 added, taken away again (its staff rebuild needs no undoing: it keeps every row). */
const UNDO_0010 = `DROP INDEX members_merged; ALTER TABLE members DROP COLUMN merged_into; ALTER TABLE members DROP COLUMN merged_at;
  DROP INDEX members_phone; CREATE UNIQUE INDEX members_phone ON members(phone);
  DROP INDEX tiers_rank; ALTER TABLE tiers DROP COLUMN branch_id; CREATE UNIQUE INDEX tiers_rank ON tiers(rank) WHERE retired_at IS NULL;
  DROP TABLE hq_exports; DROP TABLE export_dirty; DROP TABLE hq_merges; DROP TABLE hq_conflicts; DROP TABLE hq_person_choices;`;

/** What 0016 added, taken away again. */
const UNDO_0016 = 'DROP TABLE import_sale_keys; DROP TABLE import_rows; DROP TABLE imports;';

/** What 0018 added, taken away again. */
const UNDO_0018 = 'DROP TABLE backups;';
/** What 0020 added, taken away again. */
const UNDO_0020 = 'DROP TABLE member_consents; DROP TABLE privacy_notices;';
/** What 0019 added, taken away again (before 0010's undoing, which drops its tables). */
/** What 0021 added, taken away again. */
const UNDO_0021 = 'ALTER TABLE members DROP COLUMN erased_at; ALTER TABLE audit_log DROP COLUMN redacted_at; DROP TABLE member_erasures;';

/** A snapshot without the columns 0021 adds (its undoing drops them; the migration back puts them in again, empty). */
function withoutColumnsOf0021(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  const drop = (rows: unknown[] | undefined, column: string) =>
    rows?.map((r) => Object.fromEntries(Object.entries(r as object).filter(([k]) => k !== column)));
  return { ...tables, members: drop(tables.members, 'erased_at') ?? [], audit_log: drop(tables.audit_log, 'redacted_at') ?? [] };
}

const UNDO_0019 = `DROP INDEX hq_merges_branch; CREATE INDEX hq_merges_branch ON hq_merges(branch_id, seq);
  ALTER TABLE hq_exports DROP COLUMN epoch; ALTER TABLE hq_merges DROP COLUMN epoch;`;
/** What 0024 added (HQ's consent history of the branches, the export's consent mark), taken away again. */
const UNDO_0024 = 'DROP TABLE branch_member_consents; DROP TABLE branch_privacy_notices; ALTER TABLE hq_exports DROP COLUMN consents_sent;';

/** What 0025 added (the demo members' mark), taken away again. */
const UNDO_0025 = 'DROP TABLE demo_members;';
/** What 0022 added (the audit trail's triggers and indexes, HQ's branch trail, the export's audit mark), taken away again. */
const UNDO_0022 = `DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_rewrite; DROP INDEX audit_log_staff; DROP INDEX audit_log_action;
  DROP INDEX audit_log_at; CREATE INDEX audit_log_at ON audit_log(at); DROP TABLE branch_audit_log; ALTER TABLE hq_exports DROP COLUMN audit_to_rowid;`;

/** What 0023 added (the notice's English text; member_consents' 'demo' channel goes with 0020's table). */
const UNDO_0023 = 'ALTER TABLE privacy_notices DROP COLUMN text_en;';

/** What 0017 added, taken away again. */
const UNDO_0017 = 'DROP INDEX members_name_twins; DROP INDEX members_name_unusual; DROP TABLE member_duplicate_dismissals;';

/** What 0015 added, taken away again. */
const UNDO_0015 =
  'DROP TRIGGER followup_recheck_new_member; DROP TRIGGER followup_recheck_member_change; DROP TRIGGER followup_recheck_sales_moved; DROP TABLE followup_recheck;';

/** What 0014 added, taken away again. */
const UNDO_0014 = 'DROP TABLE jobs;';

/** What 0013 added, taken away again. */
const UNDO_0013 = 'DROP TABLE sale_categories;';

/** What 0012 added, taken away again, for tests that replay the migrations after it. */
const UNDO_0012 = `DROP TRIGGER member_keys_insert; DROP TRIGGER member_keys_change; DROP TRIGGER members_last_sale_insert; DROP TRIGGER members_last_sale_move; DROP TRIGGER members_last_sale_void;
  DROP INDEX members_last_sale; DROP INDEX members_tier; DROP INDEX members_created; DROP INDEX members_consent; DROP INDEX members_inactive;
  DROP TABLE member_keys; ALTER TABLE members DROP COLUMN last_sale_at;`;

describe('each migration, on a store from before it', () => {
  it('0006 gives lots a version-5 expiry emptied back the points it took, and the ledger stays sound', () => {
    const c = counter();
    const m = c.member();
    c.setRules({ expiry: { kind: 'days', days: 1 } });
    c.buy(m, 300);
    c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    c.advance(3 * 86_400_000);
    c.buy(m, 50);
    expect(c.t.call('points.expire', {}, c.manager)).toMatchObject({ lots: 1, points: 200 });
    const balance = c.balance(m);
    // Version 5 emptied a lot as it expired it, and knew none of the indexes 0006 and later build.
    c.t.db
      .exec(`${UNDO_0025} ${UNDO_0024} ${UNDO_0023} ${UNDO_0022} ${UNDO_0021} ${UNDO_0020} ${UNDO_0019} ${UNDO_0018} ${UNDO_0017} ${UNDO_0016} ${UNDO_0015} ${UNDO_0014} ${UNDO_0013} ${UNDO_0012} ${UNDO_0010} UPDATE points_lots SET remaining = 0 WHERE expired_by IS NOT NULL;
      DELETE FROM schema_migrations WHERE version >= 6;
      DROP INDEX points_lots_open; DROP INDEX points_ledger_member_shortfall;
      DROP TABLE store_takings;
      DROP TABLE report_state; DROP TABLE report_members; DROP TABLE report_periods; DROP TABLE report_breakdown; ALTER TABLE purchases DROP COLUMN tier_id;
      CREATE INDEX points_lots_member ON points_lots(member_id, earned_at);`);
    c.t.db.close();
    const db = openDatabase(c.t.path);
    const lots = db
      .prepare(
        'SELECT points, remaining, expired_points, expired_by IS NOT NULL AS closed FROM points_lots WHERE member_id = ? ORDER BY earned_at',
      )
      .all(m);
    expect(lots).toEqual([
      { points: 300, remaining: 200, expired_points: 200, closed: 1 },
      { points: 50, remaining: 50, expired_points: 0, closed: 0 },
    ]);
    expect(ledgerProblems(db)).toEqual([]);
    expect(balance).toBe(50);
    db.close();
  });

  it('0008 adds store takings to a version-7 database, keeping its rows: one figure per branch and day, never negative', () => {
    const path = tempDbPath();
    const v7 = openDatabase(path, { targetVersion: 7 });
    v7.prepare(
      "INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b1', 'SH01', '徐汇店', 'branch', '2026-06-01T00:00:00.000Z')",
    ).run();
    const before = snapshot(v7);
    expect(before.store_takings).toBeUndefined();
    v7.close();
    const db = openDatabase(path);
    const after = snapshot(db);
    // 0010 gives tiers a branch column, empty for this database's own tiers.
    const withoutBranch = (rows: unknown) =>
      (rows as Record<string, unknown>[]).map(({ branch_id, ...rest }) => (expect(branch_id).toBeNull(), rest));
    for (const table of Object.keys(before).filter((name) => name !== 'schema_migrations')) {
      expect(table === 'tiers' ? withoutBranch(after[table]) : after[table], table).toEqual(before[table]);
    }
    expect(after.store_takings).toEqual([]);
    const at = '2026-06-15T02:00:00.000Z';
    const insert = db.prepare('INSERT INTO store_takings (branch_id, date, total_fen, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    insert.run('b1', '2026-06-14', 1234560, at, at);
    expect(() => insert.run('b1', '2026-06-14', 100, at, at)).toThrow(/UNIQUE/);
    expect(() => insert.run('b1', '2026-06-15', -1, at, at)).toThrow(/CHECK/);
    expect(() => insert.run('no-such-branch', '2026-06-15', 100, at, at)).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it("0009 keeps a version-8 store's sales, which have no tier, and the summaries are built from them on first use", () => {
    const c = counter('2026-06-01T02:00:00.000Z');
    const m = c.member('甲');
    c.buy(m, 120);
    c.t.db
      .exec(`${UNDO_0025} ${UNDO_0024} ${UNDO_0023} ${UNDO_0022} ${UNDO_0021} ${UNDO_0020} ${UNDO_0019} ${UNDO_0018} ${UNDO_0017} ${UNDO_0016} ${UNDO_0015} ${UNDO_0014} ${UNDO_0013} ${UNDO_0012} ${UNDO_0010} DELETE FROM schema_migrations WHERE version >= 9;
      DROP TABLE report_state; DROP TABLE report_members; DROP TABLE report_periods; DROP TABLE report_breakdown; ALTER TABLE purchases DROP COLUMN tier_id;
      CREATE INDEX members_created ON members(created_at); CREATE INDEX points_ledger_created ON points_ledger(created_at, kind, points);`);
    const before = snapshot(c.t.db);
    c.t.db.close();
    const t = makeTestApp(c.t.path, { start: '2026-06-01T02:00:00.000Z', idPrefix: 'upgraded' });
    const db = t.db;
    const after = snapshot(db);
    expect(after.purchases).toEqual((before.purchases as object[]).map((p) => ({ ...p, tier_id: null })));
    expect(after.report_members).toEqual([]);
    idleCatchUp(t.app); // the first idle moment (or report) queues their build
    t.runJobs();
    expect(summaryIsCurrent(db)).toBe(true);
    expect(
      db
        .prepare("SELECT dim, key, orders, sales_fen FROM report_breakdown WHERE grain = 'month' AND period = '2026-06' ORDER BY dim")
        .all(),
    ).toEqual([
      { dim: 'category', key: '', orders: 1, sales_fen: 12000 },
      { dim: 'staff', key: expect.any(String), orders: 1, sales_fen: 12000 },
      { dim: 'tier', key: '', orders: 1, sales_fen: 12000 }, // not recorded before version 9
    ]);
  });

  it("0013 gives a store that already sold a category list of its own sales' categories, most used first, keeping every row", () => {
    const c = counter();
    const m = c.member('甲');
    for (const category of ['服装', '服装', '服装', 'Shoes', 'Shoes', 'shoes', '衣服', '食品', undefined])
      c.buy(m, 10, category ? { category } : {});
    c.t.db.exec(
      `UPDATE purchases SET category = ' 食品 ' WHERE category = '食品'; UPDATE purchases SET category = '' WHERE category IS NULL;`,
    );
    // A sale of another branch (as HQ holds them) is not this store's category.
    c.t.db
      .exec(`INSERT INTO branches (id, code, name, kind, created_at) VALUES ('other', 'BJ01', '朝阳店', 'branch', '2026-06-01T00:00:00.000Z');
      INSERT INTO purchases (id, branch_id, member_id, kind, amount_fen, paid_fen, category, occurred_at, created_at)
      SELECT 'p-other', 'other', member_id, 'sale', 100, 100, '别家', occurred_at, created_at FROM purchases LIMIT 1;`);
    c.t.db.exec(
      `${UNDO_0025} ${UNDO_0024} ${UNDO_0023} ${UNDO_0022} ${UNDO_0021} ${UNDO_0020} ${UNDO_0019} ${UNDO_0018} ${UNDO_0017} ${UNDO_0016} ${UNDO_0015} ${UNDO_0014} ${UNDO_0013} DELETE FROM schema_migrations WHERE version >= 13;`,
    );
    const before = snapshot(c.t.db);
    c.t.db.close();
    const db = openDatabase(c.t.path);
    const {
      sale_categories: list,
      schema_migrations: _versions,
      jobs: _jobs,
      followup_recheck: _recheck,
      imports: _imports,
      import_rows: _rows,
      import_sale_keys: _keys,
      member_duplicate_dismissals: _dismissed,
      backups: _backups,
      privacy_notices: _notices,
      member_consents: _consents,
      member_erasures: _erasures,
      branch_audit_log: _branchTrail,
      branch_member_consents: _hqConsents,
      branch_privacy_notices: _hqNotices,
      demo_members: _demo,
      ...after
    } = snapshot(db);
    const { schema_migrations: _old, ...kept } = before;
    expect(withoutColumnsOf0021(after)).toEqual(kept);
    // 'shoes' is 'Shoes' ignoring case (the more used spelling stays); blanks are no category.
    expect(db.prepare('SELECT name FROM sale_categories ORDER BY position').pluck().all()).toEqual(['服装', 'Shoes', '衣服', '食品']);
    expect(list).toHaveLength(4);
    expect(() => db.prepare("INSERT INTO sale_categories (name, position, created_at) VALUES ('SHOES', 9, 'x')").run()).toThrow(/UNIQUE/);
    db.close();
  });

  it('0012 gives a version-11 store the name and card keys and last sales its triggers keep from then on', () => {
    const c = counter();
    const chen = c.member('陈晓燕');
    const alice = c.member('Alice van Wong');
    const li = c.member('李四');
    c.buy(chen, 100);
    c.advance(DAY);
    const later = c.buy(chen, 50);
    c.advance(DAY);
    c.t.call('purchases.refund', { purchaseId: later.id, amount: '10' }, c.clerk); // a refund is no purchase
    c.t.call('members.update', { id: li, name: '李四四' }, c.clerk);
    const kept = snapshot(c.t.db);
    c.t.db.exec(
      `${UNDO_0025} ${UNDO_0024} ${UNDO_0023} ${UNDO_0022} ${UNDO_0021} ${UNDO_0020} ${UNDO_0019} ${UNDO_0018} ${UNDO_0017} ${UNDO_0016} ${UNDO_0015} ${UNDO_0014} ${UNDO_0013} ${UNDO_0012} DELETE FROM schema_migrations WHERE version >= 12;`,
    );
    c.t.db.close();
    const db = openDatabase(c.t.path);
    const backfilled = snapshot(db);
    // The backfill gives what the triggers gave, row for row (0015's list of members the follow-up
    // generator should look at again starts empty when it is replayed, and 0018's backups hold the
    // copy taken before migrating; 0020's consent history is backfilled with ids of its own, and
    // its notice dated when it ran: its own test below).
    const replayed = ['schema_migrations', 'followup_recheck', 'backups', 'member_consents', 'privacy_notices'];
    for (const table of Object.keys(kept).filter((name) => !replayed.includes(name))) expect(backfilled[table], table).toEqual(kept[table]);
    const keys = (id: string) => db.prepare('SELECT kind, key FROM member_keys WHERE member_id = ? ORDER BY kind, key').all(id);
    expect(keys(chen)).toEqual([
      { kind: 'card', key: '1000000010HS' },
      { kind: 'name', key: '晓燕' },
    ]);
    // ASCII lowercased, NAME_KEY_CHARS long, none from a space.
    expect(keys(alice)).toEqual([
      { kind: 'card', key: '2000000010HS' },
      { kind: 'name', key: 'an wong' },
      { kind: 'name', key: 'ce van wong' },
      { kind: 'name', key: 'e van wong' },
      { kind: 'name', key: 'ice van wong' },
      { kind: 'name', key: 'lice van won' },
      { kind: 'name', key: 'n wong' },
      { kind: 'name', key: 'ng' },
      { kind: 'name', key: 'ong' },
      { kind: 'name', key: 'van wong' },
      { kind: 'name', key: 'wong' },
    ]);
    expect(keys(li)).toEqual([
      { kind: 'card', key: '3000000010HS' },
      { kind: 'name', key: '四四' },
    ]);
    const lastSale = (id: string) => db.prepare('SELECT last_sale_at FROM members WHERE id = ?').pluck().get(id);
    expect(lastSale(chen)).toBe('2026-06-16T02:00:00.000Z');
    expect(lastSale(alice)).toBeNull();
    db.close();
  });

  it('0020 gives each member of a version-19 store the consents they hold, under no notice, and registration goes on from notice 1', () => {
    const c = counter();
    const plain = c.member('甲');
    const fan = c.member('乙', { consentMarketing: true });
    c.t.db.exec(
      `${UNDO_0025} ${UNDO_0024} ${UNDO_0023} ${UNDO_0022} ${UNDO_0021} ${UNDO_0020} DELETE FROM schema_migrations WHERE version >= 20;`,
    );
    const before = snapshot(c.t.db);
    c.t.db.close();
    const db = openDatabase(c.t.path);
    const {
      privacy_notices: notices,
      member_consents: consents,
      member_erasures: _e,
      branch_audit_log: _trail,
      branch_member_consents: _hqConsents,
      branch_privacy_notices: _hqNotices,
      demo_members: _demo,
      schema_migrations: _v,
      backups: _b,
      ...after
    } = snapshot(db);
    const { schema_migrations: _old, backups: _oldBackups, ...kept } = before;
    expect(withoutColumnsOf0021(after)).toEqual(kept);
    expect(notices).toEqual([expect.objectContaining({ version: 1, created_by: null })]);
    expect(consents.map((r) => Object.values(r as Record<string, unknown>))).toEqual([
      [`${plain}:data`, plain, 'data', 1, null, '2026-06-15T02:00:00.000Z', expect.any(String), 'before_notice'],
      [`${fan}:data`, fan, 'data', 1, null, '2026-06-15T02:00:00.000Z', expect.any(String), 'before_notice'],
      [`${fan}:marketing`, fan, 'marketing', 1, null, '2026-06-15T02:00:00.000Z', expect.any(String), 'before_notice'],
    ]);
    db.close();
  });

  it('0010 keeps a version-9 store whole and scopes staff names, phones and tier ranks to a branch', () => {
    const path = tempDbPath();
    const v9 = openDatabase(path, { targetVersion: 9 });
    const at = '2026-06-01T00:00:00.000Z';
    v9.prepare(
      "INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b1', 'SH01', '徐汇店', 'branch', ?), ('b2', 'BJ01', '朝阳店', 'branch', ?)",
    ).run(at, at);
    v9.prepare(
      "INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES ('s1', 'b1', '王店长', 'admin', 'x', ?, ?)",
    ).run(at, at);
    v9.prepare(
      `INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, created_at, created_by, updated_at)
       VALUES ('m1', 'b1', 'b1', 'SH0100000001', '张三', 'zs', 'zhangsan', '+8613800000001', '1000000831', ?, 's1', ?)`,
    ).run(at, at);
    const before = snapshot(v9);
    v9.close();
    const db = openDatabase(path);
    const after = snapshot(db);
    expect(after.staff).toEqual(before.staff);
    // 0012 adds when each member last bought (this one never did).
    expect(
      (after.members as object[]).map((m) => ({
        ...m,
        merged_into: undefined,
        merged_at: undefined,
        last_sale_at: undefined,
        erased_at: undefined,
      })),
    ).toEqual((before.members as object[]).map((m) => ({ ...m, merged_into: undefined, merged_at: undefined })));
    // Another branch's 王店长 and the same phone at another branch fit; the same again at one branch does not.
    const staff = db.prepare(
      "INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES (?, ?, '王店长', 'admin', '!', ?, ?)",
    );
    staff.run('s2', 'b2', at, at);
    expect(() => staff.run('s3', 'b1', at, at)).toThrow(/UNIQUE/);
    const member = db.prepare(
      `INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, created_at, updated_at)
       VALUES (?, ?, ?, ?, '张三', 'zs', 'zhangsan', '+8613800000001', '1000000831', ?, ?)`,
    );
    member.run('m2', 'b2', 'b2', 'BJ0100000001', at, at);
    expect(() => member.run('m3', 'b1', 'b1', 'SH0100000002', at, at)).toThrow(/UNIQUE/);
    // Foreign keys still point at the rebuilt staff table, and are still enforced.
    expect(() => db.prepare("UPDATE members SET created_by = 'nobody' WHERE id = 'm1'").run()).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it("0011 keeps a version-10 store's purchases with their row numbers and takes a void of a sale, once", () => {
    const path = tempDbPath();
    const v10 = openDatabase(path, { targetVersion: 10 });
    const at = '2026-06-01T02:00:00.000Z';
    v10.prepare("INSERT INTO branches (id, code, name, kind, created_at) VALUES ('b1', 'SH01', '徐汇店', 'branch', ?)").run(at);
    v10
      .prepare(
        `INSERT INTO members (id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, created_at, updated_at)
       VALUES ('m1', 'b1', 'b1', 'SH0100000001', '张三', 'zs', 'zhangsan', '+8613800000001', '1000000831', ?, ?)`,
      )
      .run(at, at);
    const purchase = v10.prepare(
      `INSERT INTO purchases (rowid, id, branch_id, member_id, kind, original_id, receipt_no, amount_fen, redeemed_points, redeemed_fen, paid_fen, occurred_at, created_at, tier_id)
       VALUES (?, ?, 'b1', 'm1', ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    // Row numbers with a gap: the summaries' watermarks and the exports' ranges are row numbers.
    purchase.run(3, 'p1', 'sale', null, 'R-1', 39900, 300, 300, 39600, at, at);
    purchase.run(7, 'p2', 'refund', 'p1', 'R-1', 10000, 75, 75, 9925, at, at);
    purchase.run(8, 'p3', 'sale', null, null, 5000, 0, 0, 5000, at, at);
    v10
      .prepare(
        "INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at) VALUES ('l1', 'b1', 'm1', 'earn', 396, 'p1', ?)",
      )
      .run(at);
    const rows = (db: DB) => db.prepare('SELECT rowid, * FROM purchases ORDER BY rowid').all();
    const before = rows(v10);
    expect(() => purchase.run(9, 'v0', 'void', 'p3', null, 5000, 0, 0, 5000, at, at)).toThrow(/CHECK/);
    v10.close();

    const db = openDatabase(path);
    expect(rows(db)).toEqual(before);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'purchases' AND sql IS NOT NULL ORDER BY name")
      .pluck()
      .all();
    expect(indexes).toEqual(['purchases_member', 'purchases_occurred', 'purchases_original', 'purchases_receipt', 'purchases_void']);
    const insert = db.prepare(
      `INSERT INTO purchases (id, branch_id, member_id, kind, original_id, amount_fen, paid_fen, occurred_at, created_at)
       VALUES (?, 'b1', 'm1', ?, ?, 5000, 5000, ?, ?)`,
    );
    insert.run('v1', 'void', 'p3', at, at);
    expect(() => insert.run('v2', 'void', 'p3', at, at)).toThrow(/UNIQUE/); // a sale is voided once
    expect(() => insert.run('v3', 'void', null, at, at)).toThrow(/CHECK/); // a void names its sale
    expect(() => insert.run('v4', 'void', 'no-such-sale', at, at)).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('v5', 'cancel', 'p3', at, at)).toThrow(/CHECK/);
    // The ledger still refers to the rebuilt table, and foreign keys are on again.
    expect(() =>
      db
        .prepare(
          "INSERT INTO points_ledger (id, branch_id, member_id, kind, points, purchase_id, created_at) VALUES ('l2', 'b1', 'm1', 'earn', 1, 'gone', ?)",
        )
        .run(at),
    ).toThrow(/FOREIGN KEY/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT rowid FROM purchases WHERE id = 'v1'").pluck().get()).toBe(9); // new rows go after the kept ones
    db.close();
  });

  it("0024 keeps a version-22 branch's exports, and its next export, incremental, sends every consent once", () => {
    const { a, zhangA } = chain();
    exportFile(a, 'full');
    a.t.db.exec(`${UNDO_0025} ${UNDO_0024} DELETE FROM schema_migrations WHERE version >= 24;`);
    const before = snapshot(a.t.db);
    a.t.db.close();
    const t = makeTestApp(a.t.path, { start: '2026-06-15T03:00:00.000Z', idPrefix: 'upgraded' });
    const {
      hq_exports: exports,
      branch_member_consents: hqConsents,
      branch_privacy_notices: hqNotices,
      demo_members: _demo,
      ...after
    } = snapshot(t.db);
    const { hq_exports: exportsBefore, schema_migrations: _old, backups: _oldBackups, ...kept } = before;
    const { schema_migrations: _v, backups: _b, ...rest } = after;
    expect(rest).toEqual(kept);
    expect(exports).toEqual((exportsBefore as object[]).map((e) => ({ ...e, consents_sent: 0 })));
    expect([hqConsents, hqNotices]).toEqual([[], []]);
    const manager = t.call('auth.login', { name: '赵经理', pin: '1357' }).session;
    t.call('members.update', { id: zhangA, notes: '常客' }, manager);
    const next = t.call('hq.exportBranch', { mode: 'incremental' }, manager).manifest;
    expect(next).toMatchObject({ mode: 'incremental', formatVersion: 4, consents: { all: true, rows: 2, notices: 1 } });
  });
});
