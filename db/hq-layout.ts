import type { DB } from './database';
import { TRIGGERS as MEMBER_BROWSE_TRIGGERS } from './migrations/0012-member-browse';
import { TRIGGERS as FOLLOWUP_RECHECK_TRIGGERS } from './migrations/0015-followup-recheck';

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
  // the member list's filters and sorts (0012): HQ has no 会员 page
  'members_last_sale',
  'members_tier',
  'members_created',
  'members_consent',
  'members_inactive',
  // possible duplicates (0017): HQ has no such page
  'members_name_twins',
  'members_name_unusual',
  // A branch's own rules of uniqueness: one member to a phone, a receipt number recorded once,
  // a sale voided once, one follow-up to a rule's source. Each branch keeps them on its rows, so
  // at HQ they only ever refused a branch restored from a backup: its rows from before the
  // restore, lost at the branch but already at HQ, and the ones it wrote since (the customer
  // registered again, the receipt typed in again, the birthday call planned again) share them.
  // HQ keeps both, as sent (docs/hq.md "After a restore"); it finds a phone by hq_members_phone.
  'members_phone',
  'purchases_receipt',
  'purchases_void',
  'followups_source',
] as const;

/**
 * The counter's name-middle and card-tail keys, and each member's last sale, are kept by
 * triggers at a branch (0012). HQ has no counter search, and its member rows arrive with the
 * branch's `last_sale_at`: a merge would only pay for rows nobody reads (a trigger per sale and
 * per member), so HQ drops the triggers and keeps no keys. Nor does HQ make follow-ups, so it
 * does not note the members the generator should look at again (0015).
 */
export const HQ_DROPPED_TRIGGERS: readonly string[] = [...MEMBER_BROWSE_TRIGGERS, ...FOLLOWUP_RECHECK_TRIGGERS];
const HQ_EMPTIED_TABLES = ['member_keys', 'followup_recheck'] as const;

export const HQ_INDEXES = {
  // A person's members by phone (the person page, the search, the conflicts): members_phone, not unique.
  hq_members_phone: 'members(phone, branch_id)',
  // A member's sales (HQ's person page; following a branch's member merge).
  hq_purchases_member: 'purchases(branch_id, member_id, occurred_at, kind, paid_fen)',
  // A branch's sales in a period (branch comparison), covering.
  hq_purchases_occurred: 'purchases(branch_id, occurred_at, kind, member_id, paid_fen)',
  // A branch's points in a period and outstanding at its end, covering.
  hq_ledger_created: 'points_ledger(branch_id, created_at, kind, points)',
} as const;

/** Brings an HQ database's indexes to HQ's set; does nothing when they already are. */
export function applyHqLayout(db: DB): boolean {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger')").pluck().all() as string[]);
  const drop = HQ_DROPPED_INDEXES.filter((name) => present.has(name));
  const dropTriggers = HQ_DROPPED_TRIGGERS.filter((name) => present.has(name));
  const create = Object.entries(HQ_INDEXES).filter(([name]) => !present.has(name));
  if (drop.length === 0 && dropTriggers.length === 0 && create.length === 0) return false;
  db.transaction(() => {
    for (const name of drop) db.exec(`DROP INDEX ${name}`);
    for (const name of dropTriggers) db.exec(`DROP TRIGGER ${name}`);
    // Keys nothing keeps up to date any more would only mislead.
    if (dropTriggers.length > 0) for (const table of HQ_EMPTIED_TABLES) db.exec(`DELETE FROM ${table}`);
    for (const [name, on] of create) db.exec(`CREATE INDEX ${name} ON ${on}`);
  }).immediate();
  return true;
}

/**
 * HQ's page size. A branch's full file spreads its sales and points over the whole of HQ's id
 * keys (global ids, made over years at every branch), so each merge rewrites most pages of those
 * keys; with 64 KiB pages it rewrites sixteen times fewer, larger pages, and the b-trees are a
 * level shallower. Measured on twelve full 200,000-sale files: 38 s instead of 57 s, and the
 * time per file grows half as fast (docs/hq.md "Speed"). A branch keeps SQLite's 4 KiB: its
 * writes are one sale at a time.
 */
export const HQ_PAGE_SIZE = 65536;
/** Rewriting a larger HQ would hold up the merge that asked for it for minutes: it keeps its pages. */
export const HQ_PAGE_SIZE_UP_TO_BYTES = 256 * 1024 * 1024;

/**
 * Gives an HQ database HQ's page size while it is still small (set up, or a few files in): the
 * file is rewritten once (VACUUM, outside WAL, which is the only way SQLite changes it). Outside
 * any transaction only; an HQ another connection holds open is left as it is for next time.
 * Returns whether the file was rewritten.
 */
export function applyHqPageSize(db: DB, upToBytes = HQ_PAGE_SIZE_UP_TO_BYTES): boolean {
  const size = db.pragma('page_size', { simple: true }) as number;
  if (size === HQ_PAGE_SIZE || db.inTransaction) return false;
  if ((db.pragma('page_count', { simple: true }) as number) * size > upToBytes) return false;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') return false;
    db.pragma(`page_size = ${HQ_PAGE_SIZE}`);
    db.exec('VACUUM');
  } catch {
    return false;
  } finally {
    db.pragma('journal_mode = WAL');
  }
  return db.pragma('page_size', { simple: true }) === HQ_PAGE_SIZE;
}
