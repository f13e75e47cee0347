import { cellText, type ImportCell } from './cleaning';
import type { FieldDefinition } from './columns';

/**
 * A header as compared with the synonyms: full-width folded, lower case, without spaces,
 * punctuation, a note in brackets (手机号(必填), 金额（元）) or a trailing number (电话2).
 */
export function normaliseHeader(header: ImportCell): string {
  const folded = cellText(header)
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .toLowerCase();
  const squeeze = (text: string) => text.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/\d+$/, '');
  const withoutNote = squeeze(folded.replace(/[([【<《][^)\]】>》]*[)\]】>》]/g, ''));
  return withoutNote === '' ? squeeze(folded) : withoutNote;
}

// A header about someone else than the customer: 推荐人手机 is the referrer's, 导购电话 the clerk's.
const SOMEONE_ELSE = /推荐人|介绍人|紧急|导购|店员|员工|收银|操作员|经办|销售员|业务员/;
const HAS_HAN = /\p{Script=Han}/u;

interface Candidate<F> {
  column: number;
  field: F;
  /** lower is better: an exact synonym by its place in the list, then a contained one by its length */
  rank: number;
}

const CONTAINED = 1_000;

/**
 * How well `header` names a field: an exact synonym, or (Chinese synonyms only, as 会员手机号 holds
 * 手机号 while "hotel" holds no "tel") a synonym it contains, the longest winning.
 */
function rankOf(header: string, definition: FieldDefinition, synonyms: readonly string[]): number | null {
  const exact = synonyms.indexOf(header);
  if (exact >= 0) return exact;
  if (SOMEONE_ELSE.test(header) || definition.unlike?.some((word) => header.includes(word))) return null;
  let best: number | null = null;
  synonyms.forEach((synonym, index) => {
    if (!HAS_HAN.test(synonym) || !header.includes(synonym)) return;
    const rank = CONTAINED + (100 - synonym.length) * 100 + index;
    if (best === null || rank < best) best = rank;
  });
  return best;
}

/**
 * The guess from a header row to a field per column (null: left for the user), each header used
 * once and each field once. The best-ranked pairs are taken first, so where 手机 and 电话 both
 * appear the phone is 手机; a header that contains two fields' names equally well is left alone.
 */
export function guessMapping<F extends string>(headers: readonly ImportCell[], definitions: Record<F, FieldDefinition>): (F | null)[] {
  const fields = Object.keys(definitions) as F[];
  const synonyms = new Map(fields.map((field) => [field, definitions[field].synonyms.map(normaliseHeader)]));
  const candidates: Candidate<F>[] = [];
  headers.forEach((raw, column) => {
    const header = normaliseHeader(raw);
    if (header === '') return;
    const ranked = fields.flatMap((field) => {
      const rank = rankOf(header, definitions[field], synonyms.get(field) ?? []);
      return rank === null ? [] : [{ column, field, rank }];
    });
    const contained = ranked.filter((c) => c.rank >= CONTAINED).sort((a, b) => a.rank - b.rank);
    const tied = contained.length > 1 && Math.floor(contained[0].rank / 100) === Math.floor(contained[1].rank / 100);
    candidates.push(...ranked.filter((c) => c.rank < CONTAINED || !tied));
  });
  candidates.sort((a, b) => a.rank - b.rank || a.column - b.column);
  const mapping: (F | null)[] = headers.map(() => null);
  const taken = new Set<F>();
  for (const { column, field } of candidates) {
    if (mapping[column] !== null || taken.has(field)) continue;
    mapping[column] = field;
    taken.add(field);
  }
  return mapping;
}

/** The column a field was mapped to, or -1. */
export function columnOf<F extends string>(mapping: readonly (F | null)[], field: F): number {
  return mapping.indexOf(field);
}

/** The required fields no column was mapped to (a member file without a phone column, say). */
export function unmappedRequired<F extends string>(mapping: readonly (F | null)[], definitions: Record<F, FieldDefinition>): F[] {
  return (Object.keys(definitions) as F[]).filter((field) => definitions[field].required && !mapping.includes(field));
}
