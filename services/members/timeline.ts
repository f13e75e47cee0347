import { timelineContract } from '../../shared/contract/timeline';
import { AppError } from '../../shared/errors';
import { memberQueries } from '../../db/queries/members/members';
import { timelineQueries } from '../../db/queries/members/timeline';
import type { DomainHandlers } from '../core/handler-types';

export const timelineHandlers = {
  'members.timeline': (db, _ctx, input) => {
    if (!memberQueries(db).byId(input.memberId))
      throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return {
      items: timelineQueries(db)
        .ofMember(input.memberId, input.limit)
        .map((r) => ({
          id: r.id,
          at: r.at,
          type: r.type,
          amountFen: r.amount_fen,
          points: r.points,
          kind: r.kind,
          status: r.status,
          text: r.text,
          byName: r.by_name,
        })),
    };
  },
} satisfies DomainHandlers<typeof timelineContract>;
