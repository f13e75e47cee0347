import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startOfLocalDate } from '../../../shared/local-date';
import { expiresAt } from '../../../shared/points';
import { ADMIN, makeTestApp, setUpBranch, storeUpload, type TestApp } from '../../helpers';
import { scratchFolder } from './import-files';

// The members writer works the opening points' lot out once a slice and each registration day's
// start once (jobs.ts gives a slice its opening lot; member-writer.ts dayStart): a later import, on another day, must
// get its own day's lot, and every member their own registration day.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

async function importMembers(t: TestApp, admin: string, name: string, rows: string[]) {
  const file = scratch.path(name);
  writeFileSync(file, ['姓名,手机号码,积分,注册日期', ...rows].join('\r\n'));
  const open = await t.callAsync('import.open', { kind: 'members', fileName: name, upload: storeUpload(t.path, file) }, admin);
  await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
  t.call('import.start', { id: open.id, consentDeclared: true }, admin);
  t.runJobs();
}

const lotsOf = (t: TestApp) =>
  t.db
    .prepare(
      `SELECT m.phone, m.created_at AS created, l.earned_at AS earned, l.expires_at AS expires
       FROM members m JOIN points_lots l ON l.member_id = m.id ORDER BY m.phone`,
    )
    .all() as Array<{ phone: string; created: string; earned: string; expires: string | null }>;

describe('a members import with opening points', () => {
  it("gives each import's lots the expiry from its own day, and each member their registration day", async () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const rule = t.call('points.rules', {}, admin).current.rules.expiry;
    await importMembers(t, admin, 'first.csv', ['李娜,13800138001,100,2024-03-05', '王芳,13800138002,200,2025-12-31']);
    t.clock.advance(40 * 86_400_000);
    await importMembers(t, t.call('auth.login', ADMIN).session, 'second.csv', ['张伟,13800138003,300,2024-03-05']);

    const lots = lotsOf(t);
    expect(lots.map((l) => l.phone)).toEqual(['+8613800138001', '+8613800138002', '+8613800138003']);
    for (const lot of lots) expect(lot.expires, lot.phone).toBe(expiresAt(rule, lot.earned, 'Asia/Shanghai'));
    expect(lots[2].earned).not.toBe(lots[0].earned);
    expect(lots.map((l) => l.created)).toEqual(
      ['2024-03-05', '2025-12-31', '2024-03-05'].map((day) => startOfLocalDate(day, 'Asia/Shanghai')),
    );
  });
});
