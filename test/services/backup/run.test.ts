import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { LATEST_VERSION } from '../../../db/migrations/index';
import { OFFSITE_RETRY_MS, runBackups, takeNextBackup } from '../../../services/backup/run';
import { tempDbPath } from '../../helpers';
import { counter, ledgerProblems, type Counter } from '../points-fixtures';

// Taking a backup as the side host's loop does (services/backup/run.ts), here synchronously
// through runBackups: the copy, its check, the second destination, on real files.

/** A store with a few members who bought, redeemed and were refunded. */
function store(): Counter {
  const c = counter();
  for (let i = 0; i < 5; i++) {
    const m = c.member();
    const sale = c.buy(m, 200 + i * 50);
    if (i % 2 === 0) c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk);
    if (i === 3) c.t.call('purchases.refund', { purchaseId: sale.id, amount: '20.00' }, c.clerk);
  }
  return c;
}

const files = (c: Counter) => readdirSync(backupsDirFor(c.t.path)).sort();

describe('a backup', () => {
  it('copies the store into the backups folder beside it, checks the copy and lists it ok', () => {
    const c = store();
    const requested = c.t.call('backup.create', {}, c.admin);
    expect(requested).toMatchObject({ kind: 'manual', state: 'requested', fileName: null, requestedBy: { name: '王店长' } });
    // A second click while it waits asks nothing new.
    expect(c.t.call('backup.create', {}, c.admin).id).toBe(requested.id);

    const [ended] = runBackups(c.t.app);
    expect(ended).toMatchObject({ id: requested.id, state: 'ok', error: null, snapshot_at: '2026-06-15T02:00:00.000Z' });
    const backup = c.t.call('backup.list', {}, c.admin).items[0];
    expect(backup.fileName).toBe('branchdesk-SH01-20260615-1000-manual.sqlite');
    expect(files(c)).toEqual([backup.fileName]);
    const path = join(backupsDirFor(c.t.path), backup.fileName!);
    expect(backup.bytes).toBe(statSync(path).size);
    expect(backup.check).toMatchObject({
      integrity: true,
      problems: [],
      schemaVersion: LATEST_VERSION,
      members: 5,
      purchases: 6,
      balanceMismatches: 0,
      mismatched: [],
    });
    expect(backup.offsite).toEqual({ state: 'none', at: null, error: null });

    // A file of its own: no -wal beside it, and every member's points as in the store.
    const copy = new Database(path, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const balances = 'SELECT id, points_balance FROM members ORDER BY id';
    expect(copy.prepare(balances).all()).toEqual(c.t.db.prepare(balances).all());
    expect(ledgerProblems(copy)).toEqual([]);
    copy.close();
  });

  it('is copied by the side host with the backup API in one step: a file of its own, as the store was', async () => {
    const c = store();
    c.t.call('backup.create', {}, c.admin);
    const ended = await takeNextBackup(c.t.app);
    expect(ended).toMatchObject({ state: 'ok', error: null });
    expect(await takeNextBackup(c.t.app)).toBeNull();
    expect(files(c)).toEqual([ended!.file_name]);
    const copy = new Database(join(backupsDirFor(c.t.path), ended!.file_name!), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    const balances = 'SELECT id, points_balance FROM members ORDER BY id';
    expect(copy.prepare(balances).all()).toEqual(c.t.db.prepare(balances).all());
    copy.close();
    expect(c.t.call('backup.list', {}, c.admin).items[0].check).toMatchObject({ integrity: true, members: 5, balanceMismatches: 0 });
  });

  it('fails a copy that is damaged before its check, says why and removes it', () => {
    const c = store();
    c.t.call('backup.create', {}, c.admin);
    const [ended] = runBackups(c.t.app, {
      beforeVerify: (file) => {
        // A page in the middle of the file overwritten, as a failing disk would.
        const bytes = readFileSync(file);
        const page = 4096 * Math.floor(bytes.length / 4096 / 2);
        bytes.fill(0x5a, page, page + 4096);
        writeFileSync(file, bytes);
      },
    });
    expect(ended).toMatchObject({ state: 'failed', error: 'corrupt' });
    const backup = c.t.call('backup.list', {}, c.admin).items[0];
    expect(backup.check?.integrity).toBe(false);
    expect(backup.check?.problems.length).toBeGreaterThan(0);
    expect(files(c)).toEqual([]);
    expect(c.t.call('backup.status', {}, c.clerk).lastFailed).toMatchObject({ id: backup.id, error: 'corrupt' });
  });

  it('fails a copy whose balances disagree with their ledger, naming the member', () => {
    const c = store();
    const m = c.t.db.prepare('SELECT id FROM members ORDER BY id LIMIT 1').pluck().get() as string;
    c.t.call('backup.create', {}, c.admin);
    const [ended] = runBackups(c.t.app, {
      beforeVerify: (file) => {
        const copy = new Database(file);
        copy.prepare('UPDATE members SET points_balance = points_balance + 7 WHERE id = ?').run(m);
        copy.close();
      },
    });
    expect(ended).toMatchObject({ state: 'failed', error: 'balances' });
    const check = c.t.call('backup.list', {}, c.admin).items[0].check!;
    expect(check.balanceMismatches).toBe(1);
    expect(check.mismatched).toEqual([{ memberId: m, balance: c.balance(m) + 7, ledger: c.balance(m), lots: c.balance(m) }]);
  });

  it('fails a copy that cannot be written (the folder cannot be made), and says so', () => {
    const c = store();
    // The backups folder cannot be made: a file stands where it should be.
    writeFileSync(backupsDirFor(c.t.path), 'in the way');
    c.t.call('backup.create', {}, c.admin);
    expect(runBackups(c.t.app)[0]).toMatchObject({ state: 'failed', error: 'copy_failed' });
    expect(c.t.call('backup.status', {}, c.clerk).lastFailed?.error).toBe('copy_failed');
  });
});

describe('the second destination', () => {
  const withDestination = (c: Counter) => {
    const destination = join(dirname(tempDbPath()), 'usb');
    mkdirSync(destination);
    const settings = c.t.call('backup.list', {}, c.admin).settings;
    c.t.call('backup.saveSettings', { ...settings, destination }, c.admin);
    return destination;
  };

  it('gets a copy of each good backup, and the dashboard knows it', () => {
    const c = store();
    const destination = withDestination(c);
    c.t.call('backup.create', {}, c.admin);
    runBackups(c.t.app);
    const backup = c.t.call('backup.list', {}, c.admin).items[0];
    expect(backup.offsite).toEqual({ state: 'copied', at: '2026-06-15T02:00:00.000Z', error: null });
    expect(readdirSync(destination)).toEqual([backup.fileName]);
    expect(readFileSync(join(destination, backup.fileName!))).toEqual(readFileSync(join(backupsDirFor(c.t.path), backup.fileName!)));
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({
      lastOkAt: backup.snapshotAt,
      lastOffsiteAt: backup.snapshotAt,
      offsiteSet: true,
      offsiteOverdue: false,
      offsiteError: null,
    });
  });

  it('missing (a USB stick pulled out): the backup is kept, the copy is failed with its reason, and the counter sells on', () => {
    const c = store();
    const destination = withDestination(c);
    rmSync(destination, { recursive: true });
    c.t.call('backup.create', {}, c.admin);
    expect(() => runBackups(c.t.app)).not.toThrow();
    const backup = c.t.call('backup.list', {}, c.admin).items[0];
    expect(backup).toMatchObject({ state: 'ok', offsite: { state: 'failed', error: 'destination_missing' } });
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({ offsiteError: 'destination_missing', lastOffsiteAt: null });
    const sale = c.buy(c.member(), 88);
    expect(sale.earned).toBe(88);

    // Put back: the newest backup is copied once the retry's wait has passed, not before.
    mkdirSync(destination);
    runBackups(c.t.app);
    expect(readdirSync(destination)).toEqual([]);
    c.advance(OFFSITE_RETRY_MS);
    runBackups(c.t.app);
    expect(readdirSync(destination)).toEqual([backup.fileName]);
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({ offsiteError: null, lastOffsiteAt: backup.snapshotAt });
  });

  it('a file where the folder was says so in its own words', () => {
    const c = store();
    const destination = withDestination(c);
    rmSync(destination, { recursive: true });
    writeFileSync(destination, '');
    c.t.call('backup.create', {}, c.admin);
    runBackups(c.t.app);
    expect(c.t.call('backup.list', {}, c.admin).items[0].offsite.error).toBe('destination_not_folder');
    expect(existsSync(`${destination}.partial`)).toBe(false);
  });
});
