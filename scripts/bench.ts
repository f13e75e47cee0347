import { benchEncryption } from './bench/encryption';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureSeeded } from './bench/common';
import { benchSearch } from './bench/search';
import { benchMemberList } from './bench/member-list';
import { benchLoyalty } from './bench/loyalty';
import { benchFollowups } from './bench/followups';
import { benchReports } from './bench/reports';
import { benchHq } from './bench/hq';
import { benchJobs } from './bench/jobs';
import { benchStartup } from './bench/startup';
import { benchImport } from './bench/import';
import { benchBackup } from './bench/backup';
import { benchAudit } from './bench/audit';

// `npm run bench [-- --members 1000000 --purchases 10000000 --samples 2000 --only search|loyalty|followups|reports|jobs|startup|import|backup|audit|hq]`
// (`--db PATH --scratch`: PATH is a copy the follow-up bench may write to, so it makes no copy of its
// own, and the backup bench's counter may sell on)
// Seeds .cache/bench/ once with `npm run seed`, then prints the tables the issues ask for.
// The hq section generates its own chain instead: `--branches 50 --branch-members 20000
// --branch-purchases 200000` (a quick run: 5, 2000, 20000).
// The import section imports into a store of --members members and no sales, made once:
// `--import-members 100000 --sales 1000000` rows (a quicker run: `--sales 200000`).
// The audit section writes `--audit-rows 1000000` audit rows into a store of --members members and
// no sales, made once (a quicker run: `--members 100000 --audit-rows 100000`).

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    purchases: { type: 'string', default: '10000000' },
    samples: { type: 'string', default: '2000' },
    only: { type: 'string' },
    // with --only jobs: which of them (tiers,summaries,expiry,generator), all when not given
    jobs: { type: 'string' },
    // with --only backup: which steps (snapshot,verify,restore,api,vacuum), all when not given
    steps: { type: 'string' },
    db: { type: 'string' },
    // the --db file is a throwaway copy: the follow-up bench writes to it instead of copying it again
    scratch: { type: 'boolean', default: false },
    branches: { type: 'string', default: '50' },
    'branch-members': { type: 'string', default: '20000' },
    'branch-purchases': { type: 'string', default: '200000' },
    'import-members': { type: 'string', default: '100000' },
    sales: { type: 'string', default: '1000000' },
    'audit-rows': { type: 'string', default: '1000000' },
  },
});
const members = Number(values.members);
const purchases = Number(values.purchases);
const samples = Number(values.samples);
const path = resolve(values.db ?? `.cache/bench/m${members}-p${purchases}.sqlite`);
if (values.only !== 'hq' && values.only !== 'import' && values.only !== 'audit') ensureSeeded(path, members, purchases);
if (!values.only || values.only === 'search') {
  benchSearch(path, samples);
  benchMemberList(path);
}
if (!values.only || values.only === 'loyalty') benchLoyalty(path, samples);
if (!values.only || values.only === 'followups') benchFollowups(path, samples, values.scratch);
if (!values.only || values.only === 'reports') benchReports(path, samples);
if (!values.only || values.only === 'jobs') await benchJobs(path, values.jobs?.split(','));
if (!values.only || values.only === 'startup') await benchStartup(path);
if (!values.only || values.only === 'backup') await benchBackup(path, values.scratch, values.steps?.split(','));
if (!values.only || values.only === 'encryption') benchEncryption(path, Math.min(samples, 1000));
if (!values.only || values.only === 'audit') benchAudit(members, Number(values['audit-rows']), samples);
if (!values.only || values.only === 'import') {
  await benchImport(resolve('.cache/bench'), {
    storeMembers: members,
    memberRows: Number(values['import-members']),
    saleRows: Number(values.sales),
  });
}
if (!values.only || values.only === 'hq') {
  await benchHq({
    branches: Number(values.branches),
    members: Number(values['branch-members']),
    purchases: Number(values['branch-purchases']),
  });
}
