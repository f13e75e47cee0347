import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backupsDirFor } from '../../db/backup-files';
import type { DB } from '../../db/connection';
import { auditQueries } from '../../db/queries/core/audit';
import { erasureQueries, type ErasureRow } from '../../db/queries/members/erasure';
import { memberQueries } from '../../db/queries/members/members';
import { eraseMemberRows } from './erase-rows';

// The erasure list beside the backups (docs/backup.md "The erasure list"): one line per erased
// member, nothing personal. A backup taken before an erasure still holds the person; the list
// outlives any restore, so the restored store erases them again.

/** The list's file name, in the backups folder and beside each copy of the backups elsewhere. */
export const ERASURE_LIST_FILE = 'erasures.jsonl';

/** The list's file in the store's backups folder: one JSON object per line. */
export function erasureListPath(dbPath: string): string {
  return join(backupsDirFor(dbPath), ERASURE_LIST_FILE);
}

function isErasure(v: unknown): v is ErasureRow {
  const r = v as Partial<ErasureRow> | null;
  return !!r && typeof r.member_id === 'string' && typeof r.branch_id === 'string' && typeof r.erased_at === 'string';
}

/** The lines of the store's list (none when there is none). */
export function readErasureList(dbPath: string): ErasureRow[] {
  return readErasureFile(erasureListPath(dbPath));
}

/** The lines of a list file (none when there is none); a line that does not read is skipped, the rest still count. */
export function readErasureFile(path: string): ErasureRow[] {
  if (!existsSync(path)) return [];
  const rows: ErasureRow[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      if (isErasure(parsed)) rows.push({ ...parsed, erased_by: parsed.erased_by ?? null });
    } catch {
      // a line cut off by a crash of an older writer: the others stand
    }
  }
  return rows;
}

/**
 * Writes the file again with `rows` added to what it holds: written whole under `.partial`,
 * synced, then renamed over the old one, so a crash leaves the old list or the new, never half.
 */
export function appendToErasureList(dbPath: string, rows: ErasureRow[]): void {
  mkdirSync(backupsDirFor(dbPath), { recursive: true });
  addToErasureFile(erasureListPath(dbPath), rows);
}

/** The same for any list file (the second destination's copy): `rows` added to its lines, written whole. */
export function addToErasureFile(path: string, rows: ErasureRow[]): void {
  const byMember = new Map(readErasureFile(path).map((r) => [r.member_id, r]));
  for (const r of rows) if (!byMember.has(r.member_id)) byMember.set(r.member_id, r);
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  try {
    const text = [...byMember.values()]
      .map((r) => JSON.stringify({ member_id: r.member_id, branch_id: r.branch_id, erased_at: r.erased_at, erased_by: r.erased_by }))
      .join('\n');
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

/**
 * The list beside a backup that is not in the store's own folder (the second destination, a
 * stick carried to a new PC): the store's list goes there with each backup copied.
 */
export function erasureFileBeside(backupPath: string): string {
  return join(dirname(backupPath), ERASURE_LIST_FILE);
}

/**
 * Erases again, on `db`, every member the list names that it does not know as erased: after a
 * restore from an older backup (services/backup/restore.ts) and at each open when the file is
 * there. A member the store does not hold (registered after its backup) is only listed. Each
 * erasure writes its own audit row, as the admin's did. Answers how many members it erased.
 */
export function reapplyErasures(db: DB, list: ErasureRow[], now: string, newId: () => string): number {
  const q = erasureQueries(db);
  let erased = 0;
  for (const line of list) {
    if (q.byMember(line.member_id)) continue;
    const member = memberQueries(db).byId(line.member_id);
    if (!member || member.erased_at) {
      q.record(line);
      continue;
    }
    eraseMemberRows(
      db,
      {
        memberId: line.member_id,
        at: now,
        by: null,
        audit: (entry) =>
          auditQueries(db).insert({
            id: newId(),
            at: now,
            staff_id: null,
            action: 'members.eraseAgain',
            entity: entry.entity ?? null,
            entity_id: entry.entityId ?? null,
            before_json: null,
            after_json: JSON.stringify({ ...(entry.after as object), erasedAt: line.erased_at, erasedBy: line.erased_by }),
          }),
      },
      null,
    );
    erased += 1;
  }
  return erased;
}
