import type { Person, PersonHit } from '../../shared/contract/hq';
import { AppError, validationError } from '../../shared/errors';
import { normalisePhone } from '../../shared/phone';
import type { DB } from '../../db/connection';
import { hqConflictQueries } from '../../db/queries/hq/conflicts';
import { hqPeopleQueries, ROWS_PER_SEARCH } from '../../db/queries/hq/people';
import { personProfile } from './conflicts';
import { searchKeys } from '../members/search';
import { cardConsents } from './consent-travel';

// People at HQ (docs/hq.md "People across branches"): a person is a phone. One person: each
// branch's card with what was bought there and the consents given there, the profile HQ shows
// and the totals; and the 会员查询 box that finds people by what a caller or a branch says about them.

export function personByPhone(db: DB, phone: string): Person {
  const rows = hqPeopleQueries(db).cards(phone);
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'No member with this phone at any branch', { entity: 'person', phone });
  const conflicts = hqConflictQueries(db);
  const choices = new Map(conflicts.choices(phone).map((c) => [c.field, c.value]));
  const live = rows.filter((r) => r.merged_into === null);
  const profile = personProfile(live.length ? live : rows, choices);
  const openConflicts = conflicts.openConflictCount(phone);
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
      ...cardConsents(db, r.id),
    })),
    orders: rows.reduce((s, r) => s + r.orders, 0),
    netSalesFen: rows.reduce((s, r) => s + r.net, 0),
    pointsBalance: rows.reduce((s, r) => s + r.points_balance, 0),
    openConflicts,
  };
}

export function person(db: DB, input: { phone?: string; memberId?: string }): Person {
  if (input.memberId) {
    const phone = hqPeopleQueries(db).phoneOfMember(input.memberId);
    if (!phone) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id: input.memberId });
    return personByPhone(db, phone);
  }
  const normalised = normalisePhone(input.phone ?? '');
  if (!normalised) throw validationError([{ field: 'phone', rule: 'invalid_phone' }]);
  return personByPhone(db, normalised);
}

type MatchKind = PersonHit['matchedBy'];
const ORDER: MatchKind[] = ['phone', 'card', 'phoneTail', 'cardPrefix', 'name', 'pinyin'];

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
  const q = hqPeopleQueries(db);
  const { exact, rest } = q.matching(keys);
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
  const items = sorted.slice(0, limit).map(([phone, p]) => ({
    phone,
    name: p.name,
    matchedBy: ORDER[p.best],
    branches: q.liveCards(phone).map((c) => ({ code: c.code, name: c.name, cardNo: c.card_no })),
  }));
  return { items, more: sorted.length > limit || exact.length === ROWS_PER_SEARCH || rest.length === ROWS_PER_SEARCH };
}
