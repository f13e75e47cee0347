import { pointsContract, type LedgerEntry, type PointsBalance } from '../../shared/contract/points';
import { AppError } from '../../shared/errors';
import { PointsRules, expiresAt, pointsValueFen, type PointsRules as Rules } from '../../shared/points';
import type { DB } from '../../db/connection';
import { timeZone } from '../core/branch';
import { memberQueries } from '../../db/queries/members/members';
import { pointsQueries, type LedgerView, type RulesRow } from '../../db/queries/loyalty/points';
import type { Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { credit, debit, expireDueLots } from './ledger';
import { refuseErased, refuseMerged } from '../members/view';

export interface RulesInForce {
  id: string;
  rules: Rules;
  effectiveFrom: string;
}

// Keyed by the stored text, not the row id: ids are only unique within one database, and a
// process (tests with fixed ids, HQ later) may read several.
const parsedRules = new Map<string, Rules>();

function rulesOf(row: RulesRow): RulesInForce {
  let rules = parsedRules.get(row.rules_json);
  if (!rules) {
    rules = PointsRules.parse(JSON.parse(row.rules_json));
    parsedRules.set(row.rules_json, rules);
  }
  return { id: row.id, rules, effectiveFrom: row.effective_from };
}

/** The rules version in force at an instant: a later change never rewrites what earlier purchases earned. */
export function rulesAt(db: DB, instant: string): RulesInForce {
  return rulesOf(pointsQueries(db).rulesAt(instant));
}

export function entryView(row: LedgerView): LedgerEntry {
  return {
    id: row.id,
    kind: row.kind,
    points: row.points,
    shortfall: row.shortfall,
    purchaseId: row.purchase_id,
    reason: row.reason,
    detail: row.detail_json ? (JSON.parse(row.detail_json) as Record<string, unknown>) : null,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    balanceAfter: row.balance_after,
  };
}

/** A member who may earn or spend points: exists and is active. */
export function requireActiveMember(db: DB, memberId: string) {
  const member = memberQueries(db).byId(memberId);
  if (!member) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: memberId });
  if (member.erased_at) throw new AppError('MEMBER_ERASED', 'This member was erased', { id: memberId });
  if (member.status !== 'active') throw new AppError('MEMBER_INACTIVE', 'This member is deactivated', { id: memberId });
  return member;
}

export function pointsBalance(db: DB, ctx: Ctx, memberId: string): PointsBalance {
  const q = pointsQueries(db);
  // Open lots are already those not past their date at ctx.now.
  const lots = q.openLots(memberId, ctx.now);
  let available = 0;
  let locked = 0;
  const byDay = new Map<string, number>();
  for (const lot of lots) {
    if (lot.available_at <= ctx.now) available += lot.remaining;
    else locked += lot.remaining;
    if (lot.expires_at) byDay.set(lot.expires_at, (byDay.get(lot.expires_at) ?? 0) + lot.remaining);
  }
  const expiring = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, 3)
    .map(([at, points]) => ({ points, expiresAt: at }));
  return {
    memberId,
    balance: q.balance(memberId),
    available,
    locked,
    availableValueFen: pointsValueFen(rulesAt(db, ctx.now).rules, available),
    expiring,
    shortfall: q.shortfallTotal(memberId),
  };
}

/** Points given (positive adjustments, restored redemptions) follow the rules in force now. */
export function grantLot(db: DB, ctx: Ctx, rules: Rules) {
  return { availableAt: ctx.now, expiresAt: expiresAt(rules.expiry, ctx.now, timeZone(db)) };
}

/** Checks a redemption against the rules and the bill; returns its value in fen. */
export function redemptionValue(rules: Rules, points: number, billFen: number | undefined): number {
  if (points < rules.redeem.minPoints) {
    throw new AppError('VALIDATION', `At least ${rules.redeem.minPoints} points per redemption`, {
      issues: [{ field: 'points', rule: 'below_min_redeem', params: { min: rules.redeem.minPoints } }],
    });
  }
  if ((points * 100) % rules.redeem.pointsPerYuan !== 0) {
    throw new AppError('VALIDATION', 'Those points are not worth a whole number of fen', {
      issues: [{ field: 'points', rule: 'redeem_uneven', params: { pointsPerYuan: rules.redeem.pointsPerYuan } }],
    });
  }
  const value = pointsValueFen(rules, points);
  if (billFen !== undefined && value > billFen) {
    throw new AppError('VALIDATION', 'Points can pay at most the bill', {
      issues: [{ field: 'points', rule: 'redeem_exceeds_bill', params: { billFen } }],
    });
  }
  return value;
}

