import type { Feedback } from '../../shared/contract/feedback';
import type { Summary } from '../../services/reports/summaries';
import { counter, type Counter } from './points-fixtures';
import { setFollowupRules } from './followup-fixtures';

/** The instant of a Shanghai wall-clock time: `sh('2026-05-01T00:30')` is 2026-04-30T16:30Z. */
export const sh = (local: string) => new Date(`${local}:00+08:00`).toISOString();

/**
 * A store for the reports, its clock at a Shanghai wall-clock time. Sales and resolved complaints
 * make no follow-ups of their own here, so every task a report counts is one the test made.
 */
export function reportStore(startLocal: string): Counter & { at(local: string): void } {
  const c = counter(sh(startLocal));
  setFollowupRules(c, {
    postPurchase: { enabled: false },
    birthday: { enabled: false },
    reactivation: { enabled: false },
    complaint: { enabled: false },
  });
  return { ...c, at: (local) => c.clockTo(sh(local)) };
}

export function refund(c: Counter, purchaseId: string, amount: number): void {
  c.t.call('purchases.refund', { purchaseId, amount }, c.clerk);
}

export function complaint(c: Counter, memberId: string | null, kind: 'complaint' | 'suggestion' = 'complaint'): Feedback {
  const f = c.t.call('feedback.create', { memberId, kind, category: 'service', description: '排队太久' }, c.clerk);
  c.t.call('feedback.transition', { id: f.id, to: 'in_progress' }, c.clerk);
  return f;
}

export function resolve(c: Counter, feedbackId: string): void {
  c.t.call('feedback.transition', { id: feedbackId, to: 'resolved', resolution: '已处理' }, c.manager);
}

/** A hand-made task due on `dueDate` (a local date, today or later). */
export function task(c: Counter, memberId: string, dueDate: string): string {
  return c.t.call('followups.create', { memberId, dueDate }, c.clerk).id;
}

export function done(c: Counter, id: string, satisfaction?: number, nps?: number): void {
  c.t.call('followups.complete', { id, outcome: '已回访', satisfaction, nps }, c.clerk);
}

/** Report summary rows as plain sorted data, leaving out counters that are all zero: stored and computed compare equal. */
export function plainSummary(s: Summary) {
  const nonZero = (m: Map<number | string, number[]>) =>
    [...m.entries()]
      .filter(([, v]) => v.some((x) => x !== 0))
      .map(([k, v]) => [String(k), v] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    members: [...s.members.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
    periods: nonZero(s.periods),
    breakdown: nonZero(s.breakdown),
  };
}
