import {
  MEMBER_EXPORT_FORMAT,
  MEMBER_EXPORT_VERSION,
  memberExportContract,
  type MemberDataExport,
} from '../../shared/contract/member-export';
import type { DB } from '../../db/connection';
import { consentQueries } from '../../db/queries/privacy/consent';
import { memberExportQueries } from '../../db/queries/privacy/member-export';
import { memberQueries } from '../../db/queries/members/members';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireSelfBranch } from '../core/branch';
import { loadMember, refuseErased, survivorOf } from '../members/view';
import { auditRefs } from '../core/audit-refs';
import { consentOf, noticeOf } from './consent';

function parsed(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

function mergesOf(db: DB, memberId: string) {
  const absorbed = memberExportQueries(db)
    .absorbed(memberId)
    .map((r) => ({ direction: 'absorbed' as const, memberId: r.id, cardNo: r.card_no, name: r.name, at: r.merged_at }));
  const self = memberQueries(db).byId(memberId);
  if (!self?.merged_into) return absorbed;
  const into = survivorOf(db, self.merged_into);
  return [...absorbed, { direction: 'mergedInto' as const, memberId: into.id, cardNo: into.cardNo, name: into.name, at: self.merged_at }];
}

export const memberExportHandlers = {
  'members.exportData': (db, ctx, input) => {
    // An erased member's file would hold placeholders only: nothing personal is left to give.
    const raw = memberQueries(db).byId(input.memberId);
    if (raw) refuseErased(raw);
    const member = loadMember(db, input.memberId);
    const q = memberExportQueries(db);
    const branch = requireSelfBranch(db);
    const id = member.id;
    const tier = q.tier(id);
    const auditRows = q.audit(id);
    // Read before the export's own audit row is written: the file shows what was held when asked.
    const answer: MemberDataExport = {
      format: MEMBER_EXPORT_FORMAT,
      formatVersion: MEMBER_EXPORT_VERSION,
      generatedAt: ctx.now,
      generatedByName: callerOf(ctx).name,
      store: { code: branch.code, name: branch.name },
      member,
      consents: consentQueries(db).ofMember(id).map(consentOf),
      notices: consentQueries(db).noticesOfMember(id).map(noticeOf),
      points: {
        balance: memberQueries(db).byId(id)?.points_balance ?? 0,
        ledger: q.ledger(id).map((r) => ({
          id: r.id,
          kind: r.kind,
          points: r.points,
          shortfall: r.shortfall,
          purchaseId: r.purchase_id,
          reason: r.reason,
          at: r.created_at,
          byName: r.by_name,
        })),
        lots: q.lots(id).map((r) => ({
          id: r.id,
          points: r.points,
          remaining: r.remaining,
          earnedAt: r.earned_at,
          availableAt: r.available_at,
          expiresAt: r.expires_at,
          expiredPoints: r.expired_points,
        })),
      },
      tier: tier ? { name: tier.name, since: tier.since, reviewAt: tier.review_at } : null,
      purchases: q.purchases(id).map((r) => ({
        id: r.id,
        kind: r.kind,
        originalId: r.original_id,
        receiptNo: r.receipt_no,
        amountFen: r.amount_fen,
        redeemedPoints: r.redeemed_points,
        redeemedFen: r.redeemed_fen,
        paidFen: r.paid_fen,
        category: r.category,
        note: r.note,
        occurredAt: r.occurred_at,
        byName: r.by_name,
      })),
      followups: q.followups(id).map((r) => ({
        id: r.id,
        kind: r.kind,
        channel: r.channel,
        dueDate: r.due_date,
        status: r.status,
        note: r.note,
        outcome: r.outcome,
        satisfaction: r.satisfaction,
        nps: r.nps,
        assigneeName: r.assignee_name,
        createdAt: r.created_at,
        completedAt: r.completed_at,
      })),
      feedback: q.feedback(id).map((r) => ({
        id: r.id,
        kind: r.kind,
        category: r.category,
        severity: r.severity,
        channel: r.channel,
        description: r.description,
        status: r.status,
        resolution: r.resolution,
        createdAt: r.created_at,
        resolvedAt: r.resolved_at,
        closedAt: r.closed_at,
      })),
      merges: mergesOf(db, id),
      audit: auditRows.map((r) => ({
        id: r.id,
        at: r.at,
        staffName: r.staff_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: parsed(r.before_json),
        after: parsed(r.after_json),
      })),
      auditRefs: auditRefs(db, auditRows),
    };
    // Who exported whose data, and how much: the row itself holds none of it.
    writeAudit(ctx, {
      action: 'members.exportData',
      entity: 'member',
      entityId: id,
      after: { purchases: answer.purchases.length, auditRows: answer.audit.length },
    });
    return answer;
  },
} satisfies DomainHandlers<typeof memberExportContract>;
