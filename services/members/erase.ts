import type { memberErasureContract } from '../../shared/contract/member-erasure';
import { AppError } from '../../shared/errors';
import { erasureQueries } from '../../db/queries/members/erasure';
import { memberQueries } from '../../db/queries/members/members';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { requireKind } from '../hq/chain';
import { eraseMemberRows } from './erase-rows';
import { appendToErasureList } from './erasure-list';
import { loadMember } from './view';

// 删除会员（个人信息）: an admin erases a member at the member's request (docs/privacy.md).

export const memberErasureHandlers = {
  'members.erase': (db, ctx, input) => {
    // HQ holds the branches' cards as they sent them: a card is erased at its branch, and at HQ by its tombstone.
    requireKind(db, 'branch');
    const member = memberQueries(db).byId(input.id);
    if (!member) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.id });
    if (member.erased_at) throw new AppError('MEMBER_ERASED', 'This member was erased already', { id: member.id });
    // A merged card is the same person as the card it went into: erase that one, which takes this one along.
    if (member.merged_into)
      throw new AppError('CONFLICT', 'This member was merged into another; erase that member', { reason: 'already_merged', id: member.id });
    const by = callerOf(ctx).id;
    const erased = eraseMemberRows(db, { memberId: member.id, at: ctx.now, by, audit: (e) => writeAudit(ctx, e) }, input.reason);
    // Last, inside the transaction: a list line for an erasure whose commit then failed would only erase again what the admin asked to erase.
    const q = erasureQueries(db);
    appendToErasureList(
      db.name,
      erased.memberIds.map((id) => q.byMember(id)).filter((r) => r !== null),
    );
    return { member: loadMember(db, member.id), erasedMembers: erased.memberIds.length, redactedAuditRows: erased.redactedAuditRows };
  },
} satisfies DomainHandlers<typeof memberErasureContract>;
