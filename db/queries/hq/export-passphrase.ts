import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

// The chain's export passphrase (docs/hq.md "Encrypted export files"), a row of the settings
// table at a branch and at HQ. In a plain store it is in clear in the file, like every member
// there: it protects the files sent to HQ, and a store that wants it protected at rest turns
// encryption on.

const KEY = 'export_passphrase';

export const exportPassphraseQueries = perDatabase((db: DB) => {
  const get = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  return {
    /** The passphrase, null when none is set. */
    get: (): string | null => get.get(KEY) ?? null,
    set: (passphrase: string) => set.run(KEY, passphrase).changes,
    /** How many rows it removed (0: none was set). */
    remove: () => remove.run(KEY).changes,
  };
});
