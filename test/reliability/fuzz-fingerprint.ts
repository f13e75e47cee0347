import type Database from 'better-sqlite3';

// Did a refused call change the database? Read on the fuzz run's own connection: SQLite's
// `data_version` changes when any other connection commits (the server's, its job runner's, its
// side host's), so an unchanged number after a refused call means it committed nothing, inserts
// and updates alike. Per-table counts, read again only when the number moved, say where.
//
// The server runs with --no-chores (electron/web.ts): no hourly chores, idle catch-up or
// background jobs write on their own meanwhile, so every commit seen is the call's.

export interface Fingerprint {
  version: number;
  counts: Map<string, number>;
}

const counters = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function tableCounts(db: Database.Database): Map<string, number> {
  let statements = counters.get(db);
  if (!statements) counters.set(db, (statements = new Map()));
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts = new Map<string, number>();
  for (const table of tables) {
    if (!statements.has(table)) statements.set(table, db.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck());
    counts.set(table, statements.get(table)!.get() as number);
  }
  return counts;
}

/** The database's fingerprint now: `last` itself when nothing was committed since it was read. */
export function dataFingerprint(db: Database.Database, last?: Fingerprint): Fingerprint {
  const version = db.pragma('data_version', { simple: true }) as number;
  if (last && last.version === version) return last;
  return { version, counts: tableCounts(db) };
}

/** Refusals that write on purpose, and the tables whose row counts they may change. */
const ON_PURPOSE: Array<{ method: RegExp; code: string; tables: string[]; reason: string }> = [
  {
    method: /^auth\.login$/,
    code: 'WRONG_CREDENTIALS',
    tables: ['audit_log'],
    reason: 'a wrong PIN at login is counted on the staff row (three lock the name) and audited (auth.loginFailed)',
  },
  {
    method: /^auth\.resume$/,
    code: 'WRONG_CREDENTIALS',
    tables: ['audit_log'],
    reason: 'a wrong PIN on the lock screen counts towards the lock-out as at login, and is audited (auth.resumeFailed)',
  },
  {
    method: /^staff\.changeOwnPin$/,
    code: 'WRONG_CREDENTIALS',
    tables: ['audit_log'],
    reason: 'a wrong current PIN when changing it counts towards the lock-out as at login',
  },
  {
    method: /^hq\.merge$/,
    code: 'BAD_FILE',
    tables: ['audit_log'],
    reason:
      'HQ writes each branch file it refuses in its audit log (hq.mergeRefused: the name and the reason); its records stay as they were',
  },
  {
    method: /^reports\./,
    code: 'REPORTS_BUILDING',
    tables: ['jobs', 'report_state', 'report_periods', 'report_breakdown', 'report_members'],
    reason: 'a report whose summaries need building queues their build job and says so (derived work, as docs/jobs.md has it)',
  },
];

/** Whether a refused call's write is one it makes on purpose, and which; else where it wrote. */
export function explainRefusedWrite(
  method: string,
  code: string,
  before: Fingerprint,
  after: Fingerprint,
): { ok: boolean; reason: string } {
  const changed = [...after.counts]
    .filter(([table, n]) => before.counts.get(table) !== n)
    .map(([table, n]) => `${table} ${before.counts.get(table) ?? 0} → ${n}`);
  const tables = changed.map((c) => c.split(' ')[0]);
  const purpose = ON_PURPOSE.find((p) => p.method.test(method) && p.code === code && tables.every((t) => p.tables.includes(t)));
  if (purpose) return { ok: true, reason: `${method} ${code}: ${purpose.reason}` };
  return { ok: false, reason: changed.length > 0 ? changed.join(', ') : 'rows changed in place' };
}
