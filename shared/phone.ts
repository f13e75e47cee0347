import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const MAINLAND_MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;

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

/**
 * The E.164 form to look a typed number up by. Stored phones were validated on the way in, so a
 * mainland-mobile-shaped number needs no validation to be looked up (and skips the library's
 * slower parse); anything else goes through normalisePhone.
 */
export function phoneLookupKey(raw: string): string | null {
  const mobile = MAINLAND_MOBILE.exec(raw);
  return mobile ? `+86${mobile[1]}` : normalisePhone(raw);
}

/** Digits of an E.164 phone, reversed, so a phone tail becomes an indexable prefix. */
export function phoneTailKey(e164: string): string {
  return e164.replace(/\D/g, '').split('').reverse().join('');
}

/**
 * How staff read a phone: mainland numbers in national form as dialled (138 1234 5678,
 * 021 6234 5678, 0755 1234 5678), others in E.164. Only the metadata knows where a landline's
 * area code ends, and that an 11-digit 755… is a Shenzhen landline rather than a mobile.
 */
export function displayPhone(e164: string): string {
  if (e164.startsWith('+86')) return parsePhoneNumberFromString(e164)?.formatNational() ?? e164.slice(3);
  return e164;
}

/** PIPL: outside the member in front of them, clerks see 138****5678. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+86') ? e164.slice(3) : e164;
  if (national.length <= 7) return national.slice(0, 2) + '****';
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}
