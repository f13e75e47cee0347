import type { FollowupKind, FollowupRules, GenerateResult } from '../../shared/contract/followups';
import { addDaysTo, birthdaysOn, localDay, startOfLocalDate } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { followupQueries, type NewFollowup } from '../../db/queries/followups/followups';
import { generatorQueries, type MemberRange } from '../../db/queries/followups/generator';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch, timeZone } from '../core/branch';
import { followupRules } from './settings';
import { newestPurchase, recordCoverage, sinceLastRun, type Since } from './coverage';

/**
 * A task the app missed making (the till was off for a few days) is still made if its due date
 * is at most this many days past; older causes are left alone rather than flooding the queue.
 */
export const LOOKBACK_DAYS = 7;
/** Birthday care is made this many days before it is due, so it shows under "upcoming". */
export const BIRTHDAY_HORIZON_DAYS = 7;
export const BIRTHDAY_OFFSETS = [-15, 0, 7] as const;

interface Cause {
  memberId: string;
  kind: FollowupKind;
  channel: NewFollowup['channel'];
  dueDate: string;
  /** names the cause: the same cause never makes a second task, whatever the rules say later */
  sourceKey: string;
  purchaseId?: string;
  feedbackId?: string;
  detail: Record<string, string | number>;
}

function makeTask(db: DB, ctx: Ctx, cause: Cause): boolean {
  return followupQueries(db).insert({
    id: ctx.newId(),
    branch_id: requireSelfBranch(db).id,
    member_id: cause.memberId,
    kind: cause.kind,
    channel: cause.channel,
    due_date: cause.dueDate,
    assignee_id: null,
    source_key: cause.sourceKey,
    purchase_id: cause.purchaseId ?? null,
    feedback_id: cause.feedbackId ?? null,
    detail_json: JSON.stringify(cause.detail),
    note: null,
    created_at: ctx.now,
    created_by: null,
  });
}

/** One callback per member per shopping day, `days` after it. */
function saleCause(
  rules: FollowupRules,
  sale: { id: string; member_id: string; occurred_at: string; amount_fen: number },
  tz: string,
): Cause {
  const date = localDay(sale.occurred_at, tz).date;
  return {
    memberId: sale.member_id,
    kind: 'post_purchase',
    channel: rules.postPurchase.channel,
    dueDate: addDaysTo(date, rules.postPurchase.days),
    sourceKey: `post_purchase:${sale.member_id}:${date}`,
    purchaseId: sale.id,
    detail: { saleDate: date, amountFen: sale.amount_fen },
  };
}

/**
 * Right after a sale is recorded: its callback, if the rule asks for one. A member who has come
 * back is no longer one to win back: an open reactivation call would greet them as long gone.
 */
export function followupForSale(db: DB, ctx: Ctx, sale: { id: string; member_id: string; occurred_at: string; amount_fen: number }): void {
  cancelOpenFollowups(db, ctx, sale.member_id, ['reactivation'], { reason: 'came_back', purchaseId: sale.id });
  const rules = followupRules(db);
  if (!rules.postPurchase.enabled || sale.amount_fen < rules.postPurchase.minAmountFen) return;
  makeTask(db, ctx, saleCause(rules, sale, timeZone(db)));
}

function complaintCause(
  rules: FollowupRules,
  c: { id: string; member_id: string; resolved_at: string; category: string },
  tz: string,
): Cause {
  const date = localDay(c.resolved_at, tz).date;
  return {
    memberId: c.member_id,
    kind: 'complaint',
    channel: rules.complaint.channel,
    dueDate: addDaysTo(date, rules.complaint.days),
    sourceKey: `complaint:${c.id}`,
    feedbackId: c.id,
    detail: { resolvedDate: date, category: c.category },
  };
}

export const MARKETING_KINDS: readonly FollowupKind[] = ['birthday', 'reactivation'];

/**
 * Calls that should no longer be made (the member came back, withdrew marketing consent, was
 * deactivated) are cancelled, not left for a clerk to make; the audit row says why.
 */
export function cancelOpenFollowups(db: DB, ctx: Ctx, memberId: string, kinds: readonly FollowupKind[], why: Record<string, string>): void {
  const q = followupQueries(db);
  for (const kind of kinds) {
    for (const task of q.openOfKind(memberId, kind)) {
      q.update({ ...task, status: 'cancelled', updated_at: ctx.now });
      writeAudit(ctx, {
        action: 'followups.cancel',
        entity: 'followup',
        entityId: task.id,
        before: { status: task.status },
        after: { status: 'cancelled', ...why },
      });
    }
  }
}

