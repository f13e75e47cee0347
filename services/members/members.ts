import { membersContract } from '../../shared/contract/members';
import { FOLLOWUP_KINDS } from '../../shared/contract/followups';
import { AppError } from '../../shared/errors';
import { namePinyin } from '../../shared/pinyin';
import { phoneTailKey } from '../../shared/phone';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { memberQueries, type MemberRow } from '../../db/queries/members/members';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { cancelOpenFollowups, MARKETING_KINDS } from '../followups/generator';
import { writeAudit } from '../core/audit';
import { requireSelfBranch } from '../core/branch';
import { searchMembers } from './search';
import { auditable, loadMember, refuseErased, refuseMerged } from './view';
import { memberMergeHandlers } from './merge';
import { newMemberRow } from './new-member';
import { recordConsent, refuseStaleNotice } from '../privacy/consent';

function refuseDuplicatePhone(db: DB, phone: string, selfId: string | null): void {
  const existing = memberQueries(db).byPhone(phone);
  if (existing && existing.id !== selfId) {
    throw new AppError('CONFLICT', `Phone already belongs to member ${existing.card_no}`, {
      field: 'phone',
      existing: { id: existing.id, name: existing.name, cardNo: existing.card_no },
    });
  }
}

export const membersHandlers = {
  'members.create': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const branch = requireSelfBranch(db);
    refuseDuplicatePhone(db, input.phone, null);
    refuseStaleNotice(db, input.noticeVersion);
    const row = newMemberRow({
      id: ctx.newId(),
      branch,
      cardSeq: branchQueries(db).nextNumber('card_no'),
      name: input.name,
      phone: input.phone,
      gender: input.gender,
      birthday: input.birthday ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      notes: input.notes ?? null,
      consentMarketing: input.consentMarketing,
      status: 'active',
      at: ctx.now,
      by: caller.id,
    });
    const q = memberQueries(db);
    q.insert(row);
    const tags = [...new Set(input.tags)];
    q.setTags(row.id, tags);
    recordConsent(db, ctx, row.id, 'data', true, 'registration');
    if (input.consentMarketing) recordConsent(db, ctx, row.id, 'marketing', true, 'registration');
    writeAudit(ctx, { action: 'members.create', entity: 'member', entityId: row.id, after: auditable(row, tags) });
    return loadMember(db, row.id);
  },

  'members.get': (db, _ctx, input) => loadMember(db, input.id),

  'members.update': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const q = memberQueries(db);
    const before = q.byId(input.id);
    if (!before) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.id });
    refuseErased(before);
    refuseMerged(db, before);
    if (input.version !== undefined && input.version !== before.version) {
      throw new AppError('CONFLICT', 'Someone else changed this member meanwhile; reload and try again', {
        reason: 'stale',
        currentVersion: before.version,
      });
    }
    if (input.phone !== undefined) refuseDuplicatePhone(db, input.phone, before.id);
    const name = input.name ?? before.name;
    const py = name === before.name ? { initials: before.py_initials, full: before.py_full } : namePinyin(name);
    const phone = input.phone ?? before.phone;
    const marketing = input.consentMarketing === undefined ? before.consent_marketing : input.consentMarketing ? 1 : 0;
    const marketingChanged = marketing !== before.consent_marketing;
    const after: MemberRow = {
      ...before,
      name,
      py_initials: py.initials,
      py_full: py.full,
      phone,
      phone_rev: phoneTailKey(phone),
      gender: input.gender ?? before.gender,
      birthday: input.birthday === undefined ? before.birthday : input.birthday,
      email: input.email === undefined ? before.email : input.email,
      address: input.address === undefined ? before.address : input.address,
      notes: input.notes === undefined ? before.notes : input.notes,
      consent_marketing: marketing,
      consent_marketing_at: marketingChanged ? ctx.now : before.consent_marketing_at,
      consent_marketing_by: marketingChanged ? caller.id : before.consent_marketing_by,
      updated_at: ctx.now,
      updated_by: caller.id,
      version: before.version + 1,
    };
    const tagsBefore = q.tags(before.id);
    q.update(after);
    const tagsAfter = input.tags === undefined ? tagsBefore : [...new Set(input.tags)].sort();
    if (input.tags !== undefined) q.setTags(before.id, tagsAfter);
    if (marketingChanged) recordConsent(db, ctx, before.id, 'marketing', marketing === 1, 'counter');
    writeAudit(ctx, {
      action: 'members.update',
      entity: 'member',
      entityId: before.id,
      ...changedFields(auditable(before, tagsBefore), auditable(after, tagsAfter)),
    });
    if (before.consent_marketing === 1 && marketing === 0)
      cancelOpenFollowups(db, ctx, before.id, MARKETING_KINDS, { reason: 'marketing_withdrawn' });
    return loadMember(db, before.id);
  },

  'members.setStatus': (db, ctx, input) => {
    const q = memberQueries(db);
    const before = q.byId(input.id);
    if (!before) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.id });
    refuseErased(before);
    refuseMerged(db, before);
    if (before.status !== input.status) {
      q.update({ ...before, status: input.status, updated_at: ctx.now, updated_by: callerOf(ctx).id });
      writeAudit(ctx, {
        action: 'members.setStatus',
        entity: 'member',
        entityId: before.id,
        before: { status: before.status },
        after: { status: input.status, reason: input.reason ?? null },
      });
      if (input.status === 'inactive') cancelOpenFollowups(db, ctx, before.id, FOLLOWUP_KINDS, { reason: 'member_deactivated' });
    }
    return loadMember(db, before.id);
  },

  'members.search': (db, ctx, input) => searchMembers(db, callerOf(ctx).role, input.q, input.limit),

  ...memberMergeHandlers,
} satisfies DomainHandlers<typeof membersContract>;

/** Before/after of just the fields an edit changed. */
function changedFields<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updated_at' || key === 'version') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
