import { consentContract, type ConsentEntry, type PrivacyNotice } from '../../shared/contract/consent';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { consentQueries, type ConsentChannel, type ConsentKind, type ConsentView, type NoticeRow } from '../../db/queries/privacy/consent';
import { memberQueries } from '../../db/queries/members/members';
import { callerOf, type Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { cancelOpenFollowups, MARKETING_KINDS } from '../followups/generator';
import { loadMember, refuseErased, refuseMerged } from '../members/view';

export function noticeOf(row: NoticeRow): PrivacyNotice {
  return {
    version: row.version,
    text: row.text,
    textEn: row.text_en,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    // Only setup's version has no author: staff save every other one.
    shipped: row.created_by === null,
  };
}

export function consentOf(row: ConsentView): ConsentEntry {
  return {
    id: row.id,
    kind: row.kind,
    granted: row.granted === 1,
    noticeVersion: row.notice_version,
    at: row.at,
    byName: row.by_name,
    channel: row.channel,
  };
}

export function currentNotice(db: DB): NoticeRow {
  const notice = consentQueries(db).currentNotice();
  // Migration 0020 writes version 1 and nothing deletes one.
  if (!notice) throw new Error('privacy_notices is empty');
  return notice;
}

/**
 * Refuses a registration made on a notice that has changed since the form showed it: the member
 * consented to the text they saw, and only that version may be recorded.
 */
export function refuseStaleNotice(db: DB, shown: number | undefined): void {
  if (shown === undefined) return;
  const current = currentNotice(db).version;
  if (shown !== current)
    throw new AppError('CONFLICT', 'The privacy notice changed since the form showed it; show the member the new one', {
      reason: 'notice_changed',
      currentVersion: current,
    });
}

/** One consent given or withdrawn, recorded under the notice in force now (members.consent_* hold the current state). */
export function recordConsent(db: DB, ctx: Ctx, memberId: string, kind: ConsentKind, granted: boolean, channel: ConsentChannel): void {
  consentQueries(db).insertConsent({
    id: ctx.newId(),
    member_id: memberId,
    kind,
    granted: granted ? 1 : 0,
    notice_version: currentNotice(db).version,
    at: ctx.now,
    by_staff: callerOf(ctx).id,
    channel,
  });
}

export const consentHandlers = {
  'privacy.notice': (db) => noticeOf(currentNotice(db)),

  'privacy.notices': (db) => ({ items: consentQueries(db).notices().map(noticeOf) }),

  'privacy.saveNotice': (db, ctx, input) => {
    const q = consentQueries(db);
    const before = currentNotice(db);
    // Without an English text, the current one stays with the same Chinese text (nothing changes)
    // and is dropped with a new one: it translated the text being replaced.
    const textEn = input.textEn === undefined ? (input.text === before.text ? before.text_en : null) : input.textEn || null;
    if (before.text === input.text && before.text_en === textEn) return { notice: noticeOf(before), created: false };
    const version = before.version + 1;
    q.insertNotice({ version, text: input.text, textEn, at: ctx.now, by: callerOf(ctx).id });
    writeAudit(ctx, {
      action: 'privacy.saveNotice',
      entity: 'privacy_notice',
      entityId: String(version),
      // The text it replaces too, so the trail shows what the edit changed.
      before: { version: before.version, text: before.text, text_en: before.text_en },
      after: { version, text: input.text, text_en: textEn },
    });
    return { notice: noticeOf(currentNotice(db)), created: true };
  },

  'members.consents': (db, _ctx, input) => {
    if (!memberQueries(db).byId(input.memberId))
      throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return { items: consentQueries(db).ofMember(input.memberId).map(consentOf) };
  },

  'members.setMarketingConsent': (db, ctx, input) => {
    const q = memberQueries(db);
    const before = q.byId(input.memberId);
    if (!before) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    refuseErased(before);
    refuseMerged(db, before);
    const granted = input.granted ? 1 : 0;
    if (before.consent_marketing === granted) return loadMember(db, before.id);
    const caller = callerOf(ctx);
    q.update({
      ...before,
      consent_marketing: granted,
      consent_marketing_at: ctx.now,
      consent_marketing_by: caller.id,
      updated_at: ctx.now,
      updated_by: caller.id,
    });
    recordConsent(db, ctx, before.id, 'marketing', input.granted, 'counter');
    writeAudit(ctx, {
      action: 'members.setMarketingConsent',
      entity: 'member',
      entityId: before.id,
      before: { consent_marketing: before.consent_marketing },
      after: { consent_marketing: granted, notice_version: currentNotice(db).version },
    });
    if (!input.granted) cancelOpenFollowups(db, ctx, before.id, MARKETING_KINDS, { reason: 'marketing_withdrawn' });
    return loadMember(db, before.id);
  },
} satisfies DomainHandlers<typeof consentContract>;