/** Right after a complaint is resolved: its follow-up, if the rule asks for one. */
export function followupForComplaint(db: DB, ctx: Ctx, c: { id: string; member_id: string; resolved_at: string; category: string }): void {
  const rules = followupRules(db);
  if (rules.complaint.enabled) makeTask(db, ctx, complaintCause(rules, c, timeZone(db)));
}

/** The rules, time zone and look-back a run goes by, and its local today. */
export interface RunBasis {
  rules: FollowupRules;
  tz: string;
  today: string;
  /** all of it but today, as the coverage compares it: a run under another basis reads the whole window (./coverage.ts) */
  basis: string;
}

/** The basis of a run at `now` under the rules and time zone in force. */
export function currentBasis(db: DB, now: string): RunBasis {
  const rules = followupRules(db);
  const tz = timeZone(db);
  const basis = JSON.stringify({ rules, tz, LOOKBACK_DAYS, BIRTHDAY_HORIZON_DAYS, BIRTHDAY_OFFSETS });
  return { rules, tz, today: localDay(now, tz).date, basis };
}

/**
 * Every rule, set-based over what could need a task now; the unique source key makes a second
 * run (or a run after a rule change) create nothing twice. A run reads only what can have changed
 * since the last one (./coverage.ts), and makes the same tasks a run over the whole window would;
 * it reads the whole window when the last one ran under other rules (or never ran), which in the
 * app is the sliced job's work (./generator-job.ts): here, all at once, only for a store as small
 * as the demo's.
 */
export function generateFollowups(db: DB, ctx: Ctx): GenerateResult {
  const basis = currentBasis(db, ctx.now);
  const purchasesTo = newestPurchase(db);
  const since = sinceLastRun(db, basis.basis, basis.today);
  const made = runRules(runOf(db, ctx, basis, { since, range: null }), true);
  recordCoverage(db, { basis: basis.basis, today: basis.today, purchasesTo });
  return made;
}

/**
 * A slice of the whole-window job: the tasks the members with ids in `range` are due, read over
 * the whole window, as a run over every member would make theirs; and, with `complaints`, the
 * complaints' (few: one slice reads them all).
 */
export function generateForMembers(db: DB, ctx: Ctx, basis: RunBasis, range: MemberRange, complaints: boolean): GenerateResult {
  return runRules(runOf(db, ctx, basis, { since: null, range }), complaints);
}

/** What a run reads: what changed since the last run, or the whole window's causes of a range of members, or (neither) of all. */
interface Reach {
  since: Since | null;
  range: MemberRange | null;
}

interface Run extends RunBasis, Reach {
  db: DB;
  ctx: Ctx;
  /** the earliest due date still worth a task */
  oldestDue: string;
}

const runOf = (db: DB, ctx: Ctx, basis: RunBasis, reach: Reach): Run => ({
  ...basis,
  ...reach,
  db,
  ctx,
  oldestDue: addDaysTo(basis.today, -LOOKBACK_DAYS),
});

function runRules(run: Run, complaints: boolean): GenerateResult {
  const { rules } = run;
  const made = {
    postPurchase: rules.postPurchase.enabled ? postPurchaseCallbacks(run) : 0,
    birthday: rules.birthday.enabled ? birthdayCare(run) : 0,
    reactivation: rules.reactivation.enabled ? winBackCalls(run) : 0,
    complaint: complaints && rules.complaint.enabled ? complaintCalls(run) : 0,
  };
  return { ...made, total: made.postPurchase + made.birthday + made.reactivation + made.complaint };
}

/** Makes each cause's task unless it exists; how many it made. Each batch is read after the one before made its tasks. */
function makeAll<T>(run: Run, batches: Array<() => T[]>, causeOf: (row: T) => Cause): number {
  let n = 0;
  for (const batch of batches) for (const row of batch()) if (makeTask(run.db, run.ctx, causeOf(row))) n++;
  return n;
}

const later = (a: string, b: string) => (a > b ? a : b);

