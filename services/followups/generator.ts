import type { FollowupKind, FollowupRules, GenerateResult } from '../../shared/contract/followups';
import { addDaysTo, birthdaysOn, localDay, startOfLocalDate } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { followupQueries, generatorQueries, type NewFollowup } from '../../db/queries/followups/followups';
import type { Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch, timeZone } from '../core/branch';
import { followupRules } from './settings';

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

/**
 * Every rule, set-based over what could need a task now; the unique source key makes a second
 * run (or a run after a rule change) create nothing twice.
 */
export function generateFollowups(db: DB, ctx: Ctx): GenerateResult {
  const rules = followupRules(db);
  const tz = timeZone(db);
  const q = generatorQueries(db);
  const today = localDay(ctx.now, tz).date;
  const oldestDue = addDaysTo(today, -LOOKBACK_DAYS);
  const made = { postPurchase: 0, birthday: 0, reactivation: 0, complaint: 0 };

  if (rules.postPurchase.enabled) {
    const since = startOfLocalDate(addDaysTo(oldestDue, -rules.postPurchase.days), tz);
    for (const sale of q.salesSince.all(since, rules.postPurchase.minAmountFen)) {
      if (makeTask(db, ctx, saleCause(rules, sale, tz))) made.postPurchase++;
    }
  }

  if (rules.birthday.enabled) {
    for (let due = oldestDue; due <= addDaysTo(today, BIRTHDAY_HORIZON_DAYS); due = addDaysTo(due, 1)) {
      for (const offset of BIRTHDAY_OFFSETS) {
        const birthday = addDaysTo(due, -offset);
        const year = birthday.slice(0, 4);
        for (const md of birthdaysOn(birthday)) {
          for (const m of q.birthdaysOn.all(md, `:${year}:${offset}`)) {
            const cause: Cause = {
              memberId: m.id,
              kind: 'birthday',
              channel: rules.birthday.channel,
              dueDate: due,
              sourceKey: `birthday:${m.id}:${year}:${offset}`,
              detail: { birthday, offset },
            };
            if (makeTask(db, ctx, cause)) made.birthday++;
          }
        }
      }
    }
  }

  if (rules.reactivation.enabled) {
    const days = rules.reactivation.days;
    const from = startOfLocalDate(addDaysTo(oldestDue, -days), tz);
    const to = startOfLocalDate(addDaysTo(today, 1 - days), tz);
    for (const sale of q.lastSalesBetween.all(from, to)) {
      const date = localDay(sale.occurred_at, tz).date;
      const cause: Cause = {
        memberId: sale.member_id,
        kind: 'reactivation',
        channel: rules.reactivation.channel,
        dueDate: addDaysTo(date, days),
        sourceKey: `reactivation:${sale.member_id}:${sale.id}`,
        purchaseId: sale.id,
        detail: { lastSaleDate: date, days },
      };
      if (makeTask(db, ctx, cause)) made.reactivation++;
    }
  }

  if (rules.complaint.enabled) {
    const since = startOfLocalDate(addDaysTo(oldestDue, -rules.complaint.days), tz);
    for (const c of q.complaintsResolvedSince.all(since)) {
      if (makeTask(db, ctx, complaintCause(rules, c, tz))) made.complaint++;
    }
  }

  return { ...made, total: made.postPurchase + made.birthday + made.reactivation + made.complaint };
}
