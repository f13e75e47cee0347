import { describe, expect, it } from 'vitest';
import { translator } from './translator';
import { fileDates, fileStem } from '../../renderer/components/reports/exportFile';

// Report files are named in the reader's language (RFM分群-2026-12-05.xlsx), not in the code's
// (rfm-2026-12-05-12m.xlsx): a manager finds them in a folder by what they are.

describe('report file names', () => {
  it('join the report and its period with hyphens, dropping the spaces beside Chinese the screen puts there', async () => {
    const zh = await translator('zh-CN');
    expect(fileStem(zh('reports.rfm.title'), '2026-12-05')).toBe('RFM分群-2026-12-05');
    expect(fileStem(zh('hq.compare.multiTitle'), '2026-11', zh('reportFrame.filePage', { page: 2 }))).toBe('多店消费会员-2026-11-第2页');
    expect(
      fileStem(zh('reports.lifecycle.movementTitle'), zh('reports.lifecycle.versus', { asOf: '2026-12-05', previousAsOf: '2026-11-05' })),
    ).toBe('阶段流转-2026-12-05对比2026-11-05');
    expect(
      fileStem(zh('reports.trends.trendTitle'), zh('reports.trends.grainNames.month'), fileDates(zh, '2025-12-01', '2026-11-30')),
    ).toBe('销售与会员趋势-按月-2025-12-01至2026-11-30');
    expect(fileDates(zh, '2026-11-25', '2026-11-25')).toBe('2026-11-25');
  });

  it('read as English in English', async () => {
    const english = await translator('en');
    expect(fileStem(english('reports.rfm.title'), '2026-12-05', english('reports.rfm.files.months', { count: 6 }))).toBe(
      'RFM segments-2026-12-05-last 6 months',
    );
    expect(
      fileStem(
        english('reports.rfm.files.members', { segment: english('reports.rfm.segments.general_retain') }),
        '2026-12-05',
        english('reportFrame.filePage', { page: 1 }),
      ),
    ).toBe('General retain members-2026-12-05-page 1');
  });

  it('leave out empty parts and replace what a file system refuses', () => {
    expect(fileStem('销售明细', null, '', false, undefined, '2026-11-25')).toBe('销售明细-2026-11-25');
    expect(fileStem('销售明细', 'A/B: "x"?')).toBe('销售明细-A_B_ _x__');
    expect(fileStem('分店排名（按净销售额）：销售与会员', '2026-11')).toBe('分店排名（按净销售额）：销售与会员-2026-11'); // full-width marks are fine
    expect(fileStem('', '  ')).toBe('BranchDesk');
  });
});