function postPurchaseCallbacks(run: Run): number {
  const { rules, tz, since, range } = run;
  const q = generatorQueries(run.db).callbacks;
  const p = { since: startOfLocalDate(addDaysTo(run.oldestDue, -rules.postPurchase.days), tz), minFen: rules.postPurchase.minAmountFen };
  // The window's older sales had their chance at the last run, unless their member changed since.
  const batches = since
    ? [() => q.recordedAfter.all({ ...p, after: since.purchasesAfter }), () => q.rechecked.all(p)]
    : [() => (range ? q.inRange.all({ ...p, ...range }) : q.everyone.all(p))];
  return makeAll(run, batches, (sale) => saleCause(rules, sale, tz));
}

/** Birthday care due from `from` to `to`: each due date and offset, the birthday it is for, and that birthday's month-days. */
function birthdayDates(from: string, to: string) {
  const dates: Array<{ due: string; offset: number; birthday: string; monthDays: string[] }> = [];
  for (let due = from; due <= to; due = addDaysTo(due, 1)) {
    for (const offset of BIRTHDAY_OFFSETS) {
      const birthday = addDaysTo(due, -offset);
      dates.push({ due, offset, birthday, monthDays: birthdaysOn(birthday) });
    }
  }
  return dates;
}

function birthdayCare(run: Run): number {
  const { rules, since, range } = run;
  const q = generatorQueries(run.db).birthdays;
  const lastDue = addDaysTo(run.today, BIRTHDAY_HORIZON_DAYS);
  const cause = (memberId: string, d: ReturnType<typeof birthdayDates>[number]): Cause => ({
    memberId,
    kind: 'birthday',
    channel: rules.birthday.channel,
    dueDate: d.due,
    sourceKey: `birthday:${memberId}:${d.birthday.slice(0, 4)}:${d.offset}`,
    detail: { birthday: d.birthday, offset: d.offset },
  });
  // Some members' whole window: each one's birthday matched against the window's dates here.
  const forMembers = (members: Array<{ id: string; birthday: string }>) => {
    const window = birthdayDates(run.oldestDue, lastDue);
    const causes = members.flatMap((m) => window.filter((d) => d.monthDays.includes(m.birthday.slice(5))).map((d) => cause(m.id, d)));
    return makeAll(run, [() => causes.filter((c) => !q.taskExists.get(c.sourceKey))], (c) => c);
  };
  if (range) return forMembers(q.inRange.all(range));
  // Everyone's care up to the last run's horizon was made then: only the days after it are new.
  const from = since ? later(run.oldestDue, addDaysTo(since.firstNewDay, BIRTHDAY_HORIZON_DAYS)) : run.oldestDue;
  const everyone = birthdayDates(from, lastDue).flatMap((d) =>
    d.monthDays.map((md) => () => q.everyone.all({ md, keySuffix: `:${d.birthday.slice(0, 4)}:${d.offset}` }).map((m) => cause(m.id, d))),
  );
  const made = makeAll(run, everyone, (c) => c);
  // A changed member's whole window.
  return since ? made + forMembers(q.rechecked.all()) : made;
}

function winBackCalls(run: Run): number {
  const { rules, tz, since, range } = run;
  const q = generatorQueries(run.db).lapses;
  const days = rules.reactivation.days;
  const from = startOfLocalDate(addDaysTo(run.oldestDue, -days), tz);
  const to = startOfLocalDate(addDaysTo(run.today, 1 - days), tz);
  // Lapses up to the last run's today were seen then; a member with a sale or void since, or
  // changed, may have another last sale now.
  const batches = since
    ? [
        () => q.everyone.all({ from: later(from, startOfLocalDate(addDaysTo(since.firstNewDay, -days), tz)), to }),
        () => q.touched.all({ from, to, after: since.purchasesAfter }),
      ]
    : [() => (range ? q.inRange.all({ from, to, ...range }) : q.everyone.all({ from, to }))];
  return makeAll(run, batches, (sale) => {
    const date = localDay(sale.occurred_at, tz).date;
    return {
      memberId: sale.member_id,
      kind: 'reactivation',
      channel: rules.reactivation.channel,
      dueDate: addDaysTo(date, days),
      sourceKey: `reactivation:${sale.member_id}:${sale.id}`,
      purchaseId: sale.id,
      detail: { lastSaleDate: date, days },
    };
  });
}

/** Complaints are few: the whole window is read every run. */
function complaintCalls(run: Run): number {
  const { rules, tz } = run;
  const since = startOfLocalDate(addDaysTo(run.oldestDue, -rules.complaint.days), tz);
  return makeAll(run, [() => generatorQueries(run.db).complaintsResolvedSince.all(since)], (c) => complaintCause(rules, c, tz));
}
