import { describe, expect, it } from 'vitest';
import { failure } from '../fixtures';
import { refund, reportStore } from '../report-fixtures';
import { quintileEdges, quintileEdgesOf } from '../../../services/reports/rfm';

// Every answer below is worked out by hand from docs/reports.md; nothing is computed by the code
// under test. Times are Shanghai wall-clock (UTC+8).

const NAMES = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑'] as const;
type Name = (typeof NAMES)[number];

/**
 * Ten scored members for a 3-month window to 30 June 2026 (31 March … 30 June), chosen so the
 * quintile edges fall on ties. Values in the window (R days to 30 June, F sales, M fen):
 *
 *   甲 0 5 50000   乙 3 4 30000   丙 3 1 30000   丁 10 3 20000  戊 10 1 5000
 *   己 10 2 8000   庚 30 3 15000  辛 45 2 12000  壬 45 1 15000  癸 80 1 8000
 *
 * 子 never buys; 丑's one sale (23:59 on 30 March) is a minute outside the window. 甲 also has a
 * March sale, refunded in April (neither counts), and a refund on 1 July (after asOf). 乙 paid
 * 4 × ¥80 and got ¥20 back on 28 June. 庚's first sale, at 00:00 on 31 March, is inside. 寅 joins on 1 July.
 */
function rfmStore() {
  const c = reportStore('2026-03-20T10:00');
  const id = Object.fromEntries(NAMES.map((n) => [n, c.member(n)])) as Record<Name, string>;
  const sales: Array<[string, Name, number]> = [
    ['03-30T23:59', '丑', 60],
    ['03-31T00:00', '庚', 50],
    ['04-01T10:00', '甲', 100],
    ['04-02T10:00', '乙', 80],
    ['04-03T10:00', '丁', 50],
    ['04-11T10:00', '癸', 80],
    ['04-20T10:00', '庚', 50],
    ['04-25T10:00', '辛', 60],
    ['05-01T10:00', '甲', 100],
    ['05-02T10:00', '乙', 80],
    ['05-03T10:00', '丁', 50],
    ['05-10T10:00', '己', 30],
    ['05-16T10:00', '辛', 60],
    ['05-16T10:00', '壬', 150],
    ['05-31T10:00', '庚', 50],
    ['06-01T10:00', '甲', 100],
    ['06-02T10:00', '乙', 80],
    ['06-15T10:00', '甲', 100],
    ['06-20T10:00', '丁', 100],
    ['06-20T10:00', '戊', 50],
    ['06-20T10:00', '己', 50],
    ['06-27T10:00', '乙', 80],
    ['06-27T10:00', '丙', 300],
    ['06-30T23:59', '甲', 100],
  ];
  const march = c.buy(id.甲, 100).id;
  const ids: string[] = [];
  for (const [when, who, yuan] of sales) {
    c.at(`2026-${when}`);
    ids.push(c.buy(id[who], yuan).id);
    if (when === '04-03T10:00') refund(c, march, 100);
    if (when === '06-27T10:00' && who === '丙') {
      c.at('2026-06-28T10:00');
      refund(c, ids[3], 20); // 乙's sale of 2 April
    }
  }
  c.at('2026-07-01T10:00');
  refund(c, ids[ids.length - 1], 100); // 甲's sale of 30 June, refunded after asOf
  c.member('寅'); // joins after asOf: not a member on 30 June, so not even unscored
  return { c, id };
}

const WINDOW = { asOf: '2026-06-30', windowMonths: 3 } as const;

// Edges by nearest rank, positions ⌈k·10/5⌉ = 2, 4, 6, 8 of the ascending values:
//   R 0 3 3 10 10 10 30 45 45 80                        → 3, 10, 10, 45
//   F 1 1 1 1 2 2 3 3 4 5                               → 1, 1, 2, 3
//   M 5000 8000 8000 12000 15000 15000 20000 30000 30000 50000 → 8000, 12000, 15000, 30000
const EDGES = { recencyDays: [3, 10, 10, 45], frequency: [1, 1, 2, 3], monetaryFen: [8000, 12000, 15000, 30000] };

