import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { Kpis, LIFECYCLE_STAGES, RFM_SEGMENTS } from '../../shared/contract/reports';
import { parsePeriod } from '../../shared/report-periods';
import { quintileEdges, scoreAbove, segmentOf } from '../../services/reports/rfm';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { KPI_GROUPS, KPI_SPECS, formatKpi, kpiChange, kpiWarning, changeTone } from '../../renderer/features/reports/kpis';
import { periodFromKey, periodLabel, stepPeriod, switchKind } from '../../renderer/features/reports/periods';
import { bandOf, reasonLines, segmentLevels } from '../../renderer/features/reports/rfmExplain';
import { parseRfmNumber, rfmParamsFrom, rfmSearch, RFM_DEFAULTS } from '../../renderer/features/reports/rfmParams';

const period = (key: string) => parsePeriod(key)!;

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return i18n.t;
}

describe('dashboard figures', () => {
  it('shows every field of Kpis exactly once, each with a name and a definition in both languages', () => {
    const shown = KPI_GROUPS.flatMap((g) => [...g.keys]);
    expect([...shown].sort()).toEqual(Object.keys(Kpis.shape).sort());
    expect(Object.keys(KPI_SPECS).sort()).toEqual(Object.keys(Kpis.shape).sort());
    for (const key of shown) {
      for (const messages of [zhCN, en]) {
        expect(messages.reports.kpi.names[key], key).toBeTruthy();
        expect(messages.reports.kpi.definitions[key], key).toBeTruthy();
      }
    }
  });

  it('flags a member share above 100%: takings entered short or wrong, in both languages', () => {
    expect(kpiWarning('memberShare', 1.451)).toBe('memberShareOver');
    expect(kpiWarning('memberShare', 1)).toBeNull();
    expect(kpiWarning('memberShare', null)).toBeNull();
    expect(kpiWarning('repurchaseRate', 1.2)).toBeNull();
    for (const messages of [zhCN, en]) expect(messages.reports.dashboard.warnings.memberShareOver).toBeTruthy();
  });

  it('formats money as yuan, rates as percent, NPS signed, nothing to count as a dash', () => {
    expect(formatKpi('salesFen', 3_787_410, 'h')).toBe('¥37,874.10');
    expect(formatKpi('repurchaseRate', 0.15151515, 'h')).toBe('15.2%');
    expect(formatKpi('nps', 12.5, 'h')).toBe('+12.5');
    expect(formatKpi('nps', -40, 'h')).toBe('-40');
    expect(formatKpi('medianResolveHours', 5.26, '小时')).toBe('5.3 小时');
    expect(formatKpi('aovFen', null, 'h')).toBe('—');
    expect(formatKpi('pointsOutstanding', 604_414, 'h')).toBe('604,414');
  });

  it('compares counts by percent, rates by points, and colours by which way is good', () => {
    expect(kpiChange('orders', 76, 108)).toEqual({ kind: 'percent', direction: 'down', percent: (32 / 108) * 100 });
    const rate = kpiChange('retentionRate', 0.325, 0.2857142857142857);
    expect(rate.kind).toBe('points');
    expect(rate.kind === 'points' && rate.points).toBeCloseTo(3.93, 2);
    expect(kpiChange('followupsOverdue', 22, 0)).toEqual({ kind: 'fromZero', direction: 'up' });
    expect(kpiChange('csat', null, 0.8)).toEqual({ kind: 'none' });
    expect(kpiChange('orders', 5, 5)).toEqual({ kind: 'same' });
    expect(changeTone('refundsFen', kpiChange('refundsFen', 200, 100))).toBe('bad');
    expect(changeTone('refundsFen', kpiChange('refundsFen', 200, 300))).toBe('good');
    expect(changeTone('pointsIssued', kpiChange('pointsIssued', 1, 2))).toBe('neutral');
  });
});

describe('period picker', () => {
  it('steps back and forth across years, and switches kind keeping the time looked at', () => {
    expect(stepPeriod(period('2026-01'), -1).key).toBe('2025-12');
    expect(stepPeriod(period('2025-Q4'), 1).key).toBe('2026-Q1');
    expect(stepPeriod(period('2026'), -1).key).toBe('2025');
    expect(switchKind(period('2026-11'), 'quarter', '2026-11-25').key).toBe('2026-Q4');
    expect(switchKind(period('2025'), 'month', '2026-11-25').key).toBe('2025-12');
    expect(switchKind(period('2026'), 'month', '2026-11-25').key).toBe('2026-11');
  });

  it('falls back to this month for a missing, malformed or future period', () => {
    expect(periodFromKey(null, '2026-11-25').key).toBe('2026-11');
    expect(periodFromKey('2026-13', '2026-11-25').key).toBe('2026-11');
    expect(periodFromKey('2027-Q1', '2026-11-25').key).toBe('2026-11');
    expect(periodFromKey('2026-Q3', '2026-11-25').key).toBe('2026-Q3');
  });

  it('labels periods in both languages', () => {
    expect(periodLabel(period('2026-11'), 'zh-CN')).toBe('2026年11月');
    expect(periodLabel(period('2026-Q4'), 'zh-CN')).toBe('2026年第4季度');
    expect(periodLabel(period('2026'), 'zh-CN')).toBe('2026年');
    expect(periodLabel(period('2026-11'), 'en')).toBe('November 2026');
    expect(periodLabel(period('2026-Q4'), 'en')).toBe('Q4 2026');
  });
});

