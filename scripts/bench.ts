import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ensureSeeded } from './bench/common';
import { benchSearch } from './bench/search';
import { benchLoyalty } from './bench/loyalty';
import { benchFollowups } from './bench/followups';
import { benchReports } from './bench/reports';

// `npm run bench [-- --members 1000000 --purchases 10000000 --samples 2000 --only search|loyalty|followups|reports]`
// Seeds .cache/bench/ once with `npm run seed`, then prints the tables the issues ask for.

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    purchases: { type: 'string', default: '10000000' },
    samples: { type: 'string', default: '2000' },
    only: { type: 'string' },
    db: { type: 'string' },
  },
});
const members = Number(values.members);
const purchases = Number(values.purchases);
const samples = Number(values.samples);
const path = resolve(values.db ?? `.cache/bench/m${members}-p${purchases}.sqlite`);
ensureSeeded(path, members, purchases);
if (!values.only || values.only === 'search') benchSearch(path, samples);
if (!values.only || values.only === 'loyalty') benchLoyalty(path, samples);
if (!values.only || values.only === 'followups') benchFollowups(path, samples);
if (!values.only || values.only === 'reports') benchReports(path, samples);
