import { followupsContract, type Followup } from '../../shared/contract/followups';
import { AppError, validationError } from '../../shared/errors';
import { formatYuan } from '../../shared/money';
import { birthdayGreeting, renderScript } from '../../shared/followup-script';
import { addDaysTo, localDay, startOfLocalDate } from '../../shared/local-date';
import type { DB } from '../../db/connection';
import { followupQueries, type FollowupRow, type FollowupView, type QueueFilter } from '../../db/queries/followups/followups';
import { staffQueries } from '../../db/queries/staff/staff';
import type { DomainHandlers } from '../core/handler-types';
import { callerOf, type Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch, storeToday, timeZone } from '../core/branch';
import { requireKind } from '../hq/chain';
import { pointsBalance, requireActiveMember } from '../loyalty/points';
import { memberQueries } from '../../db/queries/members/members';
import { purchaseQueries } from '../../db/queries/loyalty/purchases';
import { currentTier, tierConfig } from '../loyalty/tiers';
import { generateFollowups } from './generator';
import { afterRulesSaved, wholeWindowJob } from './generator-job';
import { followupScripts, followupSettings, saveFollowupSettings } from './settings';

const UPCOMING_DAYS = 7;

export function followupView(row: FollowupView): Followup {
  return {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    cardNo: row.card_no,
    phone: row.phone,
    tierName: row.tier_name,
    kind: row.kind,
    channel: row.channel,
    dueDate: row.due_date,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    status: row.status,
    detail: row.detail_json ? (JSON.parse(row.detail_json) as Followup['detail']) : {},
    note: row.note,
    outcome: row.outcome,
    satisfaction: row.satisfaction,
    nps: row.nps,
    attempts: row.attempts,
    completedAt: row.completed_at,
    completedByName: row.completed_by_name,
    createdAt: row.created_at,
    lastPurchase: row.last_sale_at !== null && row.last_sale_fen !== null ? { at: row.last_sale_at, amountFen: row.last_sale_fen } : null,
  };
}

/**
 * The follow-up reads answer at a branch: HQ makes no follow-ups and keeps no queue, dropping the
 * indexes it is read by (db/hq-layout.ts), so the statements could not even be prepared there.
 * The writes are refused at HQ by the dispatcher.
 */
function branchOnly(db: DB): DB {
  requireKind(db, 'branch');
  return db;
}

