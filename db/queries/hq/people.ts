import type { Statement } from 'better-sqlite3';
import type { PersonHit } from '../../../shared/contract/hq';
import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import type { Range } from '../reports/reports';

// People at HQ (services/hq/people.ts): a person is a phone, known at each branch by a card.

/** A person's member at one branch: the card, what was bought there, and its profile fields. */
export interface PersonCardRow {
  id: string;
  branch_id: string;
  code: string;
  branch_name: string;
  card_no: string;
  phone: string;
  name: string;
  gender: string | null;
  birthday: string | null;
  email: string | null;
  address: string | null;
  updated_at: string;
  tier_name: string | null;
  merged_into: string | null;
  points_balance: number;
  orders: number;
  net: number;
  last_at: string | null;
  merged_into_card: string | null;
}

type MatchKind = PersonHit['matchedBy'];

/** A live member a 会员查询 found, named by the first kind of key it met. */
export interface PersonMatch {
  phone: string;
  name: string;
  updated_at: string;
  kind: MatchKind;
}

/**
 * The keys a 会员查询 is looked up by, as services/members/search.ts reads the text typed
 * (null: the text cannot be that kind).
 */
export interface PersonKeys {
  phone: string | null;
  card: string | null;
  cardPrefix: Range | null;
  phoneTail: Range | null;
  name: Range | null;
  pinyin: Range | null;
  pinyinFull: boolean;
}

/** Member rows read for one search: enough for `limit` people even when each has several cards. */
export const ROWS_PER_SEARCH = 400;

interface Term {
  sql: string;
  kind: MatchKind;
  params: Record<string, string>;
}

/**
 * The search's terms in two groups. Phones and cards are indexed (hq_members_phone, members_card_no):
 * read them whole first, so the scan for the other kinds, which stops at its limit, never leaves
 * out the person typed exactly.
 */
function termsOf(keys: PersonKeys): { indexed: Term[]; scanned: Term[] } {
  const between = (column: string, key: string) => `${column} >= @${key} AND ${column} < @${key}End`;
  const range = (key: string, r: Range) => ({ [key]: r.from, [`${key}End`]: r.to });
  const indexed: Term[] = [];
  const scanned: Term[] = [];
  if (keys.phone) indexed.push({ sql: 'phone = @phone', kind: 'phone', params: { phone: keys.phone } });
  if (keys.card) indexed.push({ sql: 'card_no = @card', kind: 'card', params: { card: keys.card } });
  if (keys.cardPrefix)
    indexed.push({ sql: between('card_no', 'cardFrom'), kind: 'cardPrefix', params: range('cardFrom', keys.cardPrefix) });
  if (keys.phoneTail) scanned.push({ sql: between('phone_rev', 'tail'), kind: 'phoneTail', params: range('tail', keys.phoneTail) });
  if (keys.name) scanned.push({ sql: between('name', 'name'), kind: 'name', params: range('name', keys.name) });
  if (keys.pinyin) {
    const full = keys.pinyinFull ? ` OR (${between('py_full', 'py')})` : '';
    scanned.push({ sql: `(${between('py_initials', 'py')})${full}`, kind: 'pinyin', params: range('py', keys.pinyin) });
  }
  return { indexed, scanned };
}

export const hqPeopleQueries = perDatabase((db: DB) => {
  const cards = db.prepare<[string], PersonCardRow>(
    `SELECT m.id, m.branch_id, b.code, b.name AS branch_name, m.card_no, m.phone, m.name, m.gender, m.birthday, m.email, m.address,
       m.updated_at, COALESCE(t.name, (SELECT name FROM tiers WHERE branch_id = m.branch_id AND retired_at IS NULL ORDER BY rank LIMIT 1)) AS tier_name, m.merged_into, m.points_balance,
       (SELECT COALESCE(SUM(CASE p.kind WHEN 'sale' THEN 1 WHEN 'void' THEN -1 END), 0) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id) AS orders,
       (SELECT COALESCE(SUM(CASE WHEN p.kind = 'sale' THEN p.paid_fen ELSE -p.paid_fen END), 0) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id) AS net,
       (SELECT MAX(occurred_at) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id AND p.kind <> 'void'
           AND NOT (p.kind = 'sale' AND EXISTS (SELECT 1 FROM purchases v WHERE v.branch_id = p.branch_id AND v.member_id = p.member_id
                                                   AND v.occurred_at = p.occurred_at AND v.kind = 'void' AND v.original_id = p.id))) AS last_at,
       (SELECT card_no FROM members s WHERE s.id = m.merged_into) AS merged_into_card
  FROM members m JOIN branches b ON b.id = m.branch_id LEFT JOIN tiers t ON t.id = m.tier_id
 WHERE m.phone = ? ORDER BY b.code`,
  );
  const phoneOf = db.prepare<[string], string>('SELECT phone FROM members WHERE id = ?').pluck();
  const liveCards = db.prepare<[string], { code: string; name: string; card_no: string }>(
    `SELECT b.code, b.name, m.card_no FROM members m JOIN branches b ON b.id = m.branch_id
      WHERE m.phone = ? AND m.merged_into IS NULL ORDER BY b.code, m.card_no`,
  );
  // One statement for each set of key kinds a search has.
  const matchers = new Map<string, Statement<[Record<string, string>], PersonMatch>>();
  const matching = (group: Term[]): PersonMatch[] => {
    if (group.length === 0) return [];
    const sql = `SELECT phone, name, updated_at, CASE ${group.map((t) => `WHEN ${t.sql} THEN '${t.kind}'`).join(' ')} END AS kind FROM members
              WHERE merged_into IS NULL AND (${group.map((t) => `(${t.sql})`).join(' OR ')}) LIMIT ${ROWS_PER_SEARCH}`;
    let stmt = matchers.get(sql);
    if (!stmt) {
      stmt = db.prepare<[Record<string, string>], PersonMatch>(sql);
      matchers.set(sql, stmt);
    }
    const params: Record<string, string> = Object.assign({}, ...group.map((t) => t.params));
    return stmt.all(params);
  };
  return {
    /** The person's members, one a branch (merged-away ones too), by branch code. */
    cards: (phone: string) => cards.all(phone),
    phoneOfMember: (memberId: string) => phoneOf.get(memberId),
    /** The person's live cards, for a search's answer. */
    liveCards: (phone: string) => liveCards.all(phone),
    /**
     * Live members matching the keys, each group one read (its terms OR'd, each row named by the
     * first term it meets) of at most ROWS_PER_SEARCH rows.
     */
    matching: (keys: PersonKeys) => {
      const { indexed, scanned } = termsOf(keys);
      return { exact: matching(indexed), rest: matching(scanned) };
    },
  };
});