// Scores (F, M: 1 + edges strictly below; R: 5 − that count), and segments against the means
// r 34/10 = 3.4, f 28/10 = 2.8, m 28/10 = 2.8 (high = above the mean):
//   甲 5 5 5 HHH important_value    乙 5 5 4 HHH important_value    丙 5 1 4 HLH important_develop
//   丁 4 4 4 HHH important_value    戊 4 1 1 HLL general_develop    己 4 3 1 HHL general_value
//   庚 2 4 3 LHH important_keep     辛 2 3 2 LHL general_keep       壬 2 1 3 LLH important_retain
//   癸 1 1 1 LLL general_retain
// CLV = M × 12/3 × 30 % × 3 years = M × 3.6.
const MEANS = { r: 3.4, f: 2.8, m: 2.8 };

const about = (x: number) => expect.closeTo(x, 12);
const row = (segment: string, members: number, monetaryFen: number, avgRecencyDays: number, avgFrequency: number, clvFen: number) => ({
  segment,
  members,
  monetaryFen,
  share: about(monetaryFen / 193000),
  avgRecencyDays: about(avgRecencyDays),
  avgFrequency: about(avgFrequency),
  clvFen,
});

describe('reports.rfm', () => {
  it('scores by quintiles with ties at the edges, and sorts members into the eight segments', () => {
    const { c } = rfmStore();
    const r = c.t.call('reports.rfm', WINDOW, c.manager);
    expect(r).toEqual({
      asOf: '2026-06-30',
      from: '2026-03-31',
      windowMonths: 3,
      scored: 10,
      unscored: 2, // 子, 丑
      edges: EDGES,
      means: { r: about(MEANS.r), f: about(MEANS.f), m: about(MEANS.m) },
      // M over all scored: 193000
      segments: [
        row('important_value', 3, 100000, 13 / 3, 4, 120000), // 甲 乙 丁: R (0+3+10)/3, F (5+4+3)/3, CLV (180000+108000+72000)/3
        row('important_develop', 1, 30000, 3, 1, 108000),
        row('important_keep', 1, 15000, 30, 3, 54000),
        row('important_retain', 1, 15000, 45, 1, 54000),
        row('general_value', 1, 8000, 10, 2, 28800),
        row('general_develop', 1, 5000, 10, 1, 18000),
        row('general_keep', 1, 12000, 45, 2, 43200),
        row('general_retain', 1, 8000, 80, 1, 28800),
      ],
      clv: { marginPct: 30, expectedYears: 3 },
    });
  });

  it('defaults to a 12-month window to today', () => {
    const { c, id } = rfmStore();
    // Today is 1 July: 2 July 2025 … 1 July 2026 holds every sale, so only 子 and 寅 (joined today) are unscored.
    expect(c.t.call('reports.rfm', {}, c.manager)).toMatchObject({
      asOf: '2026-07-01',
      from: '2025-07-02',
      windowMonths: 12,
      scored: 11,
      unscored: 2,
    });
    // A sale after a report is seen by the next one.
    c.buy(id.子, 10);
    expect(c.t.call('reports.rfm', {}, c.manager)).toMatchObject({ scored: 12, unscored: 1 });
  });

  it('scores nobody in a store without sales', () => {
    const c = reportStore('2026-06-15T10:00');
    c.member('子');
    const r = c.t.call('reports.rfm', {}, c.manager);
    expect(r).toMatchObject({ scored: 0, unscored: 1, edges: { recencyDays: [], frequency: [], monetaryFen: [] } });
    expect(
      r.segments.every((s) => s.members === 0 && s.monetaryFen === 0 && s.share === 0 && s.clvFen === null && s.avgRecencyDays === null),
    ).toBe(true);
  });

  it('is for managers', () => {
    const { c } = rfmStore();
    for (const [name, input] of [
      ['reports.rfm', {}],
      ['reports.segmentMembers', { segment: 'important_value' }],
      ['reports.memberRfm', { memberId: 'x' }],
      ['reports.lifecycle', {}],
    ] as const) {
      expect(failure(c.t, name, input, c.clerk).code, name).toBe('FORBIDDEN');
    }
  });
});

