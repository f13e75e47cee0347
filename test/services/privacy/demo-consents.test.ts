import { describe, expect, it } from 'vitest';
import type { DB } from '../../../db/connection';
import { makeTestApp, ADMIN } from '../../helpers';

// Demo members' consents (services/demo/members.ts): recorded as registration records them, with
// a history row per consent under the notice in force, by the admin who loaded the demo, and
// dated at the load with the channel `demo`, so none reads as given under a notice written later.

// A day after notice 1 was written (2026-12-06): a store runs the app after it shipped.
const LOADED = '2026-12-07T02:00:00.000Z';

const value = (db: DB, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...params);

function demoStore(demoMembers: number) {
  const t = makeTestApp(undefined, { start: LOADED });
  t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: ADMIN.name, adminPin: ADMIN.pin, demoMembers });
  return { t, session: t.call('auth.login', ADMIN).session };
}

describe('demo consents', () => {
  it('gives every demo member a history row per consent they hold, under notice 1, by the admin, at the load', () => {
    const { t, session } = demoStore(40);
    // One data row per member, one marketing row per member who consents to marketing, and no other.
    expect(value(t.db, "SELECT COUNT(*) FROM member_consents WHERE kind = 'data'")).toBe(40);
    const fans = value(t.db, 'SELECT COUNT(*) FROM members WHERE consent_marketing = 1');
    expect(fans).toBeGreaterThan(0);
    expect(value(t.db, "SELECT COUNT(*) FROM member_consents WHERE kind = 'marketing'")).toBe(fans);
    expect(t.db.prepare('SELECT DISTINCT granted, notice_version, at, by_staff, channel FROM member_consents').all()).toEqual([
      { granted: 1, notice_version: 1, at: LOADED, by_staff: value(t.db, 'SELECT id FROM staff'), channel: 'demo' },
    ]);
    // The members' current state says what their history says: given at the load, by the admin.
    const disagreeing = value(
      t.db,
      `SELECT COUNT(*) FROM members WHERE consent_data_at != @at OR consent_data_by IS NOT (SELECT id FROM staff)
          OR (consent_marketing = 1 AND consent_marketing_at != @at) OR (consent_marketing = 0 AND consent_marketing_at IS NOT NULL)`,
      { at: LOADED },
    );
    expect(disagreeing).toBe(0);

    // As the member page reads it.
    const fan = value(t.db, 'SELECT id FROM members WHERE consent_marketing = 1 LIMIT 1') as string;
    const history = t.call('members.consents', { memberId: fan }, session).items;
    expect(history.map((e) => [e.kind, e.granted, e.noticeVersion, e.byName, e.at, e.channel])).toEqual([
      ['data', true, 1, ADMIN.name, LOADED, 'demo'],
      ['marketing', true, 1, ADMIN.name, LOADED, 'demo'],
    ]);
    expect(t.call('members.get', { id: fan }, session)).toMatchObject({
      consentData: { given: true, at: LOADED, byName: ADMIN.name },
      consentMarketing: { given: true, at: LOADED, byName: ADMIN.name },
    });
  });

  it('dates no consent before the notice it names, though the demo registrations go three years back', () => {
    const { t } = demoStore(200);
    expect(value(t.db, 'SELECT MIN(created_at) < ? FROM members', '2025-01-01')).toBe(1);
    const beforeItsNotice = value(
      t.db,
      'SELECT COUNT(*) FROM member_consents c JOIN privacy_notices n ON n.version = c.notice_version WHERE c.at < n.created_at',
    );
    expect(beforeItsNotice).toBe(0);
    expect(value(t.db, 'SELECT COUNT(*) FROM member_consents WHERE notice_version IS NULL')).toBe(0);
  });
});
