import type { DB } from './connection';

/**
 * HQ's indexes (docs/hq.md "HQ's indexes"). An HQ database has the branch schema, tables,
 * columns, keys and constraints alike, but it is read differently: nobody serves a customer at
 * HQ, and every file it merges brings one branch's rows. So the indexes the counter uses (search
 * by name and pinyin, a member's open points lots, today's follow-up queue, refunds of a sale)
 * are not kept there, and the indexes HQ reads by lead with the branch: a file's rows then land
 * in its own branch's part of each index instead of all over it, and a merge costs what the
 * file holds rather than what HQ holds.
 *
 * Applied when a database is set up as an HQ and checked each time one is opened, so a later
 * migration that (re)creates a counter index is undone at HQ. A migration that drops one of the
 * indexes below must say `DROP INDEX IF EXISTS`: an HQ does not have it.
 */
export const HQ_DROPPED_INDEXES = [
  'members_name',
  'members_py_initials',
  'members_py_full',
  'members_phone_rev',
  'members_birthday_md',
  'members_tier_review',
  'purchases_member',
  'purchases_occurred',
  'purchases_original',
  'points_ledger_member',
  'points_ledger_purchase',
  'points_ledger_shortfall',
  'points_ledger_member_shortfall',
  'followups_queue',
  'followups_member',
  'followups_purchase',
  'followups_completed',
] as const;

export const HQ_INDEXES = {
  // A member's sales (HQ's person page; following a branch's member merge).
  hq_purchases_member: 'purchases(branch_id, member_id, occurred_at, kind, paid_fen)',
  // A branch's sales in a period (branch comparison), covering.
  hq_purchases_occurred: 'purchases(branch_id, occurred_at, kind, member_id, paid_fen)',
  // A branch's points in a period and outstanding at its end, covering.
  hq_ledger_created: 'points_ledger(branch_id, created_at, kind, points)',
} as const;

/** Brings an HQ database's indexes to HQ's set; does nothing when they already are. */
export function applyHqLayout(db: DB): boolean {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all() as string[]);
  const drop = HQ_DROPPED_INDEXES.filter((name) => present.has(name));
  const create = Object.entries(HQ_INDEXES).filter(([name]) => !present.has(name));
  if (drop.length === 0 && create.length === 0) return false;
  db.transaction(() => {
    for (const name of drop) db.exec(`DROP INDEX ${name}`);
    for (const [name, on] of create) db.exec(`CREATE INDEX ${name} ON ${on}`);
  }).immediate();
  return true;
}
