import { hasCjk } from '../../../shared/text';

/** What the clerk typed becomes the new member's phone (digits) or name (Chinese characters). */
export function newMemberPath(typed: string): string {
  const q = typed.trim();
  if (!q) return '/members/new';
  const digits = q.normalize('NFKC').replace(/[\s\-()+]/g, '');
  if (/^\d{5,}$/.test(digits)) return `/members/new?phone=${encodeURIComponent(q)}`;
  if (hasCjk(q)) return `/members/new?name=${encodeURIComponent(q)}`;
  return '/members/new';
}
