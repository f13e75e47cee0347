import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/**
 * A segment's members, in the order of the list handed in (a JSON array of ids), read by primary
 * key from json_each: a 200,000-member segment is one statement, not 200,000. (The campaign list
 * reads reportQueries().memberCards the same way.)
 */
export interface SegmentMemberRow {
  pos: number;
  id: string;
  active: number;
  /** 1: agreed to marketing */
  consent_marketing: number;
  /** 1: already has a planned manual task due on @due */
  planned: number;
}

export const segmentActionQueries = perDatabase((db: DB) => {
  // followups_member (member_id, due_date) finds a member's tasks of that day.
  const forFollowups = db.prepare<{ ids: string; due: string }, SegmentMemberRow>(
    `SELECT CAST(j.key AS INTEGER) AS pos, m.id, m.status = 'active' AS active, m.consent_marketing AS consent_marketing,
            EXISTS (SELECT 1 FROM followups f WHERE f.member_id = m.id AND f.due_date = @due AND f.kind = 'manual' AND f.status = 'planned') AS planned
       FROM json_each(@ids) j CROSS JOIN members m ON m.id = j.value
      ORDER BY j.key`,
  );
  return {
    forFollowups: (ids: string[], due: string) => forFollowups.all({ ids: JSON.stringify(ids), due }),
  };
});
