import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { notVoided } from '../loyalty/purchases';

// What the follow-up generator reads (services/followups/generator.ts): the candidates of each
// rule, less those whose task already exists (the unique source key still guards the insert).
// Each rule reads either every member's candidates (a first run, or one after a rule change), or
// those of the members whose ids fall in a range (a slice of the whole-window job, which reads
// only that range: the primary key's index from `@after` to `@upTo`), or only what can have
// changed since the last run: sales recorded after a row number, and the members in
// followup_recheck (migration 0015). Each variant is the same condition from another starting
// point, so every way finds the same causes.

export interface SaleCandidate {
  id: string;
  member_id: string;
  occurred_at: string;
  amount_fen: number;
}

/** A sale at or after `@since` of at least `@minFen`, by an active member, without its callback. */
const callbacks = (from: string, where = '') => `
  SELECT s.id, s.member_id, s.occurred_at, s.amount_fen FROM ${from} CROSS JOIN members m ON m.id = s.member_id
   WHERE ${where} s.kind = 'sale' AND s.occurred_at >= @since AND s.amount_fen >= @minFen AND m.status = 'active' AND ${notVoided('s')}
     AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.purchase_id = s.id AND f.kind = 'post_purchase')`;

/**
 * Birthday care and win-back calls are marketing. `+`: never found through members_consent, which
 * holds half the members (the planner's choice for a birthday once the database has statistics).
 */
const FAN = "m.status = 'active' AND +m.consent_marketing = 1";

/**
 * A member's last sale, if it fell in [`@from`, `@to`): they have not been back since. Two sales at
 * the same instant are ordered by id, so a member has exactly one last sale (and one task).
 */
const lapses = (from: string, where = '') => `
  SELECT s.id, s.member_id, s.occurred_at FROM ${from}
   WHERE ${where} s.kind = 'sale' AND s.occurred_at >= @from AND s.occurred_at < @to AND ${FAN} AND ${notVoided('s')}
     AND NOT EXISTS (SELECT 1 FROM purchases p WHERE p.member_id = s.member_id AND p.kind = 'sale' AND ${notVoided('p')}
                        AND p.occurred_at >= s.occurred_at AND (p.occurred_at > s.occurred_at OR p.id > s.id))
     AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.source_key = 'reactivation:' || s.member_id || ':' || s.id)`;

/** A slice of the whole-window job: the members with ids after `after`, up to `upTo` included. */
export interface MemberRange {
  after: string;
  upTo: string;
}

/**
 * The members to look at again: those noted by the triggers, and those with a sale or void after
 * `@after` (NOT INDEXED: read by rowid, not by walking the member index in order for the UNION).
 */
const TOUCHED = '(SELECT member_id FROM followup_recheck UNION SELECT member_id FROM purchases NOT INDEXED WHERE rowid > @after)';

