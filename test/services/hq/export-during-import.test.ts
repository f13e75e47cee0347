import { describe, expect, it } from 'vitest';
import { makeBranch, makeHq } from '../hq-fixtures';
import { failure, snapshot } from '../fixtures';
import { scratchFolder } from '../import/import-files';
import { startFile, writeCsv } from '../import/import-fixtures';

// Sales and ledger entries travel to HQ by row number (services/hq/export.ts). An import's undo
// deletes the rows it wrote, and SQLite gives the next sale the number of a deleted last row: a
// file written while an import's rows were there would mark a number past which later sales are
// never sent. So no file is written while an import may still be taken back.

describe('an HQ export while an import has not ended', () => {
  it('is refused, changing nothing, until the import is done; then the file carries its rows', async () => {
    const a = makeBranch('SH01', makeHq().chainCode);
    a.buy(a.member('张三', '13800000001'), '50.00');
    const folder = scratchFolder();
    const csv = writeCsv(folder.path('members.csv'), ['姓名,手机号,积分', '李四,13800000002,100', '王五,13800000003,200']);
    const started = await startFile(a.t, a.manager, csv);
    expect(started.state).toBe('importing');
    const before = snapshot(a.t.db);
    expect(failure(a.t, 'hq.exportBranch', { mode: 'full' }, a.manager)).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'import_running', importId: started.id },
    });
    expect(snapshot(a.t.db)).toEqual(before);

    a.t.runJobs();
    expect(a.t.call('import.get', { id: started.id }, a.manager).state).toBe('done');
    const { manifest } = a.t.call('hq.exportBranch', { mode: 'full' }, a.manager);
    expect(manifest.rows.members).toBe(3);
    folder.remove();
  });
});
