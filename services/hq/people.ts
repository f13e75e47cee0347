import type { Person, PersonHit } from '../../shared/contract/hq';
import { AppError, validationError } from '../../shared/errors';
import { normalisePhone } from '../../shared/phone';
import type { DB } from '../../db/connection';
import { personProfile } from './conflicts';
import { searchKeys } from '../members/search';

// People at HQ (docs/hq.md "People across branches"): a person is a phone. One person: each
// branch's card with what was bought there, the profile HQ shows and the totals; and the
// 会员查询 box that finds people by what a caller or a branch says about them.

interface PersonRow {
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

const PERSON_SQL = `SELECT m.id, m.branch_id, b.code, b.name AS branch_name, m.card_no, m.phone, m.name, m.gender, m.birthday, m.email, m.address,
       m.updated_at, COALESCE(t.name, (SELECT name FROM tiers WHERE branch_id = m.branch_id AND retired_at IS NULL ORDER BY rank LIMIT 1)) AS tier_name, m.merged_into, m.points_balance,
       (SELECT COALESCE(SUM(CASE p.kind WHEN 'sale' THEN 1 WHEN 'void' THEN -1 END), 0) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id) AS orders,
       (SELECT COALESCE(SUM(CASE WHEN p.kind = 'sale' THEN p.paid_fen ELSE -p.paid_fen END), 0) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id) AS net,
       (SELECT MAX(occurred_at) FROM purchases p WHERE p.branch_id = m.branch_id AND p.member_id = m.id AND p.kind <> 'void'
           AND NOT (p.kind = 'sale' AND EXISTS (SELECT 1 FROM purchases v WHERE v.branch_id = p.branch_id AND v.member_id = p.member_id
                                                   AND v.occurred_at = p.occurred_at AND v.kind = 'void' AND v.original_id = p.id))) AS last_at,
       (SELECT card_no FROM members s WHERE s.id = m.merged_into) AS merged_into_card
  FROM members m JOIN branches b ON b.id = m.branch_id LEFT JOIN tiers t ON t.id = m.tier_id
 WHERE m.phone = ? ORDER BY b.code`;

export function personByPhone(db: DB, phone: string): Person {
  const rows = db.prepare(PERSON_SQL).all(phone) as PersonRow[];
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'No member with this phone at any branch', { entity: 'person', phone });
  const choices = new Map((db.prepare('SELECT field, value FROM hq_person_choices WHERE person_key = ?').all(phone) as { field: string; value: string }[]).map((c) => [c.field, c.value]));
  const live = rows.filter((r) => r.merged_into === null);
  const profile = personProfile(live.length ? live : rows, choices);
  const openConflicts = db.prepare("SELECT COUNT(*) FROM hq_conflicts WHERE person_key = ? AND status = 'open'").pluck().get(phone) as number;
  return {
    key: phone,
    phone,
    name: profile.name ?? rows[0].name,
    gender: profile.gender,
    birthday: profile.birthday,
    email: profile.email,
    address: profile.address,
    branches: rows.map((r) => ({
      branch: { code: r.code, name: r.branch_name },
      memberId: r.id,
      cardNo: r.card_no,
      name: r.name,
      tierName: r.tier_name,
      orders: r.orders,
      netSalesFen: r.net,
      pointsBalance: r.points_balance,
      lastPurchaseAt: r.last_at,
      merged: r.merged_into !== null,
      mergedIntoCardNo: r.merged_into_card,
    })),
    orders: rows.reduce((s, r) => s + r.orders, 0),
    netSalesFen: rows.reduce((s, r) => s + r.net, 0),
    pointsBalance: rows.reduce((s, r) => s + r.points_balance, 0),
    openConflicts,
  };
}

export function person(db: DB, input: { phone?: string; memberId?: string }): Person {
  if (input.memberId) {
    const phone = db.prepare('SELECT phone FROM members WHERE id = ?').pluck().get(input.memberId) as string | undefined;
    if (!phone) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return personByPhone(db, phone);
  }
  const normalised = normalisePhone(input.phone ?? '');
  if (!normalised) throw validationError([{ field: 'phone', rule: 'invalid_phone' }]);
  return personByPhone(db, normalised);
}

/** Member rows read for one search: enough for `limit` people even when each has several cards. */
const ROWS_PER_SEARCH = 400;

type MatchKind = PersonHit['matchedBy'];
const ORDER: MatchKind[] = ['phone', 'card', 'phoneTail', 'cardPrefix', 'name', 'pinyin'];

