import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { runBackups } from '../../../services/backup/run';
import { closeJobRunner, jobRunner } from '../../../services/core/jobs/runner';
import { IMPORT_BACKUP_FAILED } from '../../../services/import/jobs';
import { makeTestApp, setUpBranch, type TestApp } from '../../helpers';
import { previewFile } from './import-fixtures';
import { fixture } from './import-files';

// An import writes nothing before the store is backed up (docs/backup.md "Before an import"):
// import.start asks for a backup, the import's job waits for it, and a backup that failed fails
// the job, which then writes nothing.

const apps: TestApp[] = [];
afterEach(() => apps.splice(0).forEach((t) => closeJobRunner(t.app)));

async function started() {
  const t = makeTestApp();
  apps.push(t);
  const admin = setUpBranch(t);
  const preview = await previewFile(t, admin, fixture('members-gbk.csv'));
  const session = t.call('import.start', { id: preview.id, consentDeclared: true }, admin);
  return { t, admin, session };
}

const members = (db: TestApp['db'] | Database.Database) => db.prepare('SELECT COUNT(*) FROM members').pluck().get() as number;
const jobOf = (t: TestApp, id: string) => t.db.prepare('SELECT state, done, error FROM jobs WHERE id = ?').get(id);

describe('an import and its backup', () => {
  it('waits for the backup import.start asked for, then imports; the backup holds the store from before', async () => {
    const { t, admin, session } = await started();
    const asked = t.call('backup.list', {}, admin).items;
    expect(asked).toMatchObject([{ kind: 'import', ref: session.id, state: 'requested', requestedBy: { name: '王店长' } }]);

    // The runner takes the job, which waits: nothing written, nothing else run, the job still open.
    expect(jobRunner(t.app).runToEnd()).toBe(0);
    expect(members(t.db)).toBe(0);
    expect(jobOf(t, session.jobId!)).toMatchObject({ state: 'running', done: 0, error: null });
    // The app bar and the page say it is backing up, not importing at 0%.
    expect(t.call('jobs.get', { id: session.jobId! }, admin).step).toBe('backup');

    const [backup] = runBackups(t.app);
    expect(t.call('jobs.get', { id: session.jobId! }, admin).step).toBeNull();
    expect(backup).toMatchObject({ kind: 'import', state: 'ok' });
    expect(jobRunner(t.app).runToEnd()).toBeGreaterThan(0);
    expect(t.call('import.get', { id: session.id }, admin).state).toBe('done');
    expect(members(t.db)).toBeGreaterThan(0);
    const copy = new Database(join(backupsDirFor(t.path), backup.file_name!), { readonly: true });
    expect(members(copy)).toBe(0);
    copy.close();
  });

  it('started, the runner tries the waiting job again until the backup is taken', async () => {
    const { t, admin, session } = await started();
    const runner = jobRunner(t.app);
    runner.start();
    await new Promise((r) => setTimeout(r, 700));
    expect(members(t.db)).toBe(0);
    runBackups(t.app);
    for (let i = 0; i < 200 && t.call('import.get', { id: session.id }, admin).state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(t.call('import.get', { id: session.id }, admin).state).toBe('done');
    await runner.idle();
  });

  it('fails clearly when its backup failed, writing nothing, and a cancel closes it', async () => {
    const { t, admin, session } = await started();
    writeFileSync(backupsDirFor(t.path), 'in the way'); // no backups folder can be made
    expect(runBackups(t.app)).toMatchObject([{ kind: 'import', state: 'failed', error: 'copy_failed' }]);
    jobRunner(t.app).runToEnd();
    expect(jobOf(t, session.jobId!)).toMatchObject({ state: 'failed', error: IMPORT_BACKUP_FAILED });
    expect(t.call('import.get', { id: session.id }, admin)).toMatchObject({ state: 'failed', error: 'backup_failed' });
    expect(members(t.db)).toBe(0);

    expect(t.call('import.cancel', { id: session.id }, admin).state).toBe('importing');
    t.runJobs();
    expect(t.call('import.get', { id: session.id }, admin).state).toBe('cancelled');
    expect(members(t.db)).toBe(0);
    expect(readdirSync(join(backupsDirFor(t.path), '..')).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
