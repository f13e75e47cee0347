import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, type DB } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { prng } from '../../services/demo/members';
import { ensureSeeded, percentile } from './common';

// The 审计日志 page (docs/privacy.md "The audit trail") on a store of `members` members and
// `rows` audit rows: audit.list through the dispatcher as an admin calls it, with the names of
// the page's records looked up (refs), unfiltered, by staff, by member, by action group, by a
// month's date range, and a page deep in the trail (keyset: `after` a row half a trail down).
// The trail is written into a store of its own (.cache/bench/audit-m<members>-a<rows>.sqlite,
// seeded with members and no sales, made once): the 1M-member sales bench store is not written
// to, and a copy of it is 16 GB.

/** What the trail is made of, by weight: a store's day is mostly sales, logins and member edits. */
const MIX: Array<[string, number, 'member' | 'purchase' | 'staff' | 'followup' | 'job' | null]> = [
  ['purchases.record', 35, 'purchase'],
  ['auth.login', 15, 'staff'],
  ['members.update', 14, 'member'],
  ['followups.complete', 11, 'followup'],
  ['points.redeem', 8, 'member'],
  ['members.create', 7, 'member'],
  ['tiers.upgrade', 3, 'member'],
  ['jobs.started', 3, 'job'],
  ['feedback.create', 2, null],
  ['backup.create', 1, null],
  ['points.adjust', 1, 'member'],
];

const ms = (n: number) => n.toFixed(2).padStart(8);