describe('RFM explanation', () => {
  it('puts every value between the edges its score says, as the service scores it', () => {
    const values = [0, 1, 1, 2, 3, 3, 3, 5, 8, 13, 21, 34, 55, 89, 144, 200, 200, 365];
    const edges = quintileEdges([...values].sort((a, b) => a - b));
    for (const v of values) {
      for (const letter of ['r', 'f', 'm'] as const) {
        const score = letter === 'r' ? 6 - scoreAbove(v, edges) : scoreAbove(v, edges);
        const band = bandOf(letter, score, edges)!;
        if (band.kind === 'atMost') expect(v).toBeLessThanOrEqual(band.edge);
        if (band.kind === 'above') expect(v).toBeGreaterThan(band.edge);
        if (band.kind === 'between') {
          expect(v).toBeGreaterThan(band.e1);
          expect(v).toBeLessThanOrEqual(band.e2);
        }
      }
    }
  });

  it('reads high and low back from the segment, as segmentOf assigns them', () => {
    for (const r of [true, false])
      for (const f of [true, false]) for (const m of [true, false]) expect(segmentLevels(segmentOf(r, f, m))).toEqual({ r, f, m });
  });

  it('says the value, the edges around it, the score and high or low', async () => {
    const zh = await translator('zh-CN');
    const edges = { recencyDays: [21, 43, 78, 148], frequency: [2, 4, 5, 7], monetaryFen: [91394, 180901, 258679, 357317] };
    const scores = { recencyDays: 35, frequency: 12, monetaryFen: 684792, r: 4, f: 5, m: 5, segment: 'important_value' as const };
    const lines = reasonLines(zh, scores, edges, { r: 3.0153846, f: 2.78, m: 3 });
    expect(lines[0].text).toBe(
      'R 4：最近一次消费在 35 天前，超过 20% 分位（21 天）、不超过 40% 分位（43 天） → 4 分；高于平均分 3.02，为“高”',
    );
    expect(lines[1].text).toBe('F 5：窗口内消费 12 笔，超过 80% 分位（7 笔） → 5 分；高于平均分 2.78，为“高”');
    expect(lines[2].text).toContain('¥6,847.92');
    const english = await translator('en');
    expect(reasonLines(english, { ...scores, recencyDays: 0, r: 5 }, edges, { r: 5, f: 1, m: 1 })[0].text).toBe(
      'R 5: last sale on the as-of date, at most the 20th percentile (21 days) → 5; not above the mean score 5.00, so low',
    );
  });

  it('translates every segment and stage', () => {
    for (const messages of [zhCN, en]) {
      for (const s of RFM_SEGMENTS) expect(messages.reports.rfm.segments[s]).toBeTruthy();
      for (const s of LIFECYCLE_STAGES) expect(messages.reports.lifecycle.stages[s]).toBeTruthy();
    }
  });
});

describe('RFM page inputs', () => {
  it('keeps only values within the contract bounds, and only non-defaults in the URL', () => {
    expect(parseRfmNumber('windowMonths', '12')).toBe(12);
    expect(parseRfmNumber('windowMonths', '1.5')).toBeNull();
    expect(parseRfmNumber('windowMonths', '37')).toBeNull();
    expect(parseRfmNumber('expectedYears', '0.5')).toBe(0.5);
    expect(parseRfmNumber('marginPct', '')).toBeNull();
    expect(rfmParamsFrom(new URLSearchParams('months=99&asOf=nonsense'))).toEqual(RFM_DEFAULTS);
    const p = rfmParamsFrom(new URLSearchParams('months=6&asOf=2026-06-30&margin=40'));
    expect(p).toEqual({ windowMonths: 6, asOf: '2026-06-30', marginPct: 40, expectedYears: 3 });
    expect(rfmSearch(p, { segment: 'general_keep', page: 2 })).toEqual({
      months: '6',
      asOf: '2026-06-30',
      margin: '40',
      segment: 'general_keep',
      page: '2',
    });
    expect(rfmSearch(RFM_DEFAULTS)).toEqual({});
  });
});
