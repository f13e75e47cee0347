import { FEEDBACK_STATUSES, feedbackContract, type Feedback } from '../../shared/contract/feedback';
import { AppError, validationError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { feedbackQueries, type FeedbackView } from '../../db/queries/feedback/feedback';
import { memberQueries } from '../../db/queries/members/members';
import type { DomainHandlers } from '../core/handler-types';
import { callerOf } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch } from '../core/branch';
import { followupForComplaint } from '../followups/generator';
import { refuseErased } from '../members/view';

const step = (at: string | null, byName: string | null) => (at ? { at, byName } : null);

function feedbackView(row: FeedbackView): Feedback {
  return {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    contact: row.contact,
    kind: row.kind,
    category: row.category,
    severity: row.severity,
    channel: row.channel,
    description: row.description,
    status: row.status,
    resolution: row.resolution,
    created: { at: row.created_at, byName: row.created_by_name },
    started: step(row.started_at, row.started_by_name),
    resolved: step(row.resolved_at, row.resolved_by_name),
    closed: step(row.closed_at, row.closed_by_name),
  };
}

function requireFeedback(db: DB, id: string): FeedbackView {
  const row = feedbackQueries(db).byId(id);
  if (!row) throw new AppError('NOT_FOUND', 'No such feedback', { entity: 'feedback', id });
  return row;
}

export const feedbackHandlers = {
  'feedback.create': (db, ctx, input) => {
    // Deactivated members may still complain: a complaint is never refused. An erased member's
    // card takes none: its text would tie a person to the card again (record it without a member).
    const member = input.memberId ? memberQueries(db).byId(input.memberId) : null;
    if (input.memberId && !member) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    if (member) refuseErased(member);
    const id = ctx.newId();
    feedbackQueries(db).insert({
      id,
      branch_id: requireSelfBranch(db).id,
      member_id: input.memberId ?? null,
      contact: input.contact ?? null,
      kind: input.kind,
      category: input.category,
      severity: input.severity,
      channel: input.channel,
      description: input.description,
      created_at: ctx.now,
      created_by: callerOf(ctx).id,
    });
    writeAudit(ctx, {
      action: 'feedback.create',
      entity: 'feedback',
      entityId: id,
      after: { memberId: input.memberId ?? null, kind: input.kind, category: input.category, severity: input.severity },
    });
    return feedbackView(requireFeedback(db, id));
  },
  'feedback.get': (db, _ctx, input) => feedbackView(requireFeedback(db, input.id)),
  'feedback.transition': (db, ctx, input) => {
    const before = requireFeedback(db, input.id);
    const next = FEEDBACK_STATUSES[FEEDBACK_STATUSES.indexOf(before.status) + 1];
    if (input.to !== next) {
      throw new AppError('INVALID_TRANSITION', `Feedback that is ${before.status} cannot become ${input.to}`, {
        entity: 'feedback',
        from: before.status,
        to: input.to,
      });
    }
    if (input.to === 'resolved' && !input.resolution) throw validationError([{ field: 'resolution', rule: 'required' }]);
    const by = callerOf(ctx).id;
    const after = { ...before, status: input.to, updated_at: ctx.now };
    if (input.to === 'in_progress') Object.assign(after, { started_at: ctx.now, started_by: by });
    if (input.to === 'resolved') Object.assign(after, { resolved_at: ctx.now, resolved_by: by, resolution: input.resolution });
    if (input.to === 'closed') Object.assign(after, { closed_at: ctx.now, closed_by: by });
    feedbackQueries(db).update(after);
    writeAudit(ctx, {
      action: `feedback.${input.to}`,
      entity: 'feedback',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status, resolution: after.resolution },
    });
    if (input.to === 'resolved' && before.kind === 'complaint' && before.member_id) {
      followupForComplaint(db, ctx, { id: before.id, member_id: before.member_id, resolved_at: ctx.now, category: before.category });
    }
    return feedbackView(requireFeedback(db, before.id));
  },
  'feedback.list': (db, _ctx, input) => {
    const q = feedbackQueries(db);
    const filter = {
      status: input.status && input.status !== 'unfinished' ? input.status : null,
      unfinished: input.status === 'unfinished' ? (1 as const) : (0 as const),
      kind: input.kind ?? null,
      category: input.category ?? null,
      severity: input.severity ?? null,
      member: input.memberId ?? null,
    };
    const counts = { open: 0, in_progress: 0, resolved: 0, closed: 0 };
    for (const c of q.counts(filter)) counts[c.status] = c.n;
    return { items: q.list(filter, input.limit).map(feedbackView), counts };
  },
} satisfies DomainHandlers<typeof feedbackContract>;