function buildTrail(db: DB, rows: number, newId: () => string): void {
  const rand = prng(20261206);
  const staff = db.prepare<[], string>('SELECT id FROM staff').pluck().all();
  const maxRow = db.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  const memberAt = db.prepare<[number], string>('SELECT id FROM members WHERE rowid >= ? LIMIT 1').pluck();
  const insert = db.prepare(
    `INSERT INTO audit_log (id, at, staff_id, action, entity, entity_id, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  const pick = () => {
    let r = rand() * total;
    for (const m of MIX) if ((r -= m[1]) < 0) return m;
    return MIX[0];
  };
  // Two years of trail, oldest first, a row every ~63 s at a million.
  const start = Date.parse('2024-12-01T00:00:00.000Z');
  const step = (2 * 365 * 86_400_000) / rows;
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const [action, , entity] = pick();
      const who = staff[Math.floor(rand() * staff.length)];
      const member = maxRow > 0 ? memberAt.get(1 + Math.floor(rand() * maxRow)) : undefined;
      const at = new Date(start + i * step).toISOString();
      const entityId = entity === 'member' ? member : entity === 'staff' ? who : entity ? newId() : null;
      const [before, after] =
        action === 'members.update'
          ? [JSON.stringify({ notes: null }), JSON.stringify({ notes: '喜欢绿茶' })]
          : action === 'purchases.record'
            ? [null, JSON.stringify({ member_id: member, amount_fen: 8800, paid_fen: 8800, earned: 88 })]
            : action === 'tiers.upgrade'
              ? [JSON.stringify({ tier: '普通会员' }), JSON.stringify({ tier: '银卡会员', reviewAt: at })]
              : [null, null];
      insert.run(newId(), at, action === 'jobs.started' ? null : who, action, entity, entityId ?? null, before, after);
    }
  })();
}

export function benchAudit(members: number, rows: number, samples: number): void {
  const path = resolve(`.cache/bench/audit-m${members}-a${rows}.sqlite`);
  const fresh = !existsSync(path);
  ensureSeeded(path, members, 0);
  if (fresh) {
    const db = openDatabase(path);
    const app = createApp(db, { checkOutputs: false });
    const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
    for (let i = 1; i <= 11; i++) dispatch(app, { session: admin }, 'staff.create', { name: `店员${i}`, role: 'clerk', pin: '0000' });
    console.log(`Writing ${rows.toLocaleString('en')} audit rows into ${path} (once)…`);
    buildTrail(db, rows, app.newId);
    // The seed's PRAGMA optimize ran while the trail was one row: statistics that say so send the
    // member filter along the time index (40 ms at 100,000 rows, not 0.1). A store the app made
    // has no statistics (the app never analyzes): the trail is timed as the app would read it.
    for (const table of ['sqlite_stat1', 'sqlite_stat4']) {
      if (db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table))
        db.prepare(`DELETE FROM ${table} WHERE tbl = 'audit_log'`).run();
    }
    db.close();
  }
  const db = openDatabase(path);
  const app = createApp(db, { checkOutputs: false });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const count = db.prepare<[], number>('SELECT COUNT(*) FROM audit_log').pluck().get() ?? 0;
  const rand = prng(7);
  const any = <T>(items: T[]) => items[Math.floor(rand() * items.length)];
  const staff = db.prepare<[], string>('SELECT id FROM staff').pluck().all();
  const withRows = db
    .prepare<[], string>("SELECT entity_id FROM audit_log WHERE entity = 'member' AND rowid % 97 = 0 LIMIT 2000")
    .pluck()
    .all();
  const groups = ['purchases', 'members', 'auth', 'followups', 'points', 'tiers', 'feedback', 'backup'];
  const first = db.prepare<[], string>('SELECT MIN(at) FROM audit_log').pluck().get() ?? '2024-12-01';
  const span = Date.parse(db.prepare<[], string>('SELECT MAX(at) FROM audit_log').pluck().get() ?? first) - Date.parse(first);
  const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const deepAt = db.prepare<[number], { at: string; id: string }>(
    'SELECT at, id FROM audit_log ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?',
  );
  // Cursors half a trail down and deeper, found untimed (an OFFSET walks the index).
  const deep = Array.from({ length: 20 }, () => deepAt.get(Math.floor(count * (0.5 + rand() * 0.45)))!).map((r) =>
    JSON.stringify([r.at, r.id]),
  );

  const cases: Array<[string, () => Record<string, unknown>]> = [
    ['unfiltered, first page', () => ({})],
    ['by staff', () => ({ staffId: any(staff) })],
    ['by member', () => ({ memberId: any(withRows) })],
    ['by action group', () => ({ action: any(groups) })],
    ['by one action', () => ({ action: 'tiers.upgrade' })],
    [
      'by date range (a month)',
      () => {
        const from = Date.parse(first) + rand() * Math.max(0, span - 31 * 86_400_000);
        return { from: day(from), to: day(from + 30 * 86_400_000) };
      },
    ],
    [
      'staff + group + month',
      () => {
        const from = Date.parse(first) + rand() * Math.max(0, span - 31 * 86_400_000);
        return { staffId: any(staff), action: 'purchases', from: day(from), to: day(from + 30 * 86_400_000) };
      },
    ],
    ['deep page (after half the trail)', () => ({ after: any(deep) })],
  ];
  const times = Math.min(samples, 500);
  console.log(
    `\nThe 审计日志 page: audit.list on ${count.toLocaleString('en')} audit rows, ${members.toLocaleString('en')} members (ms, ${times} calls each, a page of 50 with its names)`,
  );
  console.log('filter                                  p50       p95       p99       max   rows/page');
  for (const [name, input] of cases) {
    for (let i = 0; i < 20; i++) call(app, { session: admin }, 'audit.list', input()); // warm the statements
    const out: number[] = [];
    let shown = 0;
    for (let i = 0; i < times; i++) {
      const args = input();
      const t0 = performance.now();
      const page = call(app, { session: admin }, 'audit.list', args);
      out.push(performance.now() - t0);
      shown += page.items.length;
    }
    out.sort((a, b) => a - b);
    const line = `${ms(percentile(out, 50))}  ${ms(percentile(out, 95))}  ${ms(percentile(out, 99))}  ${ms(out[out.length - 1])}`;
    console.log(`${name.padEnd(36)} ${line}   ${(shown / times).toFixed(0).padStart(5)}`);
  }
  db.close();
}
