import { z } from 'zod';
import { method } from './define';
import { Id, IsoTime, NoInput } from './common';

// Backups (docs/backup.md): copies of the store the app takes by itself (shortly after start-up,
// daily, before a migration, an import or an HQ merge batch) or on an admin's request, each
// checked, copied to a second destination when one is set, and rotated. Restoring one is
// shared/contract/restore.ts's.

/** Why a backup was taken; `restore`: the state a restore replaced. */
export const BACKUP_KINDS = ['startup', 'daily', 'migration', 'import', 'merge', 'manual', 'restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** requested → copying → verifying → ok | failed. */
export const BACKUP_STATES = ['requested', 'copying', 'verifying', 'ok', 'failed'] as const;
export type BackupState = (typeof BACKUP_STATES)[number];

/**
 * Why a backup failed: the disk was full, the copy failed otherwise, the copy is damaged
 * (integrity_check, or it cannot be read), a member's balance disagrees with their ledger or open
 * lots in the copy, the copy's file went missing before it was checked.
 */
export const BACKUP_ERRORS = ['disk_full', 'copy_failed', 'corrupt', 'balances', 'missing'] as const;
export type BackupError = (typeof BACKUP_ERRORS)[number];

/** The second destination's copy of a good backup: none (no destination set), copied, failed. */
export const OFFSITE_STATES = ['none', 'copied', 'failed'] as const;

/** Why the second destination's copy failed: the folder is not there (a USB stick out), not a folder, read-only, full, or another error. */
export const OFFSITE_ERRORS = [
  'destination_missing',
  'destination_not_folder',
  'destination_not_writable',
  'destination_full',
  'destination_failed',
] as const;
export type OffsiteError = (typeof OFFSITE_ERRORS)[number];

/** Which rotation slot keeps a daily backup (docs/backup.md "Rotation"); other kinds keep their last few. */
export const KEEP_SLOTS = ['daily', 'weekly', 'monthly'] as const;
export type KeepSlot = (typeof KEEP_SLOTS)[number];

/** What the check of a copy found. */
export const BackupCheck = z.object({
  /** SQLite's check said ok: integrity_check, or above 2 GiB quick_check (`sqliteCheck`) */
  integrity: z.boolean(),
  /** which check ran (docs/backup.md "The check"); absent on checks from before it was chosen by size */
  sqliteCheck: z.enum(['integrity_check', 'quick_check']).optional(),
  /** its first few complaints, or the error that stopped the check */
  problems: z.array(z.string()),
  schemaVersion: z.number().int().nullable(),
  members: z.number().int(),
  purchases: z.number().int(),
  ledgerEntries: z.number().int(),
  /** members whose balance is not their ledger's sum or their open lots' (at HQ, which has no lots: the ledger's) */
  balanceMismatches: z.number().int(),
  /** the first few of them */
  mismatched: z.array(z.object({ memberId: z.string(), balance: z.number(), ledger: z.number(), lots: z.number().nullable() })),
  copyMs: z.number().int().nullable(),
  verifyMs: z.number().int(),
});
export type BackupCheck = z.infer<typeof BackupCheck>;

export const Backup = z.object({
  id: Id,
  kind: z.enum(BACKUP_KINDS),
  state: z.enum(BACKUP_STATES),
  /** the import or HQ merge batch it was taken before */
  ref: z.string().nullable(),
  /** in the backups folder (`folder` of backup.list); null until its copy begins */
  fileName: z.string().nullable(),
  bytes: z.number().int().nullable(),
  requestedAt: IsoTime,
  /** null: the app's own (start-up, daily, migration) */
  requestedBy: z.object({ id: Id, name: z.string() }).nullable(),
  /** the instant the copy's read snapshot began: the backup holds the store as it was then */
  snapshotAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  check: BackupCheck.nullable(),
  offsite: z.object({ state: z.enum(OFFSITE_STATES), at: IsoTime.nullable(), error: z.enum(OFFSITE_ERRORS).nullable() }),
  error: z.enum(BACKUP_ERRORS).nullable(),
  keep: z.enum(KEEP_SLOTS).nullable(),
});
export type Backup = z.infer<typeof Backup>;

/** How many backups rotation keeps: daily backups by day, week and month; of every other kind the last `others`. */
export const BackupRotation = z.strictObject({
  daily: z.number().int().min(1).max(60),
  weekly: z.number().int().min(0).max(52),
  monthly: z.number().int().min(0).max(120),
  others: z.number().int().min(1).max(50),
});
export type BackupRotation = z.infer<typeof BackupRotation>;

export const BackupSettings = z.strictObject({
  /** the second destination, an absolute folder path (a USB stick, a network folder); null: none */
  destination: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(1000).nullable()),
  /** the dashboard warns when the last good off-machine copy (or, with no destination, the last good backup) is older */
  warnDays: z.number().int().min(1).max(90),
  rotation: BackupRotation,
});
export type BackupSettings = z.infer<typeof BackupSettings>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  destination: null,
  warnDays: 3,
  rotation: { daily: 7, weekly: 4, monthly: 12, others: 5 },
};

/** What the dashboard and the app bar need: is the store's data safe enough, and is a backup running. */
export const BackupStatus = z.object({
  lastOkAt: IsoTime.nullable(),
  /** the newest good backup copied to the second destination */
  lastOffsiteAt: IsoTime.nullable(),
  offsiteSet: z.boolean(),
  /**
   * Warn: a destination is set and the last good off-machine copy is older than `warnDays` (or
   * there is none), or none is set and the last good backup is older (or there is none).
   */
  offsiteOverdue: z.boolean(),
  warnDays: z.number().int(),
  /** why the newest good backup's second copy failed, when it did */
  offsiteError: z.enum(OFFSITE_ERRORS).nullable(),
  /** the backup being copied or checked now, else null */
  running: Backup.nullable(),
  /** the newest finished backup, when it failed */
  lastFailed: Backup.nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

export const backupContract = {
  /** The backups, newest first, with the settings, the status and the folder they are in. */
  'backup.list': method({
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ items: z.array(Backup), settings: BackupSettings, status: BackupStatus, folder: z.string() }),
    access: 'admin',
    write: false,
  }),
  /** For the dashboard's warning and the app bar. */
  'backup.status': method({ input: NoInput, output: BackupStatus, access: 'staff', write: false }),
  /** Asks for a backup now; answers its row (an open manual request is answered instead of a second one). */
  'backup.create': method({ input: NoInput, output: Backup, access: 'admin', write: true, atHq: true }),
  /** The second destination (checked: an absolute path to a folder that is there and writable), the warning's days, the rotation. */
  'backup.saveSettings': method({ input: BackupSettings, output: BackupSettings, access: 'admin', write: true, atHq: true }),
};
