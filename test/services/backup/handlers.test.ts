import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requestStartupBackup, STARTUP_SKIP_MS } from '../../../services/backup/requests';
import { runBackups } from '../../../services/backup/run';
import { DEFAULT_BACKUP_SETTINGS } from '../../../shared/contract/backup';
import { tempDbPath } from '../../helpers';
import { auditRows, failure } from '../fixtures';
import { makeHq } from '../hq-fixtures';
import { counter, DAY } from '../points-fixtures';

// backup.list, backup.status, backup.create and backup.saveSettings (docs/rpc.md "backup").

const folder = () => {
  const path = join(dirname(tempDbPath()), 'stick');
  mkdirSync(path);
  return path;
};

describe('who may', () => {
  it('lets every staff member see the status, and only an admin list, ask for or set up backups', () => {
    const c = counter();
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({ lastOkAt: null, running: null, offsiteSet: false, warnDays: 3 });
    expect(failure(c.t, 'backup.list', {}, c.manager).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'backup.create', {}, c.manager).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'backup.saveSettings', DEFAULT_BACKUP_SETTINGS, c.manager).code).toBe('FORBIDDEN');
    expect(failure(c.t, 'backup.status', {}, null).code).toBe('UNAUTHENTICATED');
  });

  it('backs HQ up too', () => {
    const hq = makeHq();
    expect(hq.t.call('backup.create', {}, hq.admin)).toMatchObject({ kind: 'manual', state: 'requested' });
    expect(runBackups(hq.t.app)).toMatchObject([{ state: 'ok' }]);
    expect(hq.t.call('backup.list', {}, hq.admin).items[0].fileName).toMatch(/^branchdesk-HQ-\d{8}-\d{4}-manual\.sqlite$/);
  });
});

describe('the settings', () => {
  it('are the defaults until saved, and a save is audited with what it replaced', () => {
    const c = counter();
    const { settings, folder: where } = c.t.call('backup.list', {}, c.admin);
    expect(settings).toEqual({ destination: null, warnDays: 3, rotation: { daily: 7, weekly: 4, monthly: 12, others: 5 } });
    expect(where).toBe(`${c.t.path}.backups`);
    const destination = folder();
    const saved = c.t.call('backup.saveSettings', { ...settings, destination, warnDays: 5 }, c.admin);
    expect(saved).toEqual({ ...settings, destination, warnDays: 5 });
    expect(c.t.call('backup.list', {}, c.admin).settings).toEqual(saved);
    const [audit] = auditRows(c.t.db, 'backup.saveSettings');
    expect(JSON.parse(audit.before_json!)).toEqual(settings);
    expect(JSON.parse(audit.after_json!)).toEqual(saved);
    // A blank destination is none.
    expect(c.t.call('backup.saveSettings', { ...saved, destination: '  ' }, c.admin).destination).toBeNull();
  });

  it('refuses a destination that is not an absolute path to a folder that is there', () => {
    const c = counter();
    const rule = (destination: string) => {
      const error = failure(c.t, 'backup.saveSettings', { ...DEFAULT_BACKUP_SETTINGS, destination }, c.admin);
      expect(error.code).toBe('VALIDATION');
      return (error.details as { issues: Array<{ field: string; rule: string }> }).issues;
    };
    const stick = folder();
    const file = join(stick, 'a-file');
    writeFileSync(file, '');
    expect(rule('stick/backups')).toEqual([{ field: 'destination', rule: 'folder_not_absolute' }]);
    expect(rule(join(stick, 'gone'))).toEqual([{ field: 'destination', rule: 'folder_missing' }]);
    expect(rule(file)).toEqual([{ field: 'destination', rule: 'not_a_folder' }]);
    expect(failure(c.t, 'backup.saveSettings', { ...DEFAULT_BACKUP_SETTINGS, warnDays: 0 }, c.admin).code).toBe('VALIDATION');
    expect(c.t.call('backup.list', {}, c.admin).settings).toEqual(DEFAULT_BACKUP_SETTINGS);
  });
});

describe('the status', () => {
  it('warns when the last good backup is older than the days set, measured from setup before the first', () => {
    const c = counter();
    expect(c.t.call('backup.status', {}, c.clerk).offsiteOverdue).toBe(false);
    c.advance(3 * DAY + 60_000);
    expect(c.t.call('backup.status', {}, c.clerk).offsiteOverdue).toBe(true);
    c.t.call('backup.create', {}, c.admin);
    runBackups(c.t.app);
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({ offsiteOverdue: false, lastOkAt: c.t.clock.now().toISOString() });
  });

  it('with a destination, warns until a good backup has been copied there, and after the days set', () => {
    const c = counter();
    c.t.call('backup.create', {}, c.admin);
    runBackups(c.t.app);
    c.advance(4 * DAY);
    const settings = c.t.call('backup.list', {}, c.admin).settings;
    c.t.call('backup.saveSettings', { ...settings, destination: folder() }, c.admin);
    expect(c.t.call('backup.status', {}, c.clerk)).toMatchObject({ offsiteSet: true, offsiteOverdue: true, lastOffsiteAt: null });
    // The loop's next turn copies the newest good backup to the new destination.
    runBackups(c.t.app);
    const status = c.t.call('backup.status', {}, c.clerk);
    expect(status.lastOffsiteAt).toBe(status.lastOkAt);
    // That backup is 4 days old: still overdue, until a newer one is taken and copied.
    expect(status.offsiteOverdue).toBe(true);
    c.t.call('backup.create', {}, c.admin);
    runBackups(c.t.app);
    expect(c.t.call('backup.status', {}, c.clerk).offsiteOverdue).toBe(false);
  });

  it('names the backup being checked while it runs', () => {
    const c = counter();
    const asked = c.t.call('backup.create', {}, c.admin);
    let running: unknown = null;
    runBackups(c.t.app, { beforeVerify: () => (running = c.t.call('backup.status', {}, c.clerk).running) });
    expect(running).toMatchObject({ id: asked.id, state: 'verifying', snapshotAt: asked.requestedAt });
    expect(c.t.call('backup.status', {}, c.clerk).running).toBeNull();
  });
});

describe('the start-up backup', () => {
  it('is asked for unless a good backup is younger than 12 hours', () => {
    const c = counter();
    expect(requestStartupBackup(c.t.app)).toMatchObject({ kind: 'startup', requested_by: null });
    runBackups(c.t.app);
    c.advance(STARTUP_SKIP_MS - 60_000);
    expect(requestStartupBackup(c.t.app)).toBeNull();
    c.advance(60_000);
    expect(requestStartupBackup(c.t.app)).toMatchObject({ kind: 'startup' });
  });
});
