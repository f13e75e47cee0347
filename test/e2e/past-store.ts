import { parseArgs } from 'node:util';
import { subMonths } from 'date-fns';
import { openDatabase } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { call } from '../../services/core/dispatch';

// `tsx test/e2e/past-store.ts --db PATH --months-ago 6 --members 3000 --admin-name N --admin-pin P`
// A demo store set up months ago and not opened since, as the e2e fixture's `pastStore` option
// asks for before its server starts: its year of sales before that day earned points that
// expire at the end of the 12th month, so the older ones are past their date now, and the
// server's first chores queue the points expiry as a job. Tier reviews (12 months after the
// demo's tiers were settled) are not due yet.

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'months-ago': { type: 'string', default: '6' },
    members: { type: 'string', default: '3000' },
    'admin-name': { type: 'string' },
    'admin-pin': { type: 'string' },
  },
});
if (!values.db || !values['admin-name'] || !values['admin-pin']) {
  console.error('--db, --admin-name and --admin-pin are needed');
  process.exit(2);
}

const then = subMonths(new Date(), Number(values['months-ago']));
const db = openDatabase(values.db);
const app = createApp(db, { clock: { now: () => then } });
call(app, {}, 'setup.init', {
  branchName: '徐汇店',
  branchCode: 'SH01',
  adminName: values['admin-name'],
  adminPin: values['admin-pin'],
  demoMembers: Number(values.members),
});
db.close();
