import type { DB } from '../connection';
import { perDatabase } from './prepared';

/**
 * A segment's members, by their position in the list handed in (a JSON array of ids), so the
 * caller maps each row back to its scores without a lookup. Members are read by primary key from
 * json_each, in list order: a 200,000-member segment is one statement, not 200,000.
 */
export interface SegmentMemberRow {
  pos: number;
  id: string;
  active: number;
  /** 1: already has a planned manual task due on @due */
  planned: number;
}

export interface CampaignRow {
  pos: number;
  id: string;
  name: string;
  card_no: string;
  phone: string;
  tier_name: string | null;
  active: number;
  consent_marketing: number;
}

export const segmentActionQueries = perDatabase((db: DB) => {
  // followups_member (member_id, due_date) finds a member's tasks of that day.
  const forFollowups = db.prepare<{ ids: string; due: string }, SegmentMemberRow>(
    `SELECT CAST(j.key AS INTEGER) AS pos, m.id, m.status = 'active' AS active,
            EXISTS (SELECT 1 FROM followups f WHERE f.member_id = m.id AND f.due_date = @due AND f.kind = 'manual' AND f.status = 'planned') AS planned
       FROM json_each(@ids) j CROSS JOIN members m ON m.id = j.value
      ORDER BY j.key`,
  );
  const forCampaign = db.prepare<[string], CampaignRow>(
    // No tier row is the lowest tier, named as the segment page and the follow-up queue name it.
    `SELECT CAST(j.key AS INTEGER) AS pos, m.id, m.name, m.card_no, m.phone, m.status = 'active' AS active, m.consent_marketing,
            COALESCE(t.name, (SELECT name FROM tiers WHERE retired_at IS NULL ORDER BY rank LIMIT 1)) AS tier_name
       FROM json_each(?) j CROSS JOIN members m ON m.id = j.value LEFT JOIN tiers t ON t.id = m.tier_id
      ORDER BY j.key`,
  );
  return {
    forFollowups: (ids: string[], due: string) => forFollowups.all({ ids: JSON.stringify(ids), due }),
    forCampaign: (ids: string[]) => forCampaign.all(JSON.stringify(ids)),
  };
});