function requireFollowup(db: DB, id: string): FollowupView {
  const row = followupQueries(db).byId(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such follow-up', { entity: 'followup', id });
  return row;
}

function requireStaff(db: DB, id: string | null | undefined): string | null {
  if (!id) return null;
  const staff = staffQueries(db).byId(id);
  if (!staff || !staff.active) throw validationError([{ field: 'assigneeId', rule: 'invalid_choice' }]);
  return staff.id;
}

/** Moves a task on, if its status allows; the audit row (named by the method) keeps before and after. */
function change(
  db: DB,
  ctx: Ctx,
  action: string,
  id: string,
  allowedFrom: FollowupRow['status'][],
  next: FollowupRow['status'] | 'unchanged',
  edit: (row: FollowupRow) => FollowupRow,
): Followup {
  const before = requireFollowup(db, id);
  const to = next === 'unchanged' ? before.status : next;
  if (!allowedFrom.includes(before.status)) {
    throw new AppError('INVALID_TRANSITION', `A ${before.status} follow-up cannot become ${to}`, {
      entity: 'followup',
      from: before.status,
      to,
    });
  }
  const after = edit({ ...before, status: to, updated_at: ctx.now });
  followupQueries(db).update(after);
  writeAudit(ctx, {
    action,
    entity: 'followup',
    entityId: id,
    before: { status: before.status, dueDate: before.due_date, assigneeId: before.assignee_id },
    after: {
      status: after.status,
      dueDate: after.due_date,
      assigneeId: after.assignee_id,
      outcome: after.outcome,
      satisfaction: after.satisfaction,
      nps: after.nps,
    },
  });
  return followupView(requireFollowup(db, id));
}

/** A due date before today in the branch's zone is refused (rule in_the_past). */
export function notInThePast(db: DB, ctx: Ctx, dueDate: string): void {
  if (dueDate < storeToday(db, ctx.now)) throw validationError([{ field: 'dueDate', rule: 'in_the_past' }]);
}

const appendNote = (note: string | null, more: string | undefined) => (more ? (note ? `${note}\n${more}` : more) : note);

export const followupsHandlers = {
  'followups.create': (db, ctx, input) => {
    const member = requireActiveMember(db, input.memberId);
    notInThePast(db, ctx, input.dueDate);
    const id = ctx.newId();
    followupQueries(db).insert({
      id,
      branch_id: requireSelfBranch(db).id,
      member_id: member.id,
      kind: input.kind,
      channel: input.channel,
      due_date: input.dueDate,
      assignee_id: requireStaff(db, input.assigneeId),
      source_key: null,
      purchase_id: null,
      feedback_id: null,
      detail_json: null,
      note: input.note ?? null,
      created_at: ctx.now,
      created_by: callerOf(ctx).id,
    });
    writeAudit(ctx, {
      action: 'followups.create',
      entity: 'followup',
      entityId: id,
      after: { memberId: member.id, kind: input.kind, dueDate: input.dueDate },
    });
    return followupView(requireFollowup(db, id));
  },
  'followups.get': (db, _ctx, input) => followupView(requireFollowup(branchOnly(db), input.id)),
  'followups.list': (db, _ctx, input) => ({
    items: followupQueries(branchOnly(db)).ofMember(input.memberId, input.limit).map(followupView),
  }),
  'followups.today': (db, ctx, input) => {
    const q = followupQueries(branchOnly(db));
    const day = storeToday(db, ctx.now);
    const filter: QueueFilter = {
      anyone: input.assigneeId === undefined ? 1 : 0,
      assignee: input.assigneeId ?? null,
      kind: input.kind ?? null,
    };
    const section = (status: string, from: string, to: string) => {
      const s = q.section(status, from, to, filter, input.limit);
      return { items: s.items.map(followupView), total: s.total };
    };
    return {
      today: day,
      overdue: section('planned', '0000-00-00', addDaysTo(day, -1)),
      dueToday: section('planned', day, day),
      missed: section('missed', '0000-00-00', '9999-99-99'),
      upcoming: section('planned', addDaysTo(day, 1), addDaysTo(day, UPCOMING_DAYS)),
      doneToday: q.doneSince(startOfLocalDate(day, timeZone(db)), filter),
    };
  },
  'followups.complete': (db, ctx, input) =>
    change(db, ctx, 'followups.complete', input.id, ['planned', 'missed'], 'done', (row) => ({
      ...row,
      outcome: input.outcome,
      satisfaction: input.satisfaction ?? null,
      nps: input.nps ?? null,
      attempts: row.attempts + 1,
      completed_at: ctx.now,
      completed_by: callerOf(ctx).id,
    })),
  'followups.miss': (db, ctx, input) =>
    change(db, ctx, 'followups.miss', input.id, ['planned'], 'missed', (row) => ({
      ...row,
      attempts: row.attempts + 1,
      note: appendNote(row.note, input.note),
    })),
  'followups.reschedule': (db, ctx, input) => {
    notInThePast(db, ctx, input.dueDate);
    return change(db, ctx, 'followups.reschedule', input.id, ['planned', 'missed'], 'planned', (row) => ({
      ...row,
      due_date: input.dueDate,
      note: appendNote(row.note, input.note),
    }));
  },
  'followups.cancel': (db, ctx, input) =>
    change(db, ctx, 'followups.cancel', input.id, ['planned', 'missed'], 'cancelled', (row) => ({
      ...row,
      note: appendNote(row.note, input.note),
    })),
  'followups.assign': (db, ctx, input) => {
    const assignee = requireStaff(db, input.assigneeId);
    return change(db, ctx, 'followups.assign', input.id, ['planned', 'missed'], 'unchanged', (row) => ({ ...row, assignee_id: assignee }));
  },
  'followups.script': (db, ctx, input) => {
    const task = requireFollowup(branchOnly(db), input.id);
    const member = memberQueries(db).byId(task.member_id)!;
    const branch = requireSelfBranch(db);
    const tier = currentTier(db, tierConfig(db), member.id);
    const balance = pointsBalance(db, ctx, member.id);
    const tz = timeZone(db);
    const soonest = balance.expiring[0];
    // Dates as the screen writes them (2026/11/28). A value the member does not have is null:
    // renderScript leaves out the sentence that needs it, never a dash in text sent to a customer.
    const written = (date: string) => date.replace(/-/g, '/');
    const date = (iso: string | null) => (iso ? written(localDay(iso, tz).date) : null);
    // A callback thanks the member for the sale it was made for, not for whatever came after.
    const sale = task.purchase_id ? purchaseQueries(db).byId(task.purchase_id) : null;
    const saleAt = sale ? sale.occurred_at : task.last_sale_at;
    const saleFen = sale ? sale.amount_fen : task.last_sale_fen;
    // the birthday this task was made for (the generator's detail), greeted as of the day of the call
    const birthdayOfTask = task.kind === 'birthday' ? followupView(task).detail.birthday : undefined;
    const text = renderScript(followupScripts(db)[task.kind], {
      name: member.name,
      store: branch.name,
      staff: ctx.caller?.name ?? null,
      tier: tier.name,
      benefits: tier.benefits?.trim() || null,
      points: String(balance.balance),
      expiringPoints: soonest ? String(soonest.points) : null,
      // a lot expires at the start of a day: the last day to use it is the day before
      expiringDate: soonest ? written(addDaysTo(localDay(soonest.expiresAt, tz).date, -1)) : null,
      birthday: member.birthday ? written(member.birthday.slice(5)) : null,
      birthdayGreeting: typeof birthdayOfTask === 'string' ? birthdayGreeting(birthdayOfTask, localDay(ctx.now, tz).date) : null,
      lastPurchaseDate: date(saleAt),
      lastPurchaseAmount: saleFen !== null ? formatYuan(saleFen) : null,
    });
    return { text };
  },
  // A run that must read the whole window is a background job (seconds at a million members):
  // the answer names it, its result has the counts. The run that reads only what changed is inline.
  'followups.generate': (db, ctx) => {
    const job = wholeWindowJob(db, ctx);
    if (job) {
      if (job.queued)
        writeAudit(ctx, { action: 'followups.generate', entity: 'job', entityId: job.id, after: { superseded: job.superseded } });
      return { postPurchase: 0, birthday: 0, reactivation: 0, complaint: 0, total: 0, jobId: job.id };
    }
    const result = generateFollowups(db, ctx);
    if (result.total > 0) writeAudit(ctx, { action: 'followups.generate', after: result });
    return result;
  },
  'followups.settings': (db) => followupSettings(db),
  'followups.saveSettings': (db, ctx, input) => {
    const before = followupSettings(db);
    saveFollowupSettings(db, input);
    const jobs = afterRulesSaved(db, ctx) ?? {};
    writeAudit(ctx, { action: 'followups.saveSettings', before, after: { ...input, ...jobs } });
    return followupSettings(db);
  },
} satisfies DomainHandlers<typeof followupsContract>;
