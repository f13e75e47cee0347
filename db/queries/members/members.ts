import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { notVoided } from '../loyalty/purchases';

export interface MemberRow {
  id: string;
  branch_id: string;
  home_branch_id: string;
  card_no: string;
  name: string;
  py_initials: string;
  py_full: string;
  phone: string;
  phone_rev: string;
  gender: 'female' | 'male' | 'unspecified';
  birthday: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  consent_data_at: string | null;
  consent_data_by: string | null;
  consent_marketing: 0 | 1;
  consent_marketing_at: string | null;
  consent_marketing_by: string | null;
  status: 'active' | 'inactive';
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
}

/** Written by a merge only (migration 0010): a duplicate keeps its row as a tombstone. */
export interface MergeState {
  merged_into: string | null;
  merged_at: string | null;
}

/** A member as stored: the profile plus the columns only a merge writes. */
export type StoredMember = MemberRow & MergeState & { points_balance: number; tier_id: string | null; erased_at: string | null };

/** A member with the names the profile shows (home branch, staff who took consent). */
export interface MemberView extends MemberRow, MergeState {
  /** migration 0021: when the member was erased */
  erased_at: string | null;
  home_branch_code: string;
  home_branch_name: string;
  consent_data_by_name: string | null;
  consent_marketing_by_name: string | null;
  created_by_name: string | null;
}

export interface MemberHitRow {
  id: string;
  card_no: string;
  name: string;
  phone: string;
  gender: 'female' | 'male' | 'unspecified';
  status: 'active' | 'inactive';
  merged_into: string | null;
}

const HIT_COLUMNS = 'id, card_no, name, phone, gender, status, merged_into';
const MEMBER_HIT_COLUMNS = HIT_COLUMNS.split(', ')
  .map((c) => `m.${c}`)
  .join(', ');

/**
 * The counter's lookups, one index range each. Exported so the bench can run the very same
 * SQL raw and compare it with the service layer.
 */
export const SEARCH_SQL = {
  card: `SELECT ${HIT_COLUMNS} FROM members WHERE card_no = ?`,
  phone: `SELECT ${HIT_COLUMNS} FROM members WHERE phone = ?`,
  phoneTail: `SELECT ${HIT_COLUMNS} FROM members WHERE phone_rev >= ? AND phone_rev < ? LIMIT ?`,
  cardPrefix: `SELECT ${HIT_COLUMNS} FROM members WHERE card_no >= ? AND card_no < ? LIMIT ?`,
  name: `SELECT ${HIT_COLUMNS} FROM members WHERE name >= ? AND name < ? LIMIT ?`,
  pinyinInitials: `SELECT ${HIT_COLUMNS} FROM members WHERE py_initials >= ? AND py_initials < ? LIMIT ?`,
  pinyinFull: `SELECT ${HIT_COLUMNS} FROM members WHERE py_full >= ? AND py_full < ? LIMIT ?`,
  // member_keys (migration 0012): the rest of a name from its second character on, a card reversed.
  cardTail: `SELECT ${MEMBER_HIT_COLUMNS} FROM member_keys k CROSS JOIN members m ON m.id = k.member_id
              WHERE k.kind = 'card' AND k.key >= ? AND k.key < ? LIMIT ?`,
  // A key holds NAME_KEY_CHARS characters: longer text is looked up by its start and checked whole.
  nameMiddle: `SELECT ${MEMBER_HIT_COLUMNS} FROM member_keys k CROSS JOIN members m ON m.id = k.member_id
                WHERE k.kind = 'name' AND k.key >= ? AND k.key < ? AND instr(lower(m.name), ?) > 0 LIMIT ?`,
  tag: `SELECT ${MEMBER_HIT_COLUMNS} FROM member_tags t CROSS JOIN members m ON m.id = t.member_id WHERE t.tag = ? LIMIT ?`,
} as const;

