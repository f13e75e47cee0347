import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, UploadToken } from './common';
import { MAX_PASSPHRASE_LENGTH } from './encryption';

// Restoring the store from a backup (docs/rpc.md "restore"): a file in the backups folder beside
// the database, or one the admin picked (an upload, e.g. from a USB stick after the counter PC was
// lost). `backup.inspect` says what it holds and refuses a file that is no backup of this store;
// `backup.restore` checks it again, keeps the current database aside, and the services' host puts
// the backup in its place and opens it again: every session ends.

/**
 * Why a file is refused as a backup (`BAD_FILE`, `details.reason`, with `details.backup: true`):
 * not a SQLite database at all; shorter than its header promises; damaged inside (SQLite's own
 * check); not a backup of this store (`details.foreign`: FOREIGN_KINDS); from a newer app;
 * encrypted under a passphrase that is not the store's and none given that opens it
 * (`other_passphrase`, `details.passphraseGiven`: ask for that backup's passphrase and try
 * again); encrypted, offered to a store that is not (`encrypted_backup`: turn encryption on first).
 */
export const RESTORE_REFUSALS = ['not_sqlite', 'truncated', 'corrupt', 'foreign', 'newer', 'other_passphrase', 'encrypted_backup'] as const;
export type RestoreRefusal = (typeof RESTORE_REFUSALS)[number];

/**
 * What makes a readable database foreign: no BranchDesk store at all; an HQ's database offered to
 * a branch; a branch's offered to HQ; another branch's (or another HQ's) offered to a store that
 * is in use (a store just set up, with no member, sale or export yet, takes any branch's backup:
 * that is how a new PC gets the old one's data).
 */
export const FOREIGN_KINDS = ['not_branchdesk', 'hq', 'branch', 'other'] as const;
export type ForeignKind = (typeof FOREIGN_KINDS)[number];

/** A file in the backups folder (`<db dir>/<db file name>.backups/`), by its name alone: never a path. */
export const BackupFileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+\.sqlite$/, 'invalid_format')
  .refine((name) => !name.startsWith('.'), 'invalid_format');

/** Which file: one of the store's backups, or a file the admin picked (stored first as an upload). */
const BackupSource = {
  backupFile: BackupFileName.optional(),
  upload: UploadToken.optional(),
  /**
   * The backup's own passphrase, when it is not the store's (a backup from before the passphrase
   * was changed): tried only after the store's key. Never logged, never echoed back. Any length
   * up to the longest accepted: a passphrase of an older rule still opens its file.
   */
  passphrase: z.string().min(1).max(MAX_PASSPHRASE_LENGTH).optional(),
};
const oneSource = (input: { backupFile?: string; upload?: string }) => (input.backupFile === undefined) !== (input.upload === undefined);

export const BackupContents = z.object({
  /** the backup's own file name (for an upload: the name it was stored under is not known here) */
  fileName: z.string().nullable(),
  bytes: z.number().int(),
  /**
   * The moment the backup holds: its newest write, the latest of its audit log's newest row and
   * the newest sale's and points entry's creation (every write leaves an audit row; a background
   * job's slices leave one only at its start and end, so the sales and points are read too).
   * Null for a store with nothing written yet.
   */
  takenAt: IsoTime.nullable(),
  branch: z.object({ id: Id, code: z.string(), name: z.string(), kind: z.enum(['branch', 'hq']) }),
  schemaVersion: z.number().int(),
  /** member cards in use (those merged into another left out) */
  members: z.number().int(),
  lastSaleAt: IsoTime.nullable(),
  /** true: a backup of this very store; false: of another, taken by a store just set up (FOREIGN_KINDS) */
  sameStore: z.boolean(),
  /** SQLite's check the file passed: `quick_check` for a look, `integrity_check` before a restore (docs/rpc.md "restore") */
  checked: z.enum(['quick_check', 'integrity_check']),
});
export type BackupContents = z.infer<typeof BackupContents>;

export const RestoreResult = z.object({
  backup: BackupContents,
  /** the moment the store is back at (the backup's takenAt) */
  restoredTo: IsoTime.nullable(),
  restoredAt: IsoTime,
  /** the copy of the store as it was before the restore, in the backups folder */
  preRestoreFile: z.string().nullable(),
  /** the card number the next new member gets: moved well past any a lost member may hold (docs/hq.md "After a restore") */
  nextCardNo: z.string(),
  /** every session has ended: staff log in again, to the restored store */
  sessionsEnded: z.literal(true),
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const restoreContract = {
  /** Reads a backup and says what it holds, or why it is refused; changes nothing. */
  'backup.inspect': method({
    ownThread: 'reader',
    input: z.strictObject(BackupSource).refine(oneSource, { message: 'required', path: ['backupFile'] }),
    output: BackupContents,
    access: 'admin',
    write: false,
  }),
  /**
   * Checks the backup again (whole), keeps the store as it is now in the backups folder, and
   * makes the backup ready to take its place; the services' host then closes the database, puts
   * the backup in place and opens it again (electron/backend/host.ts). Every session ends.
   */
  'backup.restore': method({
    ownThread: 'writer',
    replacesDatabase: true,
    input: z.strictObject({ ...BackupSource, confirm: z.literal(true) }).refine(oneSource, { message: 'required', path: ['backupFile'] }),
    output: RestoreResult,
    access: 'admin',
    write: 'own',
    atHq: true,
  }),
};
