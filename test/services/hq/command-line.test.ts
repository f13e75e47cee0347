import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBranchExport } from '../../../services/hq/export';
import { mergeExportFile } from '../../../services/hq/merge';
import { exportFile, makeBranch, makeHq, merge } from '../hq-fixtures';

// `npm run hq` exports and merges as no staff member (scripts/hq.ts). The pages used to show such
// a row as "CLI", a word a store's staff do not know: the services now answer null for it, and the
// page names it (命令行导出, 命令行合并). The database keeps what it always held: no staff id.

describe('exports and merges made from the command line', () => {
  it('have no staff name in the branch’s export history and HQ’s merge log; the page’s own have theirs', () => {
    const hq = makeHq();
    const branch = makeBranch('SH01', hq.chainCode);
    branch.member('张三', '13800000001');

    // As scripts/hq.ts exports: no staff id.
    const cliPath = join(dirname(branch.t.path), 'cli-export.bdx');
    writeBranchExport(branch.t.db, {
      mode: 'full',
      outPath: cliPath,
      staffId: null,
      staffName: 'CLI',
      now: branch.t.clock.now().toISOString(),
      newId: () => 'cli-export-1',
    });
    branch.member('李四', '13800000002');
    const fromPage = exportFile(branch);

    const history = branch.t.call('hq.status', {}, branch.manager).exports;
    expect(history.map((e) => [e.seq, e.createdByName])).toEqual([
      [2, '赵经理'],
      [1, null],
    ]);

    // As scripts/hq.ts merges: no staff id.
    mergeExportFile(hq.t.db, { path: cliPath, fileName: 'cli-export.bdx', staffId: null, now: hq.t.clock.now().toISOString() });
    hq.t.clock.advance(60_000);
    merge(hq, fromPage.path);
    const log = hq.t.call('hq.mergeLog', { offset: 0, limit: 10 }, hq.manager).items;
    expect(log.map((m) => [m.seq, m.mergedByName])).toEqual([
      [2, '赵经理'],
      [1, null],
    ]);
  });
});