export const INSERT_MEMBER_SQL = `INSERT INTO members (
  id, branch_id, home_branch_id, card_no, name, py_initials, py_full, phone, phone_rev, gender, birthday,
  email, address, notes, consent_data_at, consent_data_by, consent_marketing, consent_marketing_at,
  consent_marketing_by, status, created_at, created_by, updated_at, updated_by, version
) VALUES (
  @id, @branch_id, @home_branch_id, @card_no, @name, @py_initials, @py_full, @phone, @phone_rev, @gender, @birthday,
  @email, @address, @notes, @consent_data_at, @consent_data_by, @consent_marketing, @consent_marketing_at,
  @consent_marketing_by, @status, @created_at, @created_by, @updated_at, @updated_by, @version
)`;

export const INSERT_TAG_SQL = 'INSERT OR IGNORE INTO member_tags (member_id, tag) VALUES (?, ?)';

export const memberQueries = perDatabase((db: DB) => {
  const view = db.prepare<[string], MemberView>(
    `SELECT m.*, b.code AS home_branch_code, b.name AS home_branch_name,
            sd.name AS consent_data_by_name, sm.name AS consent_marketing_by_name, sc.name AS created_by_name
       FROM members m
       JOIN branches b ON b.id = m.home_branch_id
       LEFT JOIN staff sd ON sd.id = m.consent_data_by
       LEFT JOIN staff sm ON sm.id = m.consent_marketing_by
       LEFT JOIN staff sc ON sc.id = m.created_by
      WHERE m.id = ?`,
  );
  const byId = db.prepare<[string], StoredMember>('SELECT * FROM members WHERE id = ?');
  const mergeLink = db.prepare<[string], { id: string; name: string; card_no: string; merged_into: string | null }>(
    'SELECT id, name, card_no, merged_into FROM members WHERE id = ?',
  );
  const mergedIds = db.prepare<[], string>('SELECT id FROM members WHERE merged_into IS NOT NULL').pluck();
  const idByPhone = db.prepare<[string], { id: string; name: string; card_no: string }>(
    'SELECT id, name, card_no FROM members WHERE phone = ?',
  );
  const insert = db.prepare(INSERT_MEMBER_SQL);
  const insertUnlessTaken = db.prepare(INSERT_MEMBER_SQL.replace('INSERT INTO', 'INSERT OR IGNORE INTO'));
  const update = db.prepare(
    `UPDATE members SET name = @name, py_initials = @py_initials, py_full = @py_full, phone = @phone,
       phone_rev = @phone_rev, gender = @gender, birthday = @birthday, email = @email, address = @address,
       notes = @notes, consent_marketing = @consent_marketing, consent_marketing_at = @consent_marketing_at,
       consent_marketing_by = @consent_marketing_by, status = @status, updated_at = @updated_at,
       updated_by = @updated_by, version = version + 1
     WHERE id = @id`,
  );
  const tags = db.prepare<[string], { tag: string }>('SELECT tag FROM member_tags WHERE member_id = ? ORDER BY tag');
  const addTag = db.prepare<[string, string]>(INSERT_TAG_SQL);
  const clearTags = db.prepare<[string]>('DELETE FROM member_tags WHERE member_id = ?');
  const search = {
    card: db.prepare<[string], MemberHitRow>(SEARCH_SQL.card),
    phone: db.prepare<[string], MemberHitRow>(SEARCH_SQL.phone),
    phoneTail: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.phoneTail),
    cardPrefix: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.cardPrefix),
    name: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.name),
    pinyinInitials: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.pinyinInitials),
    pinyinFull: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.pinyinFull),
    cardTail: db.prepare<[string, string, number], MemberHitRow>(SEARCH_SQL.cardTail),
    nameMiddle: db.prepare<[string, string, string, number], MemberHitRow>(SEARCH_SQL.nameMiddle),
    tag: db.prepare<[string, number], MemberHitRow>(SEARCH_SQL.tag),
  };
  return {
    view: (id: string) => view.get(id) ?? null,
    byId: (id: string) => byId.get(id) ?? null,
    /** Who a member was merged into, if anyone (one step of the chain). */
    mergeLink: (id: string) => mergeLink.get(id) ?? null,
    /** Every merged duplicate (a partial index holds them). */
    mergedIds: () => mergedIds.all(),
    byPhone: (phone: string) => idByPhone.get(phone) ?? null,
    insert: (row: MemberRow) => insert.run(row),
    /** Demo data: a generated member whose phone (or card) a real one already has is left out; answers whether it went in. */
    insertUnlessTaken: (row: MemberRow) => insertUnlessTaken.run(row).changes > 0,
    update: (row: MemberRow) => update.run(row),
    tags: (id: string) => tags.all(id).map((r) => r.tag),
    addTag: (id: string, tag: string) => addTag.run(id, tag),
    setTags(id: string, list: readonly string[]) {
      clearTags.run(id);
      for (const tag of list) addTag.run(id, tag);
    },
    search,
  };
});

