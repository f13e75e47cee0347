import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { describeSchema, freshSchema, SCHEMA_SNAPSHOTS, schemaSnapshot, type DatabaseKind } from '../../db/schema-snapshot';
import { makeTestApp, setUpBranch, tempDbPath } from '../helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const checkedIn = (kind: DatabaseKind) => readFileSync(resolve(ROOT, SCHEMA_SNAPSHOTS[kind]), 'utf8');
const howToUpdate = (kind: DatabaseKind) =>
  `The ${kind} schema differs from ${SCHEMA_SNAPSHOTS[kind]}. If a migration (or HQ's layout) changed it on purpose, ` +
  'run `npm run schema:snapshot` and commit the rewritten file with that change (docs/schema.md); if not, the diff below is what changed by mistake.';

/** The lines one schema has and the other has not, each marked - (gone) or + (new). */
function changedLines(before: string, after: string): string[] {
  const was = new Set(before.split('\n'));
  const is = new Set(after.split('\n'));
  return [
    ...[...was].filter((l) => !is.has(l)).map((l) => `- ${l.trim()}`),
    ...[...is].filter((l) => !was.has(l)).map((l) => `+ ${l.trim()}`),
  ];
}

describe('schema snapshot', () => {
  it('a fresh branch database has the schema checked in at db/schema/branch.txt', () => {
    expect(freshSchema('branch'), howToUpdate('branch')).toBe(checkedIn('branch'));
  });

  it('a fresh HQ database has the schema checked in at db/schema/hq.txt', () => {
    expect(freshSchema('hq'), howToUpdate('hq')).toBe(checkedIn('hq'));
  });

  it('a branch set up by setup.init, and opened again, has the branch snapshot', () => {
    const t = makeTestApp();
    setUpBranch(t);
    expect(schemaSnapshot(t.db, 'branch'), howToUpdate('branch')).toBe(checkedIn('branch'));
    const again = openDatabase(t.path);
    expect(schemaSnapshot(again, 'branch')).toBe(checkedIn('branch'));
    again.close();
  });

  it('an HQ set up by setup.init, and opened again, has the HQ snapshot (which the snapshot script makes its own way)', () => {
    const t = makeTestApp(tempDbPath(), { hq: true });
    t.call('setup.init', { branchName: '总部', branchCode: 'HQ', adminName: '王店长', adminPin: '246810', kind: 'hq' });
    expect(schemaSnapshot(t.db, 'hq'), howToUpdate('hq')).toBe(checkedIn('hq'));
    const again = openDatabase(t.path);
    expect(schemaSnapshot(again, 'hq')).toBe(checkedIn('hq'));
    again.close();
  });

  it('sees a unique index made plain, a partial index made whole, a CHECK or a trigger gone', () => {
    const db = openDatabase(tempDbPath());
    const before = describeSchema(db);
    db.exec(`DROP INDEX purchases_receipt;
      CREATE INDEX purchases_receipt ON purchases(branch_id, receipt_no) WHERE kind = 'sale' AND receipt_no IS NOT NULL;
      DROP INDEX followups_source; CREATE UNIQUE INDEX followups_source ON followups(source_key);
      ALTER TABLE store_takings RENAME TO store_takings_old;
      CREATE TABLE store_takings (branch_id TEXT NOT NULL REFERENCES branches(id), date TEXT NOT NULL, total_fen INTEGER NOT NULL,
        note TEXT, created_at TEXT NOT NULL, created_by TEXT REFERENCES staff(id), updated_at TEXT NOT NULL, updated_by TEXT REFERENCES staff(id),
        PRIMARY KEY (branch_id, date)) WITHOUT ROWID;
      DROP TABLE store_takings_old;`);
    const weakened = describeSchema(db);
    expect(changedLines(before, weakened)).toEqual([
      '- UNIQUE INDEX followups_source (source_key) WHERE source_key IS NOT NULL',
      "- UNIQUE INDEX purchases_receipt (branch_id, receipt_no) WHERE kind = 'sale' AND receipt_no IS NOT NULL",
      '- total_fen INTEGER NOT NULL CHECK (total_fen >= 0)',
      '+ UNIQUE INDEX followups_source (source_key)',
      "+ INDEX purchases_receipt (branch_id, receipt_no) WHERE kind = 'sale' AND receipt_no IS NOT NULL",
      '+ total_fen INTEGER NOT NULL',
    ]);
    db.exec('DROP TRIGGER members_last_sale_void');
    const gone = changedLines(weakened, describeSchema(db));
    expect(gone).toContain('- TRIGGER members_last_sale_void');
    expect(gone.filter((l) => l.startsWith('+'))).toEqual([]);
    db.close();
  });

  it('reads what SQLite keeps only as text (collations, CHECKs, expressions, WHERE, bodies) without comments, and keys from the pragmas', () => {
    const db = new Database(':memory:');
    db.exec(`
      CREATE TABLE "shelf" (
        code TEXT NOT NULL COLLATE NOCASE, -- a comment, with a comma
        aisle INTEGER NOT NULL DEFAULT 1 CHECK (aisle BETWEEN 1 AND 9),
        label TEXT DEFAULT '--, not a comment' CHECK (label <> '(' COLLATE NOCASE),
        /* the key */ PRIMARY KEY (code, aisle),
        CONSTRAINT sensible CHECK (length(code) > 1)
      ) WITHOUT ROWID;
      CREATE TABLE item (
        id INTEGER PRIMARY KEY,
        code TEXT, aisle INTEGER,
        price_fen INTEGER NOT NULL,
        FOREIGN KEY (code, aisle) REFERENCES shelf(code, aisle) ON DELETE CASCADE,
        UNIQUE (code, price_fen)
      );
      CREATE INDEX item_price ON item(price_fen DESC, code COLLATE NOCASE) WHERE price_fen > 0;
      CREATE INDEX item_code_tail ON item(substr(code, -2), aisle);
      CREATE VIEW dear AS
        SELECT id -- the dear ones
          FROM item WHERE price_fen > 10000;
      CREATE TRIGGER item_checked AFTER INSERT ON item BEGIN
        UPDATE item SET price_fen = price_fen WHERE id = NEW.id; -- nothing
      END;`);
    expect(describeSchema(db)).toBe(
      [
        'TABLE item',
        '  id INTEGER PRIMARY KEY',
        '  code TEXT',
        '  aisle INTEGER',
        '  price_fen INTEGER NOT NULL',
        '  FOREIGN KEY (code, aisle) REFERENCES shelf(code, aisle) ON DELETE CASCADE',
        '  UNIQUE (code, price_fen)',
        '  INDEX item_code_tail (substr(code, -2), aisle)',
        '  INDEX item_price (price_fen DESC, code COLLATE NOCASE) WHERE price_fen > 0',
        '  TRIGGER item_checked',
        '    CREATE TRIGGER item_checked AFTER INSERT ON item BEGIN',
        '    UPDATE item SET price_fen = price_fen WHERE id = NEW.id;',
        '    END',
        '',
        'TABLE shelf WITHOUT ROWID',
        '  code TEXT NOT NULL COLLATE NOCASE',
        '  aisle INTEGER NOT NULL DEFAULT 1 CHECK (aisle BETWEEN 1 AND 9)',
        "  label TEXT DEFAULT '--, not a comment' CHECK (label <> '(' COLLATE NOCASE)",
        '  PRIMARY KEY (code, aisle)',
        '  CHECK (length(code) > 1)',
        '',
        'VIEW dear',
        '  CREATE VIEW dear AS',
        '  SELECT id',
        '  FROM item WHERE price_fen > 10000',
        '',
      ].join('\n'),
    );
    db.close();
  });
});
