import type { MatchKind, MemberHit } from '../shared/contract/members';
import { maskPhone, phoneLookupKey, phoneTailKey } from '../shared/phone';
import { foldInput, hasCjk, prefixUpperBound } from '../shared/text';
import type { Role } from '../shared/roles';
import type { DB } from '../db/connection';
import { memberQueries, type MemberHitRow } from '../db/queries/members';
import { survivorOf } from './member-view';

const MIN_TAIL_DIGITS = 4;
const MIN_CARD_PREFIX = 3;

/**
 * One box finds a member by whatever the clerk types or scans. Each kind is one index range
 * scan; a scanned card or whole phone number answers alone, else prefix hits follow in a fixed order.
 */
export function searchMembers(db: DB, role: Role, raw: string, limit: number): { items: MemberHit[]; exact: string | null } {
  const q = foldInput(raw);
  const items: MemberHit[] = [];
  if (q === '') return { items, exact: null };
  const s = memberQueries(db).search;
  const seen = new Set<string>();
  const mask = role === 'clerk';
  const add = (rows: MemberHitRow[], matchedBy: MatchKind) => {
    for (const r of rows) {
      if (items.length >= limit || seen.has(r.id)) continue;
      seen.add(r.id);
      items.push({
        id: r.id, cardNo: r.card_no, name: r.name, phone: mask ? maskPhone(r.phone) : r.phone, gender: r.gender, status: r.status, matchedBy,
        // A merged duplicate still answers to its phone and card, and names the member to open.
        mergedInto: r.merged_into ? survivorOf(db, r.merged_into) : null,
      });
    }
  };
  const room = () => limit - items.length;

  // The separators normalisePhone accepts, so any phone a member was registered with is found.
  const compact = q.replace(/[\s\u3000\-–—().·]/g, '');
  const alnum = /^[A-Za-z0-9]+$/.test(compact);
  const upper = compact.toUpperCase();

  // A whole phone number or a scanned card names one member: show just them. Phones first,
  // so the common case at the counter costs one lookup.
  const phoneLike = /^\+?\d+$/.test(compact);
  if (phoneLike) {
    const phone = compact.length >= 7 ? phoneLookupKey(compact) : null;
    const byPhone = phone ? s.phone.get(phone) : undefined;
    if (byPhone) {
      add([byPhone], 'phone');
      return { items, exact: byPhone.id };
    }
  }
  if (alnum) {
    const card = s.card.get(upper);
    if (card) {
      add([card], 'card');
      return { items, exact: card.id };
    }
  }
  if (phoneLike) {
    const digits = compact.replace(/\D/g, '');
    if (digits.length >= MIN_TAIL_DIGITS && room() > 0) {
      const key = phoneTailKey(digits);
      add(s.phoneTail.all(key, prefixUpperBound(key), room()), 'phoneTail');
    }
  }
  if (alnum && upper.length >= MIN_CARD_PREFIX && room() > 0) {
    add(s.cardPrefix.all(upper, prefixUpperBound(upper), room()), 'cardPrefix');
  }
  if (!/^\d+$/.test(compact) && room() > 0) {
    add(s.name.all(q, prefixUpperBound(q), room()), 'name');
  }
  if (/^[A-Za-z]+$/.test(compact) && !hasCjk(q)) {
    const letters = compact.toLowerCase();
    if (room() > 0) add(s.pinyinInitials.all(letters, prefixUpperBound(letters), room()), 'pinyinInitials');
    if (room() > 0 && letters.length >= 2) add(s.pinyinFull.all(letters, prefixUpperBound(letters), room()), 'pinyinFull');
  }
  return { items, exact: null };
}
