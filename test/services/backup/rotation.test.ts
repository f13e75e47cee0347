import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupsDirFor } from '../../../db/backup-files';
import { requestDailyBackup } from '../../../services/backup/requests';
import { dailySlots } from '../../../services/backup/rotation';
import { runBackups } from '../../../services/backup/run';
import { counter, DAY, type Counter } from '../points-fixtures';

// Rotation (services/backup/rotation.ts): which backups stay, by the store's own calendar, and
// that exactly their files are left in the backups folder.

const ROTATION = { daily: 7, weekly: 4, monthly: 12, others: 5 };
const taken = (...instants: string[]) => instants.map((snapshotAt, i) => ({ id: `b${i}`, snapshotAt }));

describe('the daily slots', () => {
  it('keeps the newest of each of the last days, weeks (Monday to Sunday) and months, the longest-lived slot named', () => {
    // One a day at 10:00 in Shanghai, 2026-06-15 (a Monday) to 2026-07-24 (a Friday), newest first.
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.parse('2026-07-24T02:00:00.000Z') - i * DAY).toISOString());
    const slots = dailySlots(taken(...days), { daily: 3, weekly: 2, monthly: 2, others: 5 }, 'Asia/Shanghai');
    const kept = [...slots].map(([id, slot]) => [days[Number(id.slice(1))].slice(0, 10), slot]);
    expect(kept).toEqual([
      ['2026-07-24', 'monthly'], // the newest: this day's, this week's and this month's
      ['2026-07-23', 'daily'],
      ['2026-07-22', 'daily'],
      ['2026-07-19', 'weekly'], // the Sunday that ended last week
      ['2026-06-30', 'monthly'],
    ]);
  });

  it('counts days in the store’s zone: 01:00 on 1 July in Shanghai is July, though it is still June in UTC', () => {
    const slots = dailySlots(
      taken('2026-06-30T17:00:00.000Z', '2026-06-30T02:00:00.000Z'),
      { ...ROTATION, daily: 1, weekly: 0 },
      'Asia/Shanghai',
    );
    expect([...slots]).toEqual([
      ['b0', 'monthly'],
      ['b1', 'monthly'],
    ]);
  });

  it('a year and more of daily backups keeps 7 days, 4 weeks and 12 months: at most 23 files', () => {
    const days = Array.from({ length: 500 }, (_, i) => new Date(Date.parse('2027-10-27T02:00:00.000Z') - i * DAY).toISOString());
    const slots = dailySlots(taken(...days), ROTATION, 'Asia/Shanghai');
    const count = (slot: string) => [...slots.values()].filter((s) => s === slot).length;
    expect(count('monthly')).toBe(12);
    expect(slots.size).toBeLessThanOrEqual(23);
    expect(slots.size).toBeGreaterThanOrEqual(12 + 4 - 1);
    // The oldest month kept is November 2026, the twelfth back from October 2027.
    const oldest = days[Math.max(...[...slots.keys()].map((id) => Number(id.slice(1))))];
    expect(oldest.slice(0, 7)).toBe('2026-11');
  });
});

describe('rotating the backups folder', () => {
  const daily = (c: Counter) => {
    requestDailyBackup(c.t.app);
    runBackups(c.t.app);
  };
  const folder = (c: Counter) => readdirSync(backupsDirFor(c.t.path)).sort();

  it('leaves exactly the files its slots keep, and the last few of every other kind', () => {
    const c = counter('2026-06-15T02:00:00.000Z');
    const settings = c.t.call('backup.list', {}, c.admin).settings;
    c.t.call('backup.saveSettings', { ...settings, rotation: { daily: 3, weekly: 2, monthly: 2, others: 2 } }, c.admin);
    for (let day = 0; day < 40; day++) {
      daily(c);
      if (day % 10 === 0) {
        c.t.call('backup.create', {}, c.admin);
        runBackups(c.t.app);
      }
      c.advance(DAY);
    }
    expect(folder(c)).toEqual([
      'branchdesk-SH01-20260630-1000-daily.sqlite',
      'branchdesk-SH01-20260705-1000-manual.sqlite',
      'branchdesk-SH01-20260715-1000-manual.sqlite',
      'branchdesk-SH01-20260719-1000-daily.sqlite',
      'branchdesk-SH01-20260722-1000-daily.sqlite',
      'branchdesk-SH01-20260723-1000-daily.sqlite',
      'branchdesk-SH01-20260724-1000-daily.sqlite',
    ]);
    // The rows are the files: nothing listed that is gone, each daily one with the slot keeping it.
    const items = c.t.call('backup.list', {}, c.admin).items;
    expect(items.map((b) => [b.fileName, b.keep])).toEqual([
      ['branchdesk-SH01-20260724-1000-daily.sqlite', 'monthly'],
      ['branchdesk-SH01-20260723-1000-daily.sqlite', 'daily'],
      ['branchdesk-SH01-20260722-1000-daily.sqlite', 'daily'],
      ['branchdesk-SH01-20260719-1000-daily.sqlite', 'weekly'],
      ['branchdesk-SH01-20260715-1000-manual.sqlite', null],
      ['branchdesk-SH01-20260705-1000-manual.sqlite', null],
      ['branchdesk-SH01-20260630-1000-daily.sqlite', 'monthly'],
    ]);
  });

  it('a daily backup is due a day after the last good daily one, and is asked for once', () => {
    const c = counter();
    expect(requestDailyBackup(c.t.app)).toMatchObject({ kind: 'daily', state: 'requested' });
    // Asked again before it was taken: the same request.
    expect(requestDailyBackup(c.t.app)?.kind).toBe('daily');
    expect(c.t.call('backup.list', {}, c.admin).items).toHaveLength(1);
    runBackups(c.t.app);
    c.advance(20 * 60 * 60 * 1000);
    expect(requestDailyBackup(c.t.app)).toBeNull();
    c.advance(4 * 60 * 60 * 1000);
    expect(requestDailyBackup(c.t.app)).toMatchObject({ kind: 'daily' });
  });
});
