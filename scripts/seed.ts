import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../db/connection';
import { branchQueries } from '../db/queries/core/branch';
import { staffQueries } from '../db/queries/staff/staff';
import { createApp } from '../services/core/context';
import { call } from '../services/core/dispatch';
import { insertDemoMembers } from '../services/demo/members';
import { insertDemoPurchases } from '../services/demo/purchases';

// `npm run seed -- --members 1000000 [--purchases 10000000] [--db data/branchdesk.sqlite] [--seed 7]`
// Fills a database with realistic generated members; sets the branch up first if needed
// (admin "admin", PIN "0000": change it before real use).

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'data/branchdesk.sqlite' },
    members: { type: 'string', default: '1000' },
    purchases: { type: 'string', default: '0' },
    seed: { type: 'string', default: '20261124' },
    'branch-code': { type: 'string', default: 'SH01' },
    'branch-name': { type: 'string', default: '徐汇店' },
  },
});

const count = Number(values.members);
const purchases = Number(values.purchases);
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(purchases) || purchases < 0) {
  console.error('--members and --purchases must be whole numbers');
  process.exit(2);
}

const path = resolve(values.db);
mkdirSync(dirname(path), { recursive: true });
const db = openDatabase(path);
// Keep the growing indexes in memory while a million rows go in.
db.pragma('cache_size = -1048576');
const app = createApp(db);
if (!branchQueries(db).self()) {
  call(app, {}, 'setup.init', {
    branchName: values['branch-name'],
    branchCode: values['branch-code'],
    adminName: 'admin',
    adminPin: '0000',
  });
  console.log('Set up the branch with admin "admin", PIN 0000 — change it before real use.');
}
const branch = branchQueries(db).self()!;
const admin = staffQueries(db)
  .all()
  .find((s) => s.role === 'admin')!;

const started = performance.now();
const inserted = insertDemoMembers(db, {
  branch,
  staffId: admin.id,
  count,
  now: new Date().toISOString(),
  newId: app.newId,
  seed: Number(values.seed),
  onProgress: (done) => {
    if (done % 100000 === 0) process.stdout.write(`  ${done.toLocaleString('en')} members…\n`);
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `Seeded ${inserted.toLocaleString('en')} members into ${path} in ${seconds.toFixed(1)} s (${Math.round(inserted / seconds).toLocaleString('en')}/s)`,
);

if (purchases > 0) {
  const t0 = performance.now();
  const made = insertDemoPurchases(db, {
    branchId: branch.id,
    staffId: admin.id,
    count: purchases,
    now: new Date().toISOString(),
    seed: Number(values.seed),
    onProgress: (done) => {
      if (done % 1000000 === 0) process.stdout.write(`  ${done.toLocaleString('en')} purchases…\n`);
    },
  });
  const s = (performance.now() - t0) / 1000;
  console.log(
    `Seeded ${made.toLocaleString('en')} purchases with their points in ${s.toFixed(1)} s (${Math.round(made / s).toLocaleString('en')}/s)`,
  );
  // A store that has run for years has expired its old points day by day: catch up once, as
  // the first maintenance run after an upgrade would.
  const t1 = performance.now();
  const expired = call(app, { system: true }, 'points.expire', {});
  console.log(
    `Expired the back catalogue (${expired.lots.toLocaleString('en')} lots, ${expired.members.toLocaleString('en')} members) in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
  );
}
db.pragma('optimize');
db.close();