interface Row {
  phone: string;
  name: string;
  updated_at: string;
  kind: MatchKind;
}

interface Term {
  sql: string;
  kind: MatchKind;
  params: Record<string, string>;
}

/**
 * HQ's 会员查询 box: a person by what a caller or a branch says about them, read as the counter's
 * search reads it (searchKeys: a whole phone, its last digits, a card number or its start, a
 * name's start, pinyin initials or spelling), answered as people (phones), each with the branches
 * that know them.
 *
 * HQ keeps no name or pinyin index (they would slow every merge, docs/hq.md "HQ's indexes"): a
 * search other than a whole phone or a card reads the member table once, about 0.2 s at a
 * million members, which an office can wait where a counter could not.
 */
export function findPeople(db: DB, raw: string, limit: number): { items: PersonHit[]; more: boolean } {
  const keys = searchKeys(raw);
  if (!keys) return { items: [], more: false };
  const between = (column: string, key: string) => `${column} >= @${key} AND ${column} < @${key}End`;
  const range = (key: string, r: { from: string; to: string }) => ({ [key]: r.from, [`${key}End`]: r.to });

  // Phones and cards are indexed (members_phone, members_card_no): read them whole first, so the
  // scan for the other kinds, which stops at its limit, never leaves out the person typed exactly.
  const indexed: Term[] = [];
  const scanned: Term[] = [];
  if (keys.phone) indexed.push({ sql: 'phone = @phone', kind: 'phone', params: { phone: keys.phone } });
  if (keys.card) indexed.push({ sql: 'card_no = @card', kind: 'card', params: { card: keys.card } });
  if (keys.cardPrefix) indexed.push({ sql: between('card_no', 'cardFrom'), kind: 'cardPrefix', params: range('cardFrom', keys.cardPrefix) });
  if (keys.phoneTail) scanned.push({ sql: between('phone_rev', 'tail'), kind: 'phoneTail', params: range('tail', keys.phoneTail) });
  if (keys.name) scanned.push({ sql: between('name', 'name'), kind: 'name', params: range('name', keys.name) });
  if (keys.pinyin) {
    const full = keys.pinyinFull ? ` OR (${between('py_full', 'py')})` : '';
    scanned.push({ sql: `(${between('py_initials', 'py')})${full}`, kind: 'pinyin', params: range('py', keys.pinyin) });
  }
  // Each group is one read: its terms OR'd, each row named by the first term it meets.
  const read = (group: Term[]) =>
    group.length === 0
      ? []
      : (db
          .prepare(
            `SELECT phone, name, updated_at, CASE ${group.map((t) => `WHEN ${t.sql} THEN '${t.kind}'`).join(' ')} END AS kind FROM members
              WHERE merged_into IS NULL AND (${group.map((t) => `(${t.sql})`).join(' OR ')}) LIMIT ${ROWS_PER_SEARCH}`,
          )
          .all(Object.assign({}, ...group.map((t) => t.params))) as Row[]);
  const exact = read(indexed);
  const rest = read(scanned);
  const rows = [...exact, ...rest];

  // A person is a phone: their best match kind, then their newest name, orders them.
  const people = new Map<string, { best: number; name: string; at: string }>();
  for (const r of rows) {
    const rank = ORDER.indexOf(r.kind);
    const p = people.get(r.phone);
    if (!p) people.set(r.phone, { best: rank, name: r.name, at: r.updated_at });
    else {
      p.best = Math.min(p.best, rank);
      if (r.updated_at > p.at) Object.assign(p, { name: r.name, at: r.updated_at });
    }
  }
  const sorted = [...people].sort(([pa, a], [pb, b]) => a.best - b.best || a.name.localeCompare(b.name, 'zh-CN') || (pa < pb ? -1 : 1));
  const cards = db.prepare<[string], { code: string; name: string; card_no: string }>(
    `SELECT b.code, b.name, m.card_no FROM members m JOIN branches b ON b.id = m.branch_id
      WHERE m.phone = ? AND m.merged_into IS NULL ORDER BY b.code, m.card_no`,
  );
  const items = sorted.slice(0, limit).map(([phone, p]) => ({
    phone,
    name: p.name,
    matchedBy: ORDER[p.best],
    branches: cards.all(phone).map((c) => ({ code: c.code, name: c.name, cardNo: c.card_no })),
  }));
  return { items, more: sorted.length > limit || exact.length === ROWS_PER_SEARCH || rest.length === ROWS_PER_SEARCH };
}
