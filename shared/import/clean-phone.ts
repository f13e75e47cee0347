import { normalisePhone } from '../phone';
import {
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

/** How a cleaned number reaches the member: stored in E.164 whatever its kind (docs/import.md "Phones"). */
export type PhoneKind = 'mobile' | 'landline' | 'foreign';
export interface CleanPhone {
  e164: string;
  kind: PhoneKind;
}

// Between two numbers in one cell ("13800138000/13900139000", "…、…"); NFKC has already folded
// full-width commas, semicolons and slashes. Spaces are not among them: "138 0013 8000" is one.
const SEVERAL = /[/,;|、\n]+/;
const SEVERAL_BY_SPACES = /^\+?\d{11,}(?: \+?\d{11,})+$/;
const EXTENSION = /\s*(?:转|分机|ext\.?|x|#)\s*\d{1,6}$/i;
// Every dash a keyboard, an IME or a word processor makes: Unicode's dash punctuation (- ‐ ‑ ‒ – —
// ― ﹘ ﹣ － …), the minus sign, the katakana long vowel mark a Chinese IME offers for "-", and
// the box-drawing line some people type instead.
const DASHES = /[\p{Pd}\u2212\u30FC\uFF70\u2500]/gu;
const MOBILE = /^1[3-9]\d{9}$/;
// 400/800 numbers and the short service numbers (95588, 10086): a company's line, never a customer's.
const SERVICE = /^(?:[48]00\d{7}|9[56]\d{3,6}|1\d{4})$/;
const LANDLINE = /^0[1-9]\d{8,10}$/;
const LOCAL_ONLY = /^[2-9]\d{6,7}$/;

/**
 * A phone cell: mainland mobiles and landlines to E.164 through shared/phone.ts, numbers abroad
 * kept in their own country code. Steps bring the text to the number as dialled in China
 * (13800138000, 02162345678); the value is its stored form.
 */
export function cleanPhone(cell: ImportCell): Cleaned<CleanPhone> {
  const steps: CleanStep[] = [];
  const text = tidyText(cell, { fold: 'all', lines: 'many' }, steps);
  const early = nothingOrError(text, steps);
  if (early) return early;
  if (isScientific(text)) return refused('cell.scientific', steps);

  const parts = SEVERAL_BY_SPACES.test(text) ? text.split(' ') : text.split(SEVERAL).filter((p) => p.trim() !== '');
  if (parts.length <= 1) return cleanOnePhone(text, steps);
  // Several numbers: a mobile reaches the member (the counter finds them by it), else the first
  // that is a number at all. The step shows the whole cell, so nothing is dropped unseen.
  const tries = parts.map((part) => ({ part: part.trim(), result: cleanOnePhone(part.trim(), []) }));
  const chosen =
    tries.find((t) => t.result.ok && t.result.value?.kind === 'mobile') ?? tries.find((t) => t.result.ok && t.result.value) ?? tries[0];
  rewrite(steps, 'phone.several', text, chosen.part);
  return { ...chosen.result, steps: [...steps, ...chosen.result.steps] };
}

function cleanOnePhone(start: string, steps: CleanStep[]): Cleaned<CleanPhone> {
  let text = rewrite(steps, 'phone.extension', start, start.replace(EXTENSION, ''));
  // A float column written out by a script (13800138000.0).
  text = rewrite(steps, 'phone.decimalTail', text, text.replace(/^(\d{11,})\.0+$/, '$1'));
  text = rewrite(steps, 'phone.spaces', text, text.replace(/\s+/g, ''));
  text = rewrite(steps, 'phone.dashes', text, text.replace(DASHES, ''));
  text = rewrite(steps, 'phone.brackets', text, text.replace(/[()[\]{}]/g, ''));
  text = rewrite(steps, 'phone.dots', text, text.replace(/[.·・]/g, ''));
  if (!/^\+?\d{3,20}$/.test(text)) return refused('phone.invalid', steps);

  if (/^(?:\+|00)(?!86)/.test(text)) {
    const e164 = normalisePhone(text);
    if (e164 === null) return refused('phone.invalid', steps);
    rewrite(steps, 'phone.internationalPrefix', text, e164);
    return cleaned({ e164, kind: 'foreign' }, steps);
  }
  const national = rewrite(steps, 'phone.countryCode', text, withoutCountryCode(text));
  return mainland(rewrite(steps, 'phone.leadingZero', national, national.replace(/^0(?=1[3-9]\d{9}$)/, '')), steps);
}

/**
 * +86 and 0086 always go; a bare 86 only where what follows is a whole number from abroad's view
 * (a mobile, or an area code without its 0), so a local number that starts with 86 is left alone.
 * A landline dialled from abroad lost its 0: it gets it back, as dialled in China.
 */
function withoutCountryCode(text: string): string {
  const code = /^(?:\+86|0086|86(?=\d{9,11}$))(.*)$/.exec(text);
  if (!code) return text;
  const rest = code[1];
  if (text.startsWith('86') && !MOBILE.test(rest) && /^[01]/.test(rest)) return text;
  return MOBILE.test(rest) || SERVICE.test(rest) || rest.startsWith('0') ? rest : `0${rest}`;
}

// normalisePhone checks a number against the full metadata, about 25 µs: 2.5 s of a 100,000-member
// preview, 25 s of a million sales. For an eleven-digit 1[3-9] number the metadata's only pattern
// that can match is the mobile one, and it tells numbers apart by their first five digits at most
// (1740[0-5], 1610, 14[57], 19[0-35-9] …; the test checks every prefix against the library), so
// one answer per five-digit prefix serves every number under it: at most 70,000, and a file meets
// them all within its first few thousand rows.
const MOBILE_PREFIX_DIGITS = 5;
const mobilePrefixValid = new Map<string, boolean>();

function mobileE164(national: string): string | null {
  const prefix = national.slice(0, MOBILE_PREFIX_DIGITS);
  let valid = mobilePrefixValid.get(prefix);
  if (valid === undefined) {
    valid = normalisePhone(national) !== null;
    mobilePrefixValid.set(prefix, valid);
  }
  return valid ? `+86${national}` : null;
}

function mainland(national: string, steps: CleanStep[]): Cleaned<CleanPhone> {
  if (SERVICE.test(national)) return refused('phone.serviceNumber', steps);
  if (LOCAL_ONLY.test(national)) return refused('phone.noAreaCode', steps);
  const kind = MOBILE.test(national) ? 'mobile' : LANDLINE.test(national) ? 'landline' : null;
  const e164 = kind === 'mobile' ? mobileE164(national) : kind === 'landline' ? normalisePhone(national) : null;
  return kind === null || e164 === null ? refused('phone.invalid', steps) : cleaned({ e164, kind }, steps);
}
