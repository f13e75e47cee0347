import { describe, expect, it } from 'vitest';
import { comparisonOf, parsePeriod } from '../../shared/report-periods';

const compare = (key: string, today: string) => {
  const c = comparisonOf(parsePeriod(key)!, today);
  return {
    current: `${c.current.from}…${c.current.to}`,
    previous: `${c.previous.period.key} ${c.previous.from}…${c.previous.to}`,
    running: c.running,
  };
};

describe('comparisonOf', () => {
  it('sets a running period against as many days from the start of the one before', () => {
    expect(compare('2026-12', '2026-12-05')).toEqual({
      current: '2026-12-01…2026-12-31',
      previous: '2026-11 2026-11-01…2026-11-05',
      running: true,
    });
    expect(compare('2026-12', '2026-12-01')).toMatchObject({ previous: '2026-11 2026-11-01…2026-11-01' });
    expect(compare('2026-Q4', '2026-12-05')).toMatchObject({ previous: '2026-Q3 2026-07-01…2026-09-04' }); // 66 days each
    expect(compare('2026', '2026-12-05')).toMatchObject({ previous: '2025 2025-01-01…2025-12-05' });
  });

  it('caps the days at the end of the period before', () => {
    expect(compare('2026-03', '2026-03-31')).toMatchObject({ previous: '2026-02 2026-02-01…2026-02-28', running: true });
    expect(compare('2026-03', '2026-03-29')).toMatchObject({ previous: '2026-02 2026-02-01…2026-02-28' });
    expect(compare('2028-03', '2028-03-29')).toMatchObject({ previous: '2028-02 2028-02-01…2028-02-29' }); // a leap February
    expect(compare('2026-05', '2026-05-31')).toMatchObject({ previous: '2026-04 2026-04-01…2026-04-30' });
    expect(compare('2026-Q2', '2026-06-30')).toMatchObject({ previous: '2026-Q1 2026-01-01…2026-03-31' });
  });

  it('sets a finished (or future) period against the whole period before', () => {
    expect(compare('2026-11', '2026-12-05')).toEqual({
      current: '2026-11-01…2026-11-30',
      previous: '2026-10 2026-10-01…2026-10-31',
      running: false,
    });
    expect(compare('2027-01', '2026-12-05')).toMatchObject({ previous: '2026-12 2026-12-01…2026-12-31', running: false });
    expect(compare('2026-01', '2026-12-05')).toMatchObject({ previous: '2025-12 2025-12-01…2025-12-31' });
  });
});
