import { openDatabase } from '../../db/connection';
import * as m0012 from '../../db/migrations/0012-member-browse';
import { createApp } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { percentile, secs } from './common';

// The 会员 page at the bench's million members (docs/members.md "Browsing members"): the first
// page and ten pages on of each filter and sort a manager might pick, through the service as a
// clerk calls it (masked phones); an export's chunks; the tag list; and how long migration 0012's
// backfill takes on this database (run in a transaction that is rolled back).

const ms = (n: number) => n.toFixed(1).padStart(7);

export function benchMemberList(path: string): void {
  const db = openDatabase(path);
  const app = createApp(db, { checkOutputs: false });
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const tiers = call(app, { session: admin }, 'tiers.list', {}).tiers;
  const topTier = [...tiers].reverse().find((t) => db.prepare('SELECT 1 FROM members WHERE tier_id = ?').get(t.id)) ?? tiers[1];
  const members = (db.prepare('SELECT MAX(rowid) AS n FROM members').get() as { n: number }).n;

  const cases: Array<[string, Record<string, unknown>]> = [
    ['everyone, by card', {}],
    ['everyone, by name', { sort: 'name' }],
    ['everyone, latest purchase first', { sort: 'lastSaleAt', order: 'desc' }],
    ['tag VIP, by name', { tag: 'VIP', sort: 'name' }],
    [`tier ${topTier.name}, newest first`, { tierId: topTier.id, sort: 'createdAt', order: 'desc' }],
    [`tier ${tiers[0].name}, by name`, { tierId: tiers[0].id, sort: 'name' }],
    ['birthday in March, by name', { birthdayMonth: 3, sort: 'name' }],
    ['bought in 30 days, by name', { lastSale: 'within', lastSaleDays: 30, sort: 'name' }],
    ['lapsed a year, newest first', { lastSale: 'lapsed', lastSaleDays: 365, sort: 'createdAt', order: 'desc' }],
    ['never bought, by last purchase', { lastSale: 'never', sort: 'lastSaleAt', order: 'desc' }],
    ['deactivated, no consent', { status: 'inactive', consent: 'no' }],
    ['March + 30 days + consent', { birthdayMonth: 3, lastSale: 'within', lastSaleDays: 30, consent: 'yes', sort: 'name' }],
    ['consent + never + lowest tier', { consent: 'yes', lastSale: 'never', tierId: tiers[0].id, sort: 'lastSaleAt', order: 'desc' }],
  ];
  // A clerk, as the search bench's (masked phones); made on the first run.
  dispatch(app, { session: admin }, 'staff.create', { name: 'bench-clerk', role: 'clerk', pin: '0000' });
  const clerk = call(app, {}, 'auth.login', { name: 'bench-clerk', pin: '0000' }).session;
  const list = (input: Record<string, unknown>) => call(app, { session: clerk }, 'members.list', input);
  const time = <T>(fn: () => T): [T, number] => {
    const t0 = performance.now();
    const r = fn();
    return [r, performance.now() - t0];
  };

  console.log(
    `\nThe 会员 list on ${members.toLocaleString('en')} members (ms; a page is 50; "next" = each of the ten pages after the first)`,
  );
  console.log('filter and sort                          matches    first p50  first max   next p50   next max');
  for (const [name, input] of cases) {
    list(input); // warm the statements and the pages they read
    const firsts: number[] = [];
    let page = list(input);
    for (let i = 0; i < 5; i++) firsts.push(time(() => list(input))[1]);
    const nexts: number[] = [];
    for (let i = 0; i < 10 && page.next; i++) {
      const [next, t] = time(() => list({ ...input, after: page.next! }));
      nexts.push(t);
      page = next;
    }
    firsts.sort((a, b) => a - b);
    nexts.sort((a, b) => a - b);
    const matches = `${page.total.toLocaleString('en')}${page.totalCapped ? '+' : ''}`;
    const next = nexts.length ? `${ms(percentile(nexts, 50))}    ${ms(nexts[nexts.length - 1])}` : '      —          —';
    console.log(`${name.padEnd(40)} ${matches.padStart(8)}  ${ms(percentile(firsts, 50))}    ${ms(firsts[firsts.length - 1])}    ${next}`);
  }

  // An export reads every match in card order, 2,000 a call.
  const exportAll = (filter: Record<string, unknown>) => {
    const t0 = performance.now();
    let chunk = call(app, { session: admin }, 'members.export', { ...filter, limit: 2000 });
    const total = chunk.total ?? 0;
    let read = chunk.items.length;
    const first = performance.now() - t0;
    for (let i = 0; i < 25 && chunk.next; i++) {
      chunk = call(app, { session: admin }, 'members.export', { ...filter, limit: 2000, after: chunk.next });
      read += chunk.items.length;
    }
    return { total, read, first, each: (performance.now() - t0 - first) / Math.max(1, Math.ceil(read / 2000) - 1) };
  };
  for (const [name, filter] of [
    ['tag VIP', { tag: 'VIP' }],
    ['birthday in March', { birthdayMonth: 3 }],
    ['everyone', {}],
  ] as const) {
    const r = exportAll(filter);
    console.log(
      `export ${name}: ${r.total.toLocaleString('en')} members; first chunk (with the count) ${ms(r.first)} ms, then ${ms(r.each)} ms per 2,000 (${r.read.toLocaleString('en')} read)`,
    );
  }
  const [tags, tagMs] = time(() => call(app, { session: clerk }, 'members.tags', {}));
  console.log(`members.tags: ${tags.items.length} tags in ${ms(tagMs)} ms`);

  // Migration 0012's backfill on this database, undone again.
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec(`DROP TABLE member_keys; ${m0012.keysTable} UPDATE members SET last_sale_at = NULL WHERE last_sale_at IS NOT NULL;`);
    db.exec(
      'DROP INDEX members_last_sale; DROP INDEX members_tier; DROP INDEX members_created; DROP INDEX members_consent; DROP INDEX members_inactive;',
    );
    const [, backfill] = time(() => db.exec(m0012.backfill));
    const [, indexes] = time(() => db.exec(m0012.indexes));
    const keys = db.prepare('SELECT COUNT(*) FROM member_keys').pluck().get() as number;
    console.log(
      `migration 0012 on this database: keys and last sales ${secs(backfill)} (${keys.toLocaleString('en')} keys), indexes ${secs(indexes)}`,
    );
  } finally {
    db.exec('ROLLBACK');
  }
  db.close();
}
