import type { LifecycleStage } from '../../shared/contract/reports';
import { LIFECYCLE_STAGES } from '../../shared/contract/reports';
import { addDaysTo } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { summaryQueries } from '../../db/queries/reports/summaries';
import { isSale } from './member-events';
import { summaryUpToDate } from './summary-job';
import { dayNumber } from './days';
import type { Ctx } from '../core/context';
import { storeToday } from '../core/branch';

// Lifecycle stages, defined in docs/reports.md: one pass over the member summaries.

/**
 * A member's stage on a local date, from their sales up to it: none yet → prospect; first sale
 * in the last 90 days → new; none in the last 365 → lost; none in the last 180, or fewer than in
 * the 180 before → declining; more → growing; as many → mature. Days are local day numbers (or
 * dates: anything that compares in time order).
 */
export function stageOf<T extends string | number>(
  m: { first: T | null; last: T | null; c1: number; c0: number },
  d90: T,
  d365: T,
): LifecycleStage {
  if (m.first === null || m.last === null) return 'prospect';
  if (m.first >= d90) return 'new';
  if (m.last < d365) return 'lost';
  if (m.c1 === 0 || m.c1 < m.c0) return 'declining';
  return m.c1 > m.c0 ? 'growing' : 'mature';
}

/** What stageOf needs of one member on one day, from their packed values v[start + 1 … end). */
function salesUpTo(v: Float64Array, start: number, end: number, day: number) {
  let [first, last, c1, c0] = [Infinity, -1, 0, 0];
  for (let o = start + 1; o < end; o += 2) {
    const d = v[o];
    if (!isSale(d) || d > day) continue;
    if (d < first) first = d;
    if (d > last) last = d;
    if (d > day - 180)
      c1++; // the last 180 days, day included
    else if (d > day - 360) c0++; // the 180 before
  }
  return last < 0 ? { first: null, last: null, c1: 0, c0: 0 } : { first, last, c1, c0 };
}

export function lifecycleReport(db: DB, ctx: Ctx, input: { asOf?: string; compareDays: number }) {
  const asOf = input.asOf ?? storeToday(db, ctx.now);
  const previousAsOf = addDaysTo(asOf, -input.compareDays);
  const [day, previousDay] = [dayNumber(asOf), dayNumber(previousAsOf)];
  summaryUpToDate(db, ctx);
  const stages = LIFECYCLE_STAGES.map(() => ({ members: 0, previous: 0 }));
  const index = new Map(LIFECYCLE_STAGES.map((s, i) => [s, i]));
  // moves[from × 7 + to], from 6 = not registered yet
  const moves = new Array<number>(7 * LIFECYCLE_STAGES.length).fill(0);
  summaryQueries(db).eachMember((_no, v, start, end) => {
    if (v[start] > day) return; // registered after asOf
    const now = index.get(stageOf(salesUpTo(v, start, end, day), day - 89, day - 364))!;
    stages[now].members++;
    let before: number = LIFECYCLE_STAGES.length;
    if (v[start] <= previousDay) {
      before = index.get(stageOf(salesUpTo(v, start, end, previousDay), previousDay - 89, previousDay - 364))!;
      stages[before].previous++;
    }
    moves[before * LIFECYCLE_STAGES.length + now]++;
  });
  return {
    asOf,
    previousAsOf,
    stages: LIFECYCLE_STAGES.map((stage, i) => ({ stage, ...stages[i] })),
    movement: moves.flatMap((members, k) => {
      if (members === 0) return [];
      const from = k < LIFECYCLE_STAGES.length ** 2 ? LIFECYCLE_STAGES[Math.floor(k / LIFECYCLE_STAGES.length)] : ('unregistered' as const);
      return [{ from, to: LIFECYCLE_STAGES[k % LIFECYCLE_STAGES.length], members }];
    }),
  };
}
