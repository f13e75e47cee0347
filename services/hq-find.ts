import type { PersonHit } from '../shared/contract/hq';
import { phoneLookupKey, phoneTailKey } from '../shared/phone';
import { foldInput, hasCjk, prefixUpperBound } from '../shared/text';
import type { DB } from '../db/connection';

const MIN_TAIL_DIGITS = 4;
const MIN_CARD_PREFIX = 3;
/** Member rows read for one search: enough for `limit` people even when each has several cards. */
const ROWS_PER_SEARCH = 400;

type MatchKind = PersonHit['matchedBy'];
const ORDER: MatchKind[] = ['phone', 'card', 'phoneTail', 'cardPrefix', 'name', 'pinyin'];
/** Kinds an index answers at HQ (members_phone, members_card_no); the others read the table. */
const INDEXED = new Set<MatchKind>(['phone', 'card', 'cardPrefix']);

/** The named parameters the terms of one query use (SQLite refuses unused ones). */
function pick(params: Record<string, string>, group: { sql: string }[]): Record<string, string> {
  const used = group.map((t) => t.sql).join(' ');
  return Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`@${k}\\b`).test(used)));
}

interface Row {
  phone: string;
  name: string;
  updated_at: string;
  kind: MatchKind;
}

/**
 * HQ's 会员查询 box: a person by what a caller or a branch says about them, as the counter's
 * search reads it (a whole phone, its last digits, a card number or its start, a name's start,
 * pinyin initials or spelling), answered as people (phones), each with the branches that know them.
 *
 * HQ keeps no name or pinyin index (they would slow every merge, docs/hq.md "HQ's indexes"): a
 * search other than a whole phone or a card reads the member table once, about 0.2 s at a
 * million members, which an office can wait where a counter could not.
 */
export function findPeople(db: DB, raw: string, limit: number): { items: PersonHit[]; more: boolean } {
  const q = foldInput(raw);
  if (q === '') return { items: [], more: false };
  const compact = q.replace(/[\s\u3000\-–—().·]/g, '');
  const digits = /^\+?\d+$/.test(compact) ? compact.replace(/\D/g, '') : '';
  const alnum = /^[A-Za-z0-9]+$/.test(compact);
  const upper = compact.toUpperCase();
  const letters = /^[A-Za-z]+$/.test(compact) && !hasCjk(q) ? compact.toLowerCase() : '';

  // Each kind the text can be, as a condition and the kind it names; one read answers them all.
  const terms: { sql: string; kind: MatchKind }[] = [];
  const params: Record<string, string> = {};
  const phone = digits.length >= 7 ? phoneLookupKey(compact) : null;
  if (phone) {
    terms.push({ sql: 'phone = @phone', kind: 'phone' });
    params.phone = phone;
  }
  if (alnum) {
    terms.push({ sql: 'card_no = @card', kind: 'card' });
    params.card = upper;
  }
  if (digits.length >= MIN_TAIL_DIGITS) {
    terms.push({ sql: 'phone_rev >= @tail AND phone_rev < @tailEnd', kind: 'phoneTail' });
    params.tail = phoneTailKey(digits);
    params.tailEnd = prefixUpperBound(params.tail);
  }
  if (alnum && upper.length >= MIN_CARD_PREFIX) {
    terms.push({ sql: 'card_no >= @cardFrom AND card_no < @cardEnd', kind: 'cardPrefix' });
    params.cardFrom = upper;
    params.cardEnd = prefixUpperBound(upper);
  }
  if (!/^\d+$/.test(compact)) {
    terms.push({ sql: 'name >= @name AND name < @nameEnd', kind: 'name' });
    params.name = q;
    params.nameEnd = prefixUpperBound(q);
  }
  if (letters) {
    terms.push({ sql: '(py_initials >= @py AND py_initials < @pyEnd) OR (length(@py) >= 2 AND py_full >= @py AND py_full < @pyEnd)', kind: 'pinyin' });
    params.py = letters;
    params.pyEnd = prefixUpperBound(letters);
  }
  if (terms.length === 0) return { items: [], more: false };

  // Phones and cards are indexed: read them whole first, so a scan that stops at its limit never
  // leaves out the person the clerk typed exactly.
  const read = (group: typeof terms, limit: number) =>
    group.length === 0
      ? []
      : (db
          .prepare(
            `SELECT phone, name, updated_at, CASE ${group.map((t) => `WHEN ${t.sql} THEN '${t.kind}'`).join(' ')} END AS kind FROM members
              WHERE merged_into IS NULL AND (${group.map((t) => `(${t.sql})`).join(' OR ')}) LIMIT ${limit}`,
          )
          .all(pick(params, group)) as Row[]);
  const indexed = terms.filter((t) => INDEXED.has(t.kind));
  const scanned = terms.filter((t) => !INDEXED.has(t.kind));
  const exact = read(indexed, ROWS_PER_SEARCH);
  const rest = read(scanned, ROWS_PER_SEARCH);
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
