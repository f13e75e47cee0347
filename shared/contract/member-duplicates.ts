import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime } from './common';
import { DUPLICATE_BASES } from '../import/duplicates';

// 可能重复的会员 (docs/members.md "Possible duplicates"): members of the whole store who may be one
// person registered twice, by the import's rule (shared/import/duplicates.ts), each pair to merge
// with members.merge or to dismiss.

/** One of the two members as the page shows them side by side. */
export const DuplicateSide = z.object({
  id: Id,
  name: z.string(),
  /** as the member list shows it: masked (138****5678) for a clerk, who is refused here anyway */
  phone: z.string(),
  cardNo: z.string(),
  birthday: z.string().nullable(),
  createdAt: IsoTime,
  lastSaleAt: IsoTime.nullable(),
  points: z.number().int(),
  tierName: z.string(),
});
export type DuplicateSide = z.infer<typeof DuplicateSide>;

export const DuplicatePair = z.object({
  /** what the two share (the same phone or card cannot happen within one store: both are unique) */
  basis: z.enum(DUPLICATE_BASES),
  /** the earlier registration: the one a merge keeps unless the manager swaps them */
  first: DuplicateSide,
  second: DuplicateSide,
});
export type DuplicatePair = z.infer<typeof DuplicatePair>;

/** The most pairs one answer holds. */
export const DUPLICATES_PAGE_MAX = 100;

export const memberDuplicatesContract = {
  /**
   * The pairs of active, unmerged members who may be the same person: the same name (as nameKey
   * compares names) and the same birthday. A group of n such members gives n − 1 pairs, each
   * later member with the earliest one not dismissed beside it. Newest first; `offset` pages.
   * Reads every member's key once (about 0.2 s at a million members), so it runs off the
   * counter's thread.
   */
  'members.possibleDuplicates': method({
    input: z.strictObject({
      offset: z.number().int().min(0).max(1_000_000).default(0),
      limit: z.number().int().min(1).max(DUPLICATES_PAGE_MAX).default(20),
    }),
    output: z.object({ items: z.array(DuplicatePair), total: z.number().int() }),
    access: 'manager',
    write: false,
    ownThread: 'reader',
  }),
  /** "Not the same person": the pair stops showing on the page. Saying it twice changes nothing. */
  'members.dismissDuplicate': method({
    input: z.strictObject({ memberId: Id, otherId: Id }),
    output: z.object({ dismissed: z.boolean() }),
    access: 'manager',
    write: true,
  }),
};
