import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import type { Role } from '../../../shared/roles';
import type { Locale } from '../../../shared/contract/common';

export interface StaffRow {
  id: string;
  branch_id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: 0 | 1;
  locale: Locale;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

/** This database's own staff: an HQ also keeps each branch's staff (names only, no PINs) for its reports. */
const OWN = "branch_id = (SELECT value FROM settings WHERE key = 'self_branch_id')";

export const staffQueries = perDatabase((db: DB) => {
  const byId = db.prepare<[string], StaffRow>('SELECT * FROM staff WHERE id = ?');
  const byName = db.prepare<[string], StaffRow>(`SELECT * FROM staff WHERE name = ? AND ${OWN}`);
  const all = db.prepare<[], StaffRow>(`SELECT * FROM staff WHERE ${OWN}
     ORDER BY active DESC, CASE role WHEN 'admin' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END, name`);
  const insert = db.prepare(
    `INSERT INTO staff (id, branch_id, name, role, pin_hash, active, locale, created_at, updated_at)
     VALUES (@id, @branch_id, @name, @role, @pin_hash, @active, @locale, @created_at, @updated_at)`,
  );
  const update = db.prepare(
    `UPDATE staff SET role = @role, active = @active, pin_hash = @pin_hash, locale = @locale,
       failed_logins = @failed_logins, locked_until = @locked_until, updated_at = @updated_at WHERE id = @id`,
  );
  const countActiveAdmins = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM staff WHERE role = 'admin' AND active = 1 AND ${OWN}`);
  const recordLoginFailure = db.prepare<[string | null, string]>(
    'UPDATE staff SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ?',
  );
  // Not updated_at: the hash stays at the branch (hq-export's KEPT_HOME), and a new updated_at
  // would send HQ a staff row with nothing changed in it.
  const setOwnPin = db.prepare<[string, string]>('UPDATE staff SET pin_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?');
  const recordLoginSuccess = db.prepare<[string]>('UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?');
  return {
    byId: (id: string) => byId.get(id) ?? null,
    byName: (name: string) => byName.get(name) ?? null,
    all: () => all.all(),
    insert: (row: StaffRow) => insert.run(row),
    update: (row: StaffRow) => update.run(row),
    activeAdmins: () => countActiveAdmins.get()!.n,
    recordLoginFailure: (id: string, lockedUntil: string | null) => recordLoginFailure.run(lockedUntil, id),
    recordLoginSuccess: (id: string) => recordLoginSuccess.run(id),
    setOwnPin: (id: string, pinHash: string) => setOwnPin.run(pinHash, id),
  };
});
