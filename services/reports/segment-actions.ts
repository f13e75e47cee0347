import type { RfmSegment } from '../../shared/contract/reports';
import type {
  CampaignMember,
  SegmentCampaign,
  SegmentFollowupsResult,
  segmentActionsContract,
} from '../../shared/contract/segment-actions';
import type { FollowupChannel } from '../../shared/contract/followups';
import type { DB } from '../../db/connection';
import { followupQueries, type NewFollowup } from '../../db/queries/followups/followups';
import { segmentActionQueries } from '../../db/queries/reports/segment-actions';
import { reportQueries } from '../../db/queries/reports/reports';
import { callerOf, type Ctx } from '../core/context';
import { writeAudit } from '../core/audit';
import { requireSelfBranch } from '../core/branch';
import { notInThePast } from '../followups/tasks';
import { memberIdsOf, scoreRfm, scoresAt, segmentIndices, type RfmWindow } from './rfm';
import type { DomainHandlers } from '../core/handler-types';

// Segment → action (docs/reports.md): a follow-up for every member of an RFM segment, or the
// segment's campaign list. Both score through scoreRfm, so they act on exactly the members
// reports.segmentMembers lists for the same window.

interface FollowupsInput extends RfmWindow {
  segment: RfmSegment;
  dueDate: string;
  channel: FollowupChannel;
  note?: string;
}

/**
 * One manual task per active member of the segment who agreed to marketing: a call to a segment
 * picked by its spending is marketing, whatever the note says, so members who did not agree are
 * left out and counted, as the campaign list leaves them out. A member with a planned manual task due that
 * day already is skipped: that is what makes a double-click (or the same request again) create
 * nothing, while a cancelled or finished task of that day does not stand in the way of a new one.
 * The dispatcher runs this in one immediate transaction; each task is one run of the insert the
 * follow-up service prepared once.
 */
export function segmentFollowups(db: DB, ctx: Ctx, input: FollowupsInput): SegmentFollowupsResult {
  notInThePast(db, ctx, input.dueDate);
  const s = scoreRfm(db, ctx, input);
  const ids = memberIdsOf(db, s, segmentIndices(s, input.segment));
  const rows = segmentActionQueries(db).forFollowups(ids, input.dueDate);
  const insert = followupQueries(db).insert;
  // Every task of the run says the same about why it exists: one string, shared.
  const detail = JSON.stringify({
    purpose: 'marketing',
    segment: input.segment,
    asOf: s.asOf,
    from: s.from,
    windowMonths: input.windowMonths,
  });
  const task: NewFollowup = {
    id: '',
    branch_id: requireSelfBranch(db).id,
    member_id: '',
    kind: 'manual',
    channel: input.channel,
    due_date: input.dueDate,
    assignee_id: null,
    source_key: null,
    purchase_id: null,
    feedback_id: null,
    detail_json: detail,
    note: input.note ?? null,
    created_at: ctx.now,
    created_by: callerOf(ctx).id,
  };
  const skippedBy = { planned: 0, inactive: 0, noConsent: 0 };
  let created = 0;
  for (const row of rows) {
    if (!row.active) skippedBy.inactive++;
    else if (!row.consent_marketing) skippedBy.noConsent++;
    else if (row.planned) skippedBy.planned++;
    else {
      task.id = ctx.newId();
      task.member_id = row.id;
      insert(task);
      created++;
    }
  }
  const result = {
    asOf: s.asOf,
    members: ids.length,
    created,
    skipped: skippedBy.planned + skippedBy.inactive + skippedBy.noConsent,
    skippedBy,
  };
  // One row for the run (as the generator writes one): the tasks themselves carry who and when.
  if (created > 0) {
    writeAudit(ctx, {
      action: 'reports.segmentFollowups',
      entity: 'segment',
      entityId: input.segment,
      after: { ...result, windowMonths: input.windowMonths, dueDate: input.dueDate, channel: input.channel, note: input.note ?? null },
    });
  }
  return result;
}

/**
 * The campaign list: members of the segment who agreed to marketing and are active, with what the
 * segment page shows of them; the others are only counted. Every member in one read, no pages.
 */
export function segmentCampaign(db: DB, ctx: Ctx, input: RfmWindow & { segment: RfmSegment }): SegmentCampaign {
  const s = scoreRfm(db, ctx, input);
  const members = segmentIndices(s, input.segment);
  const rows = reportQueries(db).memberCards(memberIdsOf(db, s, members));
  const items: CampaignMember[] = [];
  let excludedNoConsent = 0;
  let excludedInactive = 0;
  for (const row of rows) {
    if (!row.active) excludedInactive++;
    else if (!row.consent_marketing) excludedNoConsent++;
    else {
      const i = members[row.pos];
      items.push({
        memberId: row.id,
        name: row.name,
        cardNo: row.card_no,
        phone: row.phone,
        tierName: row.tier_name,
        ...scoresAt(s, i),
      });
    }
  }
  return { asOf: s.asOf, from: s.from, segment: input.segment, members: members.length, excludedNoConsent, excludedInactive, items };
}

export const segmentActionsHandlers = {
  'reports.segmentFollowups': (db, ctx, input) => segmentFollowups(db, ctx, input),
  'reports.segmentCampaign': (db, ctx, input) => segmentCampaign(db, ctx, input),
} satisfies DomainHandlers<typeof segmentActionsContract>;
