import { createHash } from 'node:crypto';
import type { ExportManifest } from '../../shared/contract/hq';
import type { DB } from '../../db/connection';
import { fileConflictQueries, hqConflictQueries, type OpenConflict, type PersonMember } from '../../db/queries/hq/conflicts';

// People across branches at HQ (docs/hq.md "People across branches"): a person is a phone. Their
// members' profiles are compared field by field; the newest non-empty value wins (update time,
// then branch id) and every differing value is on the conflicts list until HQ decides it.

/** The profile fields compared across a person's members. */
const PERSON_FIELDS = ['name', 'gender', 'birthday', 'email', 'address'] as const;

/** A profile value that says nothing: no value, or a gender left unspecified. */
export const emptyValue = (field: string, v: string | null) => v === null || v === '' || (field === 'gender' && v === 'unspecified');
/** Newest first: update time, then branch id (the tie-break DESIGN.md §6 names). */
const newer = (a: PersonMember, b: PersonMember) =>
  a.updated_at !== b.updated_at
    ? a.updated_at > b.updated_at
      ? -1
      : 1
    : a.branch_id > b.branch_id
      ? -1
      : a.branch_id < b.branch_id
        ? 1
        : 0;

export function conflictId(personKey: string, field: string, memberId: string, value: string): string {
  return createHash('sha256').update(`${personKey}\u0000${field}\u0000${memberId}\u0000${value}`).digest('hex').slice(0, 32);
}

/** The profile HQ shows for a person: per field, the newest non-empty value (a value HQ chose wins). */
export function personProfile(
  members: PersonMember[],
  choices: Map<string, string>,
): Record<(typeof PERSON_FIELDS)[number], string | null> {
  const sorted = [...members].sort(newer);
  const out = {} as Record<(typeof PERSON_FIELDS)[number], string | null>;
  for (const field of PERSON_FIELDS) {
    out[field] = choices.get(field) ?? sorted.find((m) => !emptyValue(field, m[field]))?.[field] ?? null;
  }
  return out;
}

/**
 * Brings the conflicts list of every person this file touched to what their members say now:
 * each differing non-empty value of a live member is an open conflict (unless HQ decided it), and
 * an open conflict nothing holds any more goes: its member was merged away at its branch, changed
 * its value, or took another phone, or its person is at one branch only now. So the open list
 * depends only on the member rows, not on the order files came in; ids are made from content,
 * so whichever file arrives second writes the same rows. Decided conflicts stay as HQ's record.
 */
export function settleConflicts(db: DB, manifest: ExportManifest, phonesBefore: string[]): { conflicts: number; linked: Set<string> } {
  // The persons touched: the phones the file's members had before (a member that took another
  // phone leaves its old person) and have now; of these, only those another branch has too, or
  // with open conflicts, can need anything (most of a branch's customers are its own).
  const shared = fileConflictQueries(db).sharedPhones(manifest.branch.id);
  const phones = new Set([...phonesBefore, ...shared]);
  const q = hqConflictQueries(db);
  let conflicts = 0;
  const linked = new Set<string>();
  for (const phone of phones) {
    const members = q.liveMembers(phone);
    const wanted = new Map<string, OpenConflict>();
    if (new Set(members.map((m) => m.branch_id)).size >= 2) {
      for (const m of members) if (m.branch_id === manifest.branch.id) linked.add(m.id);
      const sorted = [...members].sort(newer);
      // A value HQ chose holds from then on: only a value other than it is a conflict (one HQ
      // already decided keeps its id and stays resolved), whichever branch edited last.
      const choices = new Map(q.choices(phone).map((c) => [c.field, c.value]));
      for (const field of PERSON_FIELDS) {
        const chosen = choices.get(field);
        const winner = chosen === undefined ? sorted.find((m) => !emptyValue(field, m[field]))?.[field] : chosen;
        if (winner === undefined || winner === null) continue;
        for (const m of sorted) {
          const value = m[field];
          if (value === null || emptyValue(field, value) || value === winner) continue;
          const id = conflictId(phone, field, m.id, value);
          wanted.set(id, [id, phone, field, m.id, value, m.updated_at]);
        }
      }
    }
    for (const id of q.openConflictIds(phone)) if (!wanted.has(id)) q.dropConflict(id);
    for (const row of wanted.values()) {
      const fresh = !q.conflictExists(row[0]);
      q.upsertOpenConflict(row);
      if (fresh) conflicts++;
    }
  }
  return { conflicts, linked };
}
