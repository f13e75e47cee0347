import { z } from 'zod';
import { MEMBER_NOTES_MAX } from '../contract/members';
import {
  cleanPlainText,
  cleaned,
  isScientific,
  nothingOrError,
  refused,
  rewrite,
  tidyText,
  type CleanStep,
  type Cleaned,
  type ImportCell,
} from './cleaning';

// Limits as the contract has them (shared/contract/members.ts, tiers.ts, categories.ts, purchases.ts).
const NAME_MAX = 40;
const ADDRESS_MAX = 200;
const EMAIL_MAX = 100;
const TIER_NAME_MAX = 20;
const CATEGORY_MAX = 40;
const RECEIPT_MAX = 40;
const CARD_MAX = 32;

// A space between two Chinese characters in a name is padding: sheets align 王　芳 with 欧阳娜娜.
const SPACE_IN_HAN = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/** A member's name: tidied, the padding inside a Chinese name taken out; a Latin name keeps its spaces. */
export function cleanName(cell: ImportCell): Cleaned<string> {
  const text = cleanPlainText(cell, { fold: 'letters', lines: 'one' }, Number.MAX_SAFE_INTEGER);
  if (!text.ok || text.value === null) return text;
  const name = rewrite(text.steps, 'name.cjkSpaces', text.value, text.value.replace(SPACE_IN_HAN, ''));
  return [...name].length > NAME_MAX ? refused('text.tooLong', text.steps, NAME_MAX) : cleaned(name, text.steps);
}

/** Notes keep their line breaks and their Chinese punctuation. */
export const cleanNotes = (cell: ImportCell) => cleanPlainText(cell, { fold: 'letters', lines: 'many' }, MEMBER_NOTES_MAX);
export const cleanAddress = (cell: ImportCell) => cleanPlainText(cell, { fold: 'letters', lines: 'one' }, ADDRESS_MAX);
/** A tier's name as the file has it; which tier it is, is the import's to find. */
export const cleanTierName = (cell: ImportCell) => cleanPlainText(cell, { fold: 'letters', lines: 'one' }, TIER_NAME_MAX);
export const cleanCategory = (cell: ImportCell) => cleanPlainText(cell, { fold: 'letters', lines: 'one' }, CATEGORY_MAX);

const Email = z.email();

/** An email as the member form takes it (the contract's own check); ＠ and full-width letters folded. */
export function cleanEmail(cell: ImportCell): Cleaned<string> {
  const text = cleanPlainText(cell, { fold: 'all', lines: 'one' }, EMAIL_MAX);
  if (!text.ok || text.value === null) return text;
  return Email.safeParse(text.value).success ? text : refused('email.invalid', text.steps);
}

/**
 * A card number from this or another system, written as BranchDesk writes its own (SH0100000001):
 * no spaces, capitals. Its leading zeros are only there if the sheet kept the cell as text.
 */
export function cleanCardNo(cell: ImportCell): Cleaned<string> {
  const steps: CleanStep[] = [];
  const text = tidyText(cell, { fold: 'all', lines: 'one' }, steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  if (isScientific(text)) return refused('cell.scientific', steps);
  const joined = rewrite(steps, 'card.spaces', text, text.replace(/\s+/g, ''));
  const card = rewrite(steps, 'card.upperCase', joined, joined.toUpperCase());
  if (!/^[A-Z0-9][A-Z0-9_-]*$/.test(card)) return refused('card.invalid', steps);
  return card.length > CARD_MAX ? refused('text.tooLong', steps, CARD_MAX) : cleaned(card, steps);
}

/** A till's receipt number, kept as written (tidied): it is what makes a sale count once. */
export function cleanReceiptNo(cell: ImportCell): Cleaned<string> {
  const receipt = cleanPlainText(cell, { fold: 'all', lines: 'one' }, RECEIPT_MAX);
  return receipt.ok && receipt.value !== null && isScientific(receipt.value) ? refused('cell.scientific', receipt.steps) : receipt;
}
