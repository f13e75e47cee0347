import type { Statement } from 'better-sqlite3';
import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

// HQ's conflicts list and the values HQ chose (services/hq/conflicts.ts, reports.ts, people.ts):
// a person is a phone; each differing profile value of their members is a conflict.

/** A live member of a person, with the profile fields compared across branches. */
export interface PersonMember {
  id: string;
  branch_id: string;
  phone: string;
  updated_at: string;
  name: string | null;
  gender: string | null;
  birthday: string | null;
  email: string | null;
  address: string | null;
}

/** An open conflict as a merge writes it; its id is made from its content (conflictId). */
export type OpenConflict = [id: string, personKey: string, field: string, memberId: string, value: string, valueUpdatedAt: string];

/** A line of the conflicts list: the conflict, its member's branch, and who decided it. */
export interface ConflictRow {
  id: string;
  person_key: string;
  field: string;
  member_id: string;
  value: string;
  value_updated_at: string;
  status: 'open' | 'resolved';
  resolved_value: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  code: string;
  branch_name: string;
  member_name: string;
  resolved_by_name: string | null;
  chosen: string | null;
}

/** One field's value as a person's live member holds it now. */
export interface HeldValue {
  id: string;
  value: string | null;
  updated_at: string;
}

export const hqConflictQueries = perDatabase((db: DB) => {
  const liveMembers = db.prepare<[string], PersonMember>(
    `SELECT id, branch_id, phone, updated_at, name, gender, birthday, email, address
       FROM main.members WHERE phone = ? AND merged_into IS NULL`,
  );
  const openIds = db.prepare<[string], string>("SELECT id FROM hq_conflicts WHERE person_key = ? AND status = 'open'").pluck();
  const openCount = db.prepare<[string], number>("SELECT COUNT(*) FROM hq_conflicts WHERE person_key = ? AND status = 'open'").pluck();
  const drop = db.prepare<[string]>('DELETE FROM hq_conflicts WHERE id = ?');
  const upsertOpen = db.prepare<OpenConflict>(
    `INSERT INTO hq_conflicts (id, person_key, field, member_id, value, value_updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET value_updated_at = excluded.value_updated_at
       WHERE hq_conflicts.status = 'open' AND hq_conflicts.value_updated_at IS NOT excluded.value_updated_at`,
  );
  const exists = db.prepare<[string], number>('SELECT 1 FROM hq_conflicts WHERE id = ?').pluck();
  const choices = db.prepare<[string], { field: string; value: string }>('SELECT field, value FROM hq_person_choices WHERE person_key = ?');
  const count = db.prepare<[string], number>('SELECT COUNT(*) FROM hq_conflicts WHERE status = ?').pluck();
  const page = db.prepare<[string, number, number], ConflictRow>(
    `SELECT c.*, b.code, b.name AS branch_name, m.name AS member_name, s.name AS resolved_by_name, ch.value AS chosen
       FROM hq_conflicts c JOIN members m ON m.id = c.member_id JOIN branches b ON b.id = m.branch_id
       LEFT JOIN staff s ON s.id = c.resolved_by LEFT JOIN hq_person_choices ch ON ch.person_key = c.person_key AND ch.field = c.field
      WHERE c.status = ? ORDER BY c.person_key, c.field, c.value_updated_at DESC LIMIT ? OFFSET ?`,
  );
  const byId = db.prepare<[string], { person_key: string; field: string }>('SELECT person_key, field FROM hq_conflicts WHERE id = ?');
  const valuesSeen = db.prepare<[string, string], string>('SELECT value FROM hq_conflicts WHERE person_key = ? AND field = ?').pluck();
  const choose = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO hq_person_choices (person_key, field, value, chosen_at, chosen_by) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_key, field) DO UPDATE SET value = excluded.value, chosen_at = excluded.chosen_at, chosen_by = excluded.chosen_by`,
  );
  const resolveField = db.prepare<[string, string, string, string, string, string]>(
    `UPDATE hq_conflicts SET status = 'resolved', resolved_value = ?, resolved_at = ?, resolved_by = ?
      WHERE person_key = ? AND field = ? AND (status = 'open' OR resolved_value IS NOT ?)`,
  );
  const insertDecided = db.prepare<[...OpenConflict, string, string, string]>(
    `INSERT INTO hq_conflicts (id, person_key, field, member_id, value, value_updated_at, status, resolved_value, resolved_at, resolved_by)
     VALUES (?, ?, ?, ?, ?, ?, 'resolved', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  // One statement per profile field, the column being the field.
  const held = new Map<string, Statement<[string], HeldValue>>();
  const heldOf = (field: string) => {
    let stmt = held.get(field);
    if (!stmt) {
      stmt = db.prepare<[string], HeldValue>(
        `SELECT id, ${field} AS value, updated_at FROM members WHERE phone = ? AND merged_into IS NULL`,
      );
      held.set(field, stmt);
    }
    return stmt;
  };
  return {
    liveMembers: (phone: string) => liveMembers.all(phone),
    openConflictIds: (phone: string) => openIds.all(phone),
    openConflictCount: (phone: string) => openCount.get(phone)!,
    dropConflict: (id: string) => drop.run(id),
    /** A new open conflict, or a known one's update time if it is still open. */
    upsertOpenConflict: (row: OpenConflict) => upsertOpen.run(...row),
    conflictExists: (id: string) => exists.get(id) !== undefined,
    /** The values HQ chose for the person's fields. */
    choices: (phone: string) => choices.all(phone),
    conflictCount: (status: 'open' | 'resolved') => count.get(status)!,
    conflicts: (status: 'open' | 'resolved', limit: number, offset: number) => page.all(status, limit, offset),
    conflict: (id: string) => byId.get(id),
    valuesSeen: (phone: string, field: string) => valuesSeen.all(phone, field),
    /** HQ keeps `value` for the person's field from now on. */
    choose: (phone: string, field: string, value: string, at: string, by: string) => choose.run(phone, field, value, at, by),
    /** Every conflict on the field not already decided for `value` is decided for it; returns how many. */
    resolveField: (phone: string, field: string, value: string, at: string, by: string) =>
      resolveField.run(value, at, by, phone, field, value).changes,
    /** A conflict recorded as already decided (for `value`), unless it is on the list. */
    insertDecided: (row: OpenConflict, value: string, at: string, by: string) => insertDecided.run(...row, value, at, by),
    /** `field` (one of the profile fields a conflict is on) as each of the person's live members holds it. */
    heldValues: (phone: string, field: string) => heldOf(field).all(phone),
  };
});

/**
 * Reads the branch file a merge has attached as `x`: an accessor of its own, so nothing else
 * prepares a statement on a file that is not there.
 */
export const fileConflictQueries = perDatabase((db: DB) => {
  const touchedPhones = db
    .prepare<{ branch: string }, string>(
      `SELECT f.phone FROM (SELECT DISTINCT phone FROM x.members) f
        WHERE EXISTS (SELECT 1 FROM main.members m WHERE m.phone = f.phone AND m.branch_id <> @branch)
           OR EXISTS (SELECT 1 FROM hq_conflicts c WHERE c.person_key = f.phone AND c.status = 'open')`,
    )
    .pluck();
  return {
    /** The file's phones that another branch has too, or that have open conflicts. */
    sharedPhones: (branchId: string) => touchedPhones.all({ branch: branchId }),
  };
});
