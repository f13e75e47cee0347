import { openDatabase } from './db/connection';
import { ledgerProblems } from './test/services/points-fixtures';
const db = openDatabase('/tmp/branchdesk-crash-osuWzA/branch.sqlite');
const t = performance.now(); const p = ledgerProblems(db); console.log(p.length, performance.now() - t);
