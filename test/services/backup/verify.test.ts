import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyCopy } from '../../../services/backup/verify';
import { backupNow, crossIndexes, makeStore, overwrite } from '../backup-fixtures';

// The check of a backup's copy by its size (services/backup/verify.ts): integrity_check up to
// 2 GiB, above it quick_check, which still counts each index's entries against its table's rows.
// The larger copies' check is tried here on small copies by lowering the size it starts at.

const QUICK = 0;

/** A store with three members, backed up twice: before and after a fourth registered. */
function twoBackups() {
  const s = makeStore();
  for (const [name, phone] of [
    ['张三', '13800000001'],
    ['李四', '13800000002'],
    ['王五', '13800000003'],
  ])
    s.buy(s.member(name, phone), '88.00');
  const three = backupNow(s.t.db, 'branchdesk-SH01-20260615-1000-daily.sqlite');
  s.member('赵六', '13800000004');
  const four = backupNow(s.t.db, 'branchdesk-SH01-20260615-1100-daily.sqlite');
  return { s, three, four };
}

const rootPage = (path: string, name: string) => {
  const file = new Database(path, { readonly: true });
  const root = file.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(name) as number;
  const pageSize = file.pragma('page_size', { simple: true }) as number;
  file.close();
  return { root, pageSize };
};

describe('the check of a backup copy', () => {
  it('runs integrity_check on a copy up to 2 GiB, and quick_check above, both ok on a sound copy', () => {
    const { s, four } = twoBackups();
    const full = verifyCopy(four, s.t.db, null);
    expect(full.error).toBeNull();
    expect(full.check).toMatchObject({ integrity: true, sqliteCheck: 'integrity_check', members: 4, problems: [] });
    const quick = verifyCopy(four, s.t.db, null, QUICK);
    expect(quick.error).toBeNull();
    expect(quick.check).toMatchObject({ integrity: true, sqliteCheck: 'quick_check', members: 4, problems: [] });
  });

  it('above 2 GiB, finds an index that lost an entry', () => {
    const { s, three, four } = twoBackups();
    // The name index's page from the copy with three members put in the copy with four: a page
    // well formed, every entry pointing at a row that is there, one row missing from it.
    const { root, pageSize } = rootPage(four, 'members_name');
    expect(rootPage(three, 'members_name').root, 'the index sits on the same page in both copies').toBe(root);
    overwrite(four, (root - 1) * pageSize, readFileSync(three).subarray((root - 1) * pageSize, root * pageSize));
    const { check, error } = verifyCopy(four, s.t.db, null, QUICK);
    expect(error).toBe('corrupt');
    expect(check.integrity).toBe(false);
    expect(check).toMatchObject({ sqliteCheck: 'quick_check', problems: ['wrong # of entries in index members_name'] });
  });

  it('up to 2 GiB, finds an index whose entries are another’s, which quick_check does not', () => {
    const { s, four } = twoBackups();
    crossIndexes(four);
    expect(verifyCopy(four, s.t.db, null, QUICK).error, 'the pages are well formed and the counts agree').toBeNull();
    const { check, error } = verifyCopy(four, s.t.db, null);
    expect(error).toBe('corrupt');
    expect(check).toMatchObject({ integrity: false, sqliteCheck: 'integrity_check' });
  });
});