export interface MergeCounts {
  purchases: number;
  pointsLots: number;
  followups: number;
  feedback: number;
}

/**
 * What a merge writes (services/members/merge.ts): the duplicate's history rows move to the member
 * who stays; the duplicate itself becomes a tombstone. Ledger rows are never moved (append-only).
 */
export const memberMergeQueries = perDatabase((db: DB) => {
  const moves = {
    purchases: db.prepare<[string, string]>('UPDATE purchases SET member_id = ? WHERE member_id = ?'),
    pointsLots: db.prepare<[string, string]>('UPDATE points_lots SET member_id = ? WHERE member_id = ?'),
    // follow-ups and feedback change in place and carry their update time (HQ keeps the newer)
    followups: db.prepare<[string, string, string]>('UPDATE followups SET member_id = ?, updated_at = ? WHERE member_id = ?'),
    feedback: db.prepare<[string, string, string]>('UPDATE feedback SET member_id = ?, updated_at = ? WHERE member_id = ?'),
  };
  // A tombstone has nothing left to review: its tier stays as it was, for the record.
  const tombstone = db.prepare<{ id: string; into: string; now: string; by: string }>(
    `UPDATE members SET status = 'inactive', merged_into = @into, merged_at = @now, tier_review_at = NULL,
       updated_at = @now, updated_by = @by, version = version + 1 WHERE id = @id`,
  );
  const touch = db.prepare<{ id: string; now: string; by: string }>(
    'UPDATE members SET updated_at = @now, updated_by = @by, version = version + 1 WHERE id = @id',
  );
  const openFollowups = db
    .prepare<[string], number>("SELECT COUNT(*) FROM followups WHERE member_id = ? AND status IN ('planned', 'missed')")
    .pluck();
  const feedbackCount = db.prepare<[string], number>('SELECT COUNT(*) FROM feedback WHERE member_id = ?').pluck();
  /** The member's latest sale, by time then id (as the win-back rule orders them). */
  const lastSale = db.prepare<[string], { id: string; occurred_at: string }>(
    `SELECT id, occurred_at FROM purchases p WHERE member_id = ? AND kind = 'sale' AND ${notVoided('p')} ORDER BY occurred_at DESC, id DESC LIMIT 1`,
  );
  return {
    /** Moves every history row of `from` to `to`; answers how many of each moved. */
    moveHistory(from: string, to: string, now: string): MergeCounts {
      return {
        purchases: moves.purchases.run(to, from).changes,
        pointsLots: moves.pointsLots.run(to, from).changes,
        followups: moves.followups.run(to, now, from).changes,
        feedback: moves.feedback.run(to, now, from).changes,
      };
    },
    tombstone: (id: string, into: string, now: string, by: string) => tombstone.run({ id, into, now, by }),
    touch: (id: string, now: string, by: string) => touch.run({ id, now, by }),
    openFollowups: (memberId: string) => openFollowups.get(memberId) ?? 0,
    feedbackCount: (memberId: string) => feedbackCount.get(memberId) ?? 0,
    lastSale: (memberId: string) => lastSale.get(memberId) ?? null,
  };
});
