import type { MatchKind, MemberHit } from '../../shared/contract/members';
import { maskPhone, phoneLookupKey, phoneTailKey } from '../../shared/phone';
import { foldInput, hasCjk, prefixUpperBound } from '../../shared/text';
import type { Role } from '../../shared/roles';
import type { DB } from '../../db/connection';
import { memberQueries, type MemberHitRow } from '../../db/queries/members/members';
import { CARD_KEY_CHARS, NAME_KEY_CHARS } from '../../db/migrations/0012-member-browse';
import { survivorOf } from './view';

const MIN_TAIL_DIGITS = 4;
const MIN_CARD_PREFIX = 3;
/** One character inside a name matches too much to be worth listing; two already narrow it. */
const MIN_NAME_MIDDLE = 2;

/** As SQLite's lower() folds (ASCII only), so typed text meets the stored keys. */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A prefix to look up: from `from` (inclusive) to `to` (exclusive). */
export interface PrefixRange {
  from: string;
  to: string;
}

const prefix = (from: string): PrefixRange => ({ from, to: prefixUpperBound(from) });

/**
 * What the text typed or scanned into a member search can be, as the keys each kind is looked up
 * by (null: the text cannot be that kind). The counter's search and HQ's 会员查询 read text the same way.
 */
export interface SearchKeys {
  /** a whole phone (E.164) */
  phone: string | null;
  /** a whole card number */
  card: string | null;
  /** a phone's last digits, reversed (`phone_rev`'s prefix) */
  phoneTail: PrefixRange | null;
  cardPrefix: PrefixRange | null;
  name: PrefixRange | null;
  /** pinyin initials; `pinyinFull` spelling too (two letters or more) */
  pinyin: PrefixRange | null;
  pinyinFull: boolean;
  /** a card's last digits, reversed (a prefix of its `card` key in member_keys) */
  cardTail: PrefixRange | null;
  /** text inside a name after its first character: the range of `name` keys, and the text each name must hold */
  nameMiddle: (PrefixRange & { text: string }) | null;
  /** a tag, exactly as it is written */
  tag: string | null;
}

export function searchKeys(raw: string): SearchKeys | null {
  const q = foldInput(raw);
  if (q === '') return null;
  // The separators normalisePhone accepts, so any phone a member was registered with is found.
  const compact = q.replace(/[\s\u3000\-–—().·]/g, '');
  const alnum = /^[A-Za-z0-9]+$/.test(compact);
  const upper = compact.toUpperCase();
  const phoneLike = /^\+?\d+$/.test(compact);
  const digits = phoneLike ? compact.replace(/\D/g, '') : '';
  const letters = /^[A-Za-z]+$/.test(compact) && !hasCjk(q) ? compact.toLowerCase() : '';
  const middle = asciiLower(q);
  return {
    phone: phoneLike && compact.length >= 7 ? phoneLookupKey(compact) : null,
    card: alnum ? upper : null,
    phoneTail: digits.length >= MIN_TAIL_DIGITS ? prefix(phoneTailKey(digits)) : null,
    cardPrefix: alnum && upper.length >= MIN_CARD_PREFIX ? prefix(upper) : null,
    name: /^\d+$/.test(compact) ? null : prefix(q),
    pinyin: letters ? prefix(letters) : null,
    pinyinFull: letters.length >= 2,
    cardTail: digits.length >= MIN_TAIL_DIGITS ? prefix(digits.split('').reverse().join('').slice(0, CARD_KEY_CHARS)) : null,
    nameMiddle:
      /^\d+$/.test(compact) || [...middle].length < MIN_NAME_MIDDLE
        ? null
        : { ...prefix([...middle].slice(0, NAME_KEY_CHARS).join('')), text: middle },
    tag: /^\d+$/.test(compact) ? null : q,
  };
}

/**
 * One box finds a member by whatever the clerk types or scans. Each kind is one index range
 * scan; a scanned card or whole phone number answers alone, else hits follow in a fixed order:
 * phone tail, card tail, card prefix, name prefix, pinyin, tag. Only when none of them finds
 * anyone is the text looked for inside names (晓燕 finds 陈晓燕): a start is what a clerk
 * usually types, and a middle would bury it under other people's names.
 */
export function searchMembers(db: DB, role: Role, raw: string, limit: number): { items: MemberHit[]; exact: string | null } {
  const keys = searchKeys(raw);
  const items: MemberHit[] = [];
  if (!keys) return { items, exact: null };
  const s = memberQueries(db).search;
  const seen = new Set<string>();
  const mask = role === 'clerk';
  const add = (rows: MemberHitRow[], matchedBy: MatchKind) => {
    for (const r of rows) {
      if (items.length >= limit || seen.has(r.id)) continue;
      seen.add(r.id);
      items.push({
        id: r.id,
        cardNo: r.card_no,
        name: r.name,
        phone: mask ? maskPhone(r.phone) : r.phone,
        gender: r.gender,
        status: r.status,
        matchedBy,
        // A merged duplicate still answers to its phone and card, and names the member to open.
        mergedInto: r.merged_into ? survivorOf(db, r.merged_into) : null,
      });
    }
  };
  const room = () => limit - items.length;

  // A whole phone number or a scanned card names one member: show just them. Phones first,
  // so the common case at the counter costs one lookup.
  const byPhone = keys.phone ? s.phone.get(keys.phone) : undefined;
  if (byPhone) {
    add([byPhone], 'phone');
    return { items, exact: byPhone.id };
  }
  const card = keys.card ? s.card.get(keys.card) : undefined;
  if (card) {
    add([card], 'card');
    return { items, exact: card.id };
  }
  const range = (r: PrefixRange | null, query: { all(from: string, to: string, limit: number): MemberHitRow[] }, kind: MatchKind) => {
    if (r && room() > 0) add(query.all(r.from, r.to, room()), kind);
  };
  range(keys.phoneTail, s.phoneTail, 'phoneTail');
  range(keys.cardTail, s.cardTail, 'cardTail');
  range(keys.cardPrefix, s.cardPrefix, 'cardPrefix');
  range(keys.name, s.name, 'name');
  range(keys.pinyin, s.pinyinInitials, 'pinyinInitials');
  if (keys.pinyinFull) range(keys.pinyin, s.pinyinFull, 'pinyinFull');
  if (keys.tag && room() > 0) add(s.tag.all(keys.tag, room()), 'tag');
  if (items.length === 0 && keys.nameMiddle)
    add(s.nameMiddle.all(keys.nameMiddle.from, keys.nameMiddle.to, keys.nameMiddle.text, limit), 'nameMiddle');
  return { items, exact: null };
}
