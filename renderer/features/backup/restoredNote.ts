/** sessionStorage key: a restore just ended every session; the login page says to when the store went back. */
export const RESTORED_NOTE = 'branchdesk.restored';

/** What a restore left for the login page, once (read and forgotten). */
export function takeRestoredNote(): { to: string | null; preRestoreFile: string | null } | null {
  const raw = sessionStorage.getItem(RESTORED_NOTE);
  if (raw === null) return null;
  sessionStorage.removeItem(RESTORED_NOTE);
  try {
    return JSON.parse(raw) as { to: string | null; preRestoreFile: string | null };
  } catch {
    return null;
  }
}