export const pointsHandlers = {
  'points.balance': (db, ctx, input) => {
    if (!memberQueries(db).byId(input.memberId))
      throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return pointsBalance(db, ctx, input.memberId);
  },

  'points.ledger': (db, _ctx, input) => {
    if (!memberQueries(db).byId(input.memberId))
      throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return { items: pointsQueries(db).history(input.memberId, input.limit).map(entryView) };
  },

  'points.redeem': (db, ctx, input) => {
    requireActiveMember(db, input.memberId);
    const { rules } = rulesAt(db, ctx.now);
    const valueFen = redemptionValue(rules, input.points, input.bill);
    const { ledgerId } = debit(db, ctx, {
      memberId: input.memberId,
      kind: 'redeem',
      points: input.points,
      mode: 'spend',
      reason: input.reason ?? null,
      detail: { valueFen, ...(input.bill !== undefined ? { billFen: input.bill } : {}) },
    });
    writeAudit(ctx, { action: 'points.redeem', entity: 'member', entityId: input.memberId, after: { points: input.points, valueFen } });
    return { entry: entryView(pointsQueries(db).entry(ledgerId)), valueFen, balance: pointsBalance(db, ctx, input.memberId) };
  },

  'points.adjust': (db, ctx, input) => {
    const member = memberQueries(db).byId(input.memberId);
    if (!member) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    refuseErased(member);
    // A merged duplicate's ledger sums to 0 for good: its points live with the member it names.
    refuseMerged(db, member);
    const { rules } = rulesAt(db, ctx.now);
    const ledgerId =
      input.points > 0
        ? credit(db, ctx, {
            memberId: input.memberId,
            kind: 'adjust',
            points: input.points,
            reason: input.reason,
            ...grantLot(db, ctx, rules),
          })
        : debit(db, ctx, { memberId: input.memberId, kind: 'adjust', points: -input.points, mode: 'spend', reason: input.reason }).ledgerId;
    writeAudit(ctx, {
      action: 'points.adjust',
      entity: 'member',
      entityId: input.memberId,
      after: { points: input.points, reason: input.reason },
    });
    return { entry: entryView(pointsQueries(db).entry(ledgerId)), balance: pointsBalance(db, ctx, input.memberId) };
  },

  'points.expire': (db, ctx) => expireAll(db, ctx),

  'points.rules': (db, ctx) => {
    const q = pointsQueries(db);
    const view = (r: RulesInForce & { createdAt: string }) => ({
      id: r.id,
      effectiveFrom: r.effectiveFrom,
      rules: r.rules,
      createdAt: r.createdAt,
    });
    const current = q.rulesAt(ctx.now);
    return {
      current: view({ ...rulesOf(current), createdAt: current.created_at }),
      scheduled: q.rulesAfter(ctx.now).map((r) => view({ ...rulesOf(r), createdAt: r.created_at })),
    };
  },

  'points.setRules': (db, ctx, input) => {
    const parsed = input.effectiveFrom === undefined ? Date.parse(ctx.now) : Date.parse(input.effectiveFrom);
    if (Number.isNaN(parsed))
      throw new AppError('VALIDATION', 'Not a date and time', { issues: [{ field: 'effectiveFrom', rule: 'invalid_date' }] });
    const effectiveFrom = new Date(parsed).toISOString();
    if (effectiveFrom < ctx.now) {
      throw new AppError('VALIDATION', 'Rules can only change from now on', { issues: [{ field: 'effectiveFrom', rule: 'in_the_past' }] });
    }
    const row = {
      id: ctx.newId(),
      effective_from: effectiveFrom,
      rules_json: JSON.stringify(input.rules),
      created_at: ctx.now,
      created_by: ctx.caller?.id ?? null,
    };
    pointsQueries(db).insertRules(row);
    writeAudit(ctx, { action: 'points.setRules', entity: 'points_rules', entityId: row.id, after: { effectiveFrom, rules: input.rules } });
    return { id: row.id, effectiveFrom, rules: input.rules, createdAt: ctx.now };
  },

  'points.shortfalls': (db, _ctx, input) => {
    const q = pointsQueries(db);
    return {
      items: q
        .shortfalls(input.limit)
        .map((r) => ({ entry: entryView(r), memberId: r.member_id, memberName: r.member_name, cardNo: r.card_no })),
      totalPoints: q.shortfallBranchTotal(),
    };
  },
} satisfies DomainHandlers<typeof pointsContract>;

/** Expires every lot past its date, one ledger entry per member. Running it again finds nothing. */
export function expireAll(db: DB, ctx: Ctx): { lots: number; points: number; members: number } {
  const result = expireDueLots(db, ctx);
  if (result.points > 0) writeAudit(ctx, { action: 'points.expire', after: result });
  return result;
}
