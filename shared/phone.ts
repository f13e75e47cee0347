import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phones are stored in E.164 (`+8613812345678`). Input may carry +86 / 0086 / 86 prefixes,
 * spaces, dashes, brackets and full-width digits (NFKC folds those to ASCII first).
 * Returns null when the number is not a valid phone number.
 */
export function normalisePhone(raw: string): string | null {
  const folded = raw.normalize('NFKC').replace(/[\s\u3000\-–—().·]/g, '');
  if (folded.length < 5 || folded.length > 20 || !/^\+?\d+$/.test(folded)) return null;
  const parsed = parsePhoneNumberFromString(folded, 'CN');
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/** Digits of an E.164 phone, reversed, so a phone tail becomes an indexable prefix. */
export function phoneTailKey(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/** How staff read a phone: mainland numbers in national form, others in E.164. */
export function displayPhone(e164: string): string {
  if (e164.startsWith('+86')) {
    const national = e164.slice(3);
    return national.length === 11 ? `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}` : national;
  }
  return e164;
}

/** PIPL: outside the member in front of them, clerks see 138****5678. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+86') ? e164.slice(3) : e164;
  if (national.length <= 7) return national.slice(0, 2) + '****';
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}
