import { applyHqLayout } from '../../db/hq-layout';
import { setupContract } from '../../shared/contract/setup';
import { AppError } from '../../shared/errors';
import { APP_VERSION } from '../../shared/version';
import { branchQueries } from '../../db/queries/core/branch';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { addStaff } from './staff';
import { branchInfo, staffInfo } from './views';
import { demoSeedFor, insertDemoMembers } from '../demo/members';
import { insertDemoPurchases } from '../demo/purchases';
import { generateFollowups } from '../followups/generator';
import { settleTiers } from '../loyalty/tiers';
import { newChainCode } from '../hq/chain';
import { timeZone } from '../core/branch';
import { catchUpSummary, startSummaryFromNothing } from '../reports/summaries';

export const setupHandlers = {
  'setup.status': (db) => {
    const branch = branchQueries(db).self();
    return { initialized: branch !== null, branch: branch ? branchInfo(branch) : null, appVersion: APP_VERSION, timeZone: timeZone(db) };
  },

  'setup.init': (db, ctx, input) => {
    const branches = branchQueries(db);
    if (branches.self()) throw new AppError('ALREADY_INITIALIZED', 'This database is already set up');
    const branch = { id: ctx.newId(), code: input.branchCode, name: input.branchName, kind: input.kind, created_at: ctx.now };
    branches.insert(branch);
    branches.setSetting('self_branch_id', branch.id);
    // HQ makes the chain's code; a branch may be given it now or before its first export.
    const chainCode = input.kind === 'hq' ? newChainCode() : (input.chainCode ?? null);
    if (chainCode) branches.setSetting('chain_code', chainCode);
    if (input.kind === 'hq') applyHqLayout(db);
    // A new store has nothing to build its report summaries from: they start current, and are
    // caught up from here on, never built (a build is minutes of background work at a million members).
    startSummaryFromNothing(db);
    const admin = addStaff(db, ctx, { branchId: branch.id, name: input.adminName, role: 'admin', pin: input.adminPin });
    writeAudit(ctx, {
      staffId: admin.id,
      action: 'setup.init',
      entity: 'branch',
      entityId: branch.id,
      after: { ...branch, adminName: admin.name },
    });
    // HQ's members arrive in the branches' files: no demo store there.
    if (input.demoMembers > 0 && input.kind === 'branch') {
      const { seed, phoneOffset } = demoSeedFor(branch.code);
      insertDemoMembers(db, {
        branch,
        staffId: admin.id,
        count: input.demoMembers,
        now: ctx.now,
        newId: ctx.newId,
        seed,
        phoneOffset,
        markAsDemo: true,
      });
      // About four sales each over the past year, so points, tiers and history have something to show.
      const sales = insertDemoPurchases(db, {
        branchId: branch.id,
        staffId: admin.id,
        count: input.demoMembers * 4,
        now: ctx.now,
        days: 365,
        seed,
      });
      // A demo store opens as a real one would look: members in the tiers their year of sales
      // earns, and a day's calls to make.
      settleTiers(db, ctx);
      const followups = generateFollowups(db, ctx);
      catchUpSummary(db); // a few thousand members' sales: the first report opens at once
      writeAudit(ctx, {
        staffId: admin.id,
        action: 'demo.load',
        entity: 'branch',
        entityId: branch.id,
        after: { members: input.demoMembers, sales, followups: followups.total },
      });
    }
    return { branch: branchInfo(branch), admin: staffInfo(admin), demoMembers: input.kind === 'branch' ? input.demoMembers : 0, chainCode };
  },
} satisfies DomainHandlers<typeof setupContract>;