describe('reports.segmentMembers and reports.memberRfm', () => {
  it("lists a segment's members by monetary, highest first, a page at a time", () => {
    const { c, id } = rfmStore();
    const r = c.t.call('reports.segmentMembers', { ...WINDOW, segment: 'important_value' }, c.manager);
    expect(r.total).toBe(3);
    expect(r.items).toEqual([
      {
        memberId: id.甲,
        name: '甲',
        cardNo: 'SH0100000001',
        phone: '+8613800000001',
        tierName: '普通会员',
        marketingConsent: false,
        scores: { recencyDays: 0, frequency: 5, monetaryFen: 50000, r: 5, f: 5, m: 5, segment: 'important_value' },
        clvFen: 180000,
      },
      {
        memberId: id.乙,
        name: '乙',
        cardNo: 'SH0100000002',
        phone: '+8613800000002',
        tierName: '普通会员',
        marketingConsent: false,
        scores: { recencyDays: 3, frequency: 4, monetaryFen: 30000, r: 5, f: 5, m: 4, segment: 'important_value' },
        clvFen: 108000,
      },
      {
        memberId: id.丁,
        name: '丁',
        cardNo: 'SH0100000004',
        phone: '+8613800000004',
        tierName: '普通会员',
        marketingConsent: false,
        scores: { recencyDays: 10, frequency: 3, monetaryFen: 20000, r: 4, f: 4, m: 4, segment: 'important_value' },
        clvFen: 72000,
      },
    ]);
    const page = c.t.call('reports.segmentMembers', { ...WINDOW, segment: 'important_value', limit: 1, offset: 1 }, c.manager);
    expect([page.total, page.items.map((m) => m.name)]).toEqual([3, ['乙']]);
    const keep = c.t.call('reports.segmentMembers', { ...WINDOW, segment: 'general_keep' }, c.manager);
    expect(keep.items.map((m) => [m.name, m.scores.r, m.scores.f, m.scores.m])).toEqual([['辛', 2, 3, 2]]);
  });

  it("gives one member's scores against the branch's edges, none for an unscored member", () => {
    const { c, id } = rfmStore();
    const scores = (name: Name, extra = {}) => c.t.call('reports.memberRfm', { ...WINDOW, memberId: id[name], ...extra }, c.manager);
    expect(scores('丙')).toEqual({
      asOf: '2026-06-30',
      from: '2026-03-31',
      edges: EDGES,
      means: { r: about(MEANS.r), f: about(MEANS.f), m: about(MEANS.m) },
      scores: { recencyDays: 3, frequency: 1, monetaryFen: 30000, r: 5, f: 1, m: 4, segment: 'important_develop' },
      clvFen: 108000,
    });
    // At the edges: 己's 8000 equals q1 (M 1), 壬's 15000 equals q3 (M 3), 庚's 30 days lies between q3 and q4 (R 2).
    expect([scores('己').scores, scores('壬').scores, scores('庚').scores].map((s) => s && [s.r, s.f, s.m, s.segment])).toEqual([
      [4, 3, 1, 'general_value'],
      [2, 1, 3, 'important_retain'],
      [2, 4, 3, 'important_keep'],
    ]);
    // CLV at 25 % for 2 years: 30000 × 4 × 0.25 × 2
    expect(scores('乙', { marginPct: 25, expectedYears: 2 }).clvFen).toBe(60000);
    for (const name of ['子', '丑'] as const) expect(scores(name)).toMatchObject({ scores: null, clvFen: null, edges: EDGES });
    expect(failure(c.t, 'reports.memberRfm', { ...WINDOW, memberId: 'nobody' }, c.manager).code).toBe('NOT_FOUND');
  });
});

/**
 * Stages on 30 June 2026 (asOf) and 31 May (30 days earlier). On 30 June the last 90 days start
 * 2 April, the last 180 on 2 January (the 180 before: 6 July 2025 … 1 January 2026), the last 365
 * on 1 July 2025. On 31 May: 3 March, 3 December 2025 (before: 6 June … 2 December), 1 June 2025.
 */
const LIVES: Array<[string, string[], string, string]> = [
  // name, local times of sales, stage on 31 May, stage on 30 June
  ['潜客', ['2026-07-01T00:00'], 'prospect', 'prospect'], // buys a minute after 30 June ends
  ['新客', ['2026-06-30T23:59'], 'prospect', 'new'],
  ['满九十', ['2026-04-01T10:00'], 'new', 'growing'], // 91st day back on 30 June: 1 sale in the last 180, none before
  ['九十内', ['2026-04-02T10:00'], 'new', 'new'],
  ['成长', ['2025-10-01T10:00', '2026-02-01T10:00', '2026-06-20T10:00'], 'mature', 'growing'], // May: 1 vs 1; June: 2 vs 1
  ['成熟', ['2025-09-15T10:00', '2026-03-15T10:00'], 'mature', 'mature'],
  ['衰退', ['2025-08-01T10:00', '2025-09-01T10:00', '2026-03-01T10:00'], 'declining', 'declining'], // 1 vs 2 both days
  ['沉寂', ['2025-12-05T10:00'], 'growing', 'declining'], // none in the last 180 on 30 June
  ['流失', ['2025-03-01T10:00'], 'lost', 'lost'],
  ['将失', ['2025-06-15T10:00'], 'declining', 'lost'],
];

