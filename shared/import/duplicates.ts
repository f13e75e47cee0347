/**
 * When two members are the same person (issue 17, point 6): the same phone after cleaning or the
 * same card number is certain; the same name and birthday only possible (two 王芳 born the same
 * day do exist), so a person decides. The import looks the same keys up in the database.
 */

export const DUPLICATE_BASES = ['phone', 'cardNo', 'nameBirthday'] as const;
export type DuplicateBasis = (typeof DUPLICATE_BASES)[number];

/** A member's cleaned values that tell them apart; missing ones match nothing. */
export interface MemberIdentity {
  /** E.164, as cleanPhone answers it */
  phone?: string | null;
  cardNo?: string | null;
  name?: string | null;
  /** `YYYY-MM-DD` */
  birthday?: string | null;
}

/**
 * A name as compared for a possible duplicate: without blanks or the dots between the parts of a
 * transcribed name (阿依古丽·买买提, 阿依古丽•买买提), case aside (Li Na, LI NA, LiNa).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•・.]+/g, '')
    .toLowerCase();
}

/** The keys a member is found by, one per basis it has. */
export function duplicateKeys(member: MemberIdentity): Array<{ basis: DuplicateBasis; key: string }> {
  const keys: Array<{ basis: DuplicateBasis; key: string }> = [];
  if (member.phone) keys.push({ basis: 'phone', key: member.phone });
  if (member.cardNo) keys.push({ basis: 'cardNo', key: member.cardNo.toUpperCase() });
  const name = member.name ? nameKey(member.name) : '';
  if (name !== '' && member.birthday) keys.push({ basis: 'nameBirthday', key: `${name}|${member.birthday}` });
  return keys;
}

export interface DuplicatePair {
  /** the earlier row (an index into the rows given) */
  first: number;
  second: number;
  /** every basis the two share, in DUPLICATE_BASES order */
  bases: DuplicateBasis[];
  /** the same phone or card: the same person, whatever else differs */
  certain: boolean;
}

/**
 * The pairs of rows in one file that are the same person or may be. Each row is paired with the
 * first row holding each of its keys, so a person written five times gives four pairs, not ten.
 */
export function duplicatesInFile(rows: readonly MemberIdentity[]): DuplicatePair[] {
  const firstWith = new Map<string, number>();
  const pairs = new Map<string, DuplicatePair>();
  rows.forEach((row, index) => {
    for (const { basis, key } of duplicateKeys(row)) {
      const lookup = `${basis}:${key}`;
      const first = firstWith.get(lookup);
      if (first === undefined) {
        firstWith.set(lookup, index);
        continue;
      }
      const id = `${first}:${index}`;
      const pair = pairs.get(id) ?? { first, second: index, bases: [], certain: false };
      pair.bases.push(basis);
      pair.certain ||= basis !== 'nameBirthday';
      pairs.set(id, pair);
    }
  });
  return [...pairs.values()].sort((a, b) => a.second - b.second || a.first - b.first);
}