export const generatorQueries = perDatabase((db: DB) => ({
  callbacks: {
    // CROSS JOIN: start from the few days of sales (purchases_occurred), never scan every member.
    everyone: db.prepare<{ since: string; minFen: number }, SaleCandidate>(callbacks('purchases s')),
    // NOT INDEXED: the sales after the row number, read by rowid, not the window's by date. They
    // are few: told so, the planner looks each member up instead of first building a Bloom filter
    // over every member (0.5–1 s at a million, for an hour's sales).
    recordedAfter: db.prepare<{ since: string; minFen: number; after: number }, SaleCandidate>(
      callbacks('purchases s NOT INDEXED', 'likelihood(s.rowid > @after, 0.001) AND'),
    ),
    rechecked: db.prepare<{ since: string; minFen: number }, SaleCandidate>(
      callbacks('followup_recheck r CROSS JOIN purchases s ON s.member_id = r.member_id'),
    ),
    // The range's ids from the id index alone, then each member's own sales since the window's
    // start (purchases_member), not the window's sales by date.
    inRange: db.prepare<{ since: string; minFen: number } & MemberRange, SaleCandidate>(
      callbacks('members r CROSS JOIN purchases s ON s.member_id = r.id', 'r.id > @after AND r.id <= @upTo AND'),
    ),
  },
  birthdays: {
    /** `keySuffix` is `:<year>:<offset>`: members who already have that year's task are left out. */
    everyone: db.prepare<{ md: string; keySuffix: string }, { id: string }>(
      `SELECT m.id FROM members m WHERE substr(m.birthday, 6) = @md AND m.birthday IS NOT NULL AND ${FAN}
          AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.source_key = 'birthday:' || m.id || @keySuffix)`,
    ),
    /** The members to look at again who may have birthday care; which dates match is worked out by the caller. */
    rechecked: db.prepare<[], { id: string; birthday: string }>(
      `SELECT m.id, m.birthday FROM followup_recheck r CROSS JOIN members m ON m.id = r.member_id
        WHERE m.birthday IS NOT NULL AND ${FAN}`,
    ),
    /** The members of a range who may have birthday care, matched to dates by the caller as the rechecked ones are. */
    inRange: db.prepare<MemberRange, { id: string; birthday: string }>(
      `SELECT m.id, m.birthday FROM members m WHERE m.id > @after AND m.id <= @upTo AND m.birthday IS NOT NULL AND ${FAN}`,
    ),
    taskExists: db.prepare<[string], number>('SELECT 1 FROM followups WHERE source_key = ?').pluck(),
  },
  lapses: {
    // From the members whose last sale (members.last_sale_at, which migration 0012's triggers keep
    // on every path, voids and merges included) fell in the range: the few who lapsed, not every
    // sale of those days with a look for a later one (a day at a million members: 0.3 s, not
    // 0.8 s; the window: 0.4 s, not 2.2 s). The sale is still checked as the touched members' is.
    // CROSS JOIN: never every member who agreed to marketing, the planner's choice with statistics.
    everyone: db.prepare<{ from: string; to: string }, { id: string; member_id: string; occurred_at: string }>(
      lapses(
        'members m CROSS JOIN purchases s ON s.member_id = m.id',
        "ifnull(m.last_sale_at, '') >= @from AND ifnull(m.last_sale_at, '') < @to AND",
      ),
    ),
    touched: db.prepare<{ from: string; to: string; after: number }, { id: string; member_id: string; occurred_at: string }>(
      lapses(`${TOUCHED} t CROSS JOIN purchases s ON s.member_id = t.member_id CROSS JOIN members m ON m.id = s.member_id`),
    ),
    // `+`: the range's members by id, never the members_last_sale index's days of lapses (every
    // member's, read again by each slice).
    inRange: db.prepare<{ from: string; to: string } & MemberRange, { id: string; member_id: string; occurred_at: string }>(
      lapses(
        'members m CROSS JOIN purchases s ON s.member_id = m.id',
        "m.id > @after AND m.id <= @upTo AND +ifnull(m.last_sale_at, '') >= @from AND +ifnull(m.last_sale_at, '') < @to AND",
      ),
    ),
  },
  complaintsResolvedSince: db.prepare<[string], { id: string; member_id: string; resolved_at: string; category: string }>(
    `SELECT c.id, c.member_id, c.resolved_at, c.category FROM feedback c
      WHERE c.kind = 'complaint' AND c.member_id IS NOT NULL AND c.resolved_at >= ?
        AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.source_key = 'complaint:' || c.id)`,
  ),
  /** The next `limit` members after `after` in id order, as the job's slice takes them: the last one's id and how many. */
  nextRange: db.prepare<[string, number], { upTo: string | null; members: number }>(
    'SELECT MAX(id) AS upTo, COUNT(*) AS members FROM (SELECT id FROM members WHERE id > ? ORDER BY id LIMIT ?)',
  ),
  memberCount: db.prepare<[], number>('SELECT COUNT(*) FROM members').pluck(),
  lastPurchaseRowid: db.prepare<[], number | null>('SELECT MAX(rowid) FROM purchases').pluck(),
  forgetRechecks: db.prepare<[]>('DELETE FROM followup_recheck'),
}));