function lifecycleStore() {
  const c = reportStore('2025-03-01T10:00');
  const ids = new Map(LIVES.map(([name]) => [name, c.member(name)]));
  const events: Array<[string, () => unknown]> = [
    ...LIVES.flatMap(([name, times]) => times.map((at): [string, () => unknown] => [at, () => c.buy(ids.get(name)!, 10)])),
    ['2026-05-31T23:00', () => c.member('晚登')],
    ['2026-06-05T10:00', () => ids.set('新到', c.member('新到'))],
    ['2026-06-06T10:00', () => c.buy(ids.get('新到')!, 10)],
  ];
  for (const [at, happen] of events.sort(([a], [b]) => a.localeCompare(b))) {
    c.at(at);
    happen();
  }
  c.at('2026-07-01T10:00');
  return c;
}

describe('reports.lifecycle', () => {
  it('puts each member in one stage on asOf and compareDays earlier, with the movement between', () => {
    const c = lifecycleStore();
    const r = c.t.call('reports.lifecycle', { asOf: '2026-06-30' }, c.manager);
    expect([r.asOf, r.previousAsOf]).toEqual(['2026-06-30', '2026-05-31']);
    // 晚登 registered at 23:00 on 31 May (a prospect then); 新到 on 5 June, buying on 6 June.
    expect(r.stages).toEqual([
      { stage: 'prospect', members: 2, previous: 3 }, // 潜客 晚登 | 潜客 新客 晚登
      { stage: 'new', members: 3, previous: 2 }, // 新客 九十内 新到 | 满九十 九十内
      { stage: 'growing', members: 2, previous: 1 }, // 满九十 成长 | 沉寂
      { stage: 'mature', members: 1, previous: 2 }, // 成熟 | 成长 成熟
      { stage: 'declining', members: 2, previous: 2 }, // 衰退 沉寂 | 衰退 将失
      { stage: 'lost', members: 2, previous: 1 }, // 流失 将失 | 流失
    ]);
    const byPath = (m: { from: string; to: string }) => `${m.from} ${m.to}`;
    expect([...r.movement].sort((x, y) => byPath(x).localeCompare(byPath(y)))).toEqual([
      { from: 'declining', to: 'declining', members: 1 }, // 衰退
      { from: 'declining', to: 'lost', members: 1 }, // 将失
      { from: 'growing', to: 'declining', members: 1 }, // 沉寂
      { from: 'lost', to: 'lost', members: 1 }, // 流失
      { from: 'mature', to: 'growing', members: 1 }, // 成长
      { from: 'mature', to: 'mature', members: 1 }, // 成熟
      { from: 'new', to: 'growing', members: 1 }, // 满九十
      { from: 'new', to: 'new', members: 1 }, // 九十内
      { from: 'prospect', to: 'new', members: 1 }, // 新客
      { from: 'prospect', to: 'prospect', members: 2 }, // 潜客 晚登
      { from: 'unregistered', to: 'new', members: 1 }, // 新到
    ]);
  });

  it('defaults to today and 30 days earlier', () => {
    const c = lifecycleStore();
    const r = c.t.call('reports.lifecycle', {}, c.manager);
    expect([r.asOf, r.previousAsOf]).toEqual(['2026-07-01', '2026-06-01']);
    expect(r.stages.find((s) => s.stage === 'prospect')).toEqual({ stage: 'prospect', members: 1, previous: 3 }); // 潜客 bought at 00:00 | 潜客 新客 晚登
  });
});

describe('quintile edges without sorting', () => {
  it('pick the same values as the sorted nearest-rank edges, ties and all', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const n = 1 + (next() % 400);
      const spread = 1 + (next() % (round % 3 === 0 ? 5 : 100_000)); // few distinct values: many ties
      const values = Float64Array.from({ length: n }, () => (next() % spread) - (round % 2 ? 50 : 0));
      const expected = quintileEdges(Array.from(values).sort((a, b) => a - b));
      expect(quintileEdgesOf(values)).toEqual(expected);
      expect(quintileEdgesOf(Int32Array.from(values))).toEqual(expected);
    }
    expect(quintileEdgesOf(new Float64Array(0))).toEqual([]);
  });
});
