import { z } from 'zod';
import { method } from './define';
import { IsoTime } from './common';

// Encryption at rest (docs/encryption.md). A store is plain until an admin turns encryption on
// (at setup, or later in 设置 → 数据加密): the database file is then rewritten once, encrypted
// with a key derived from a passphrase, and every backup after it is encrypted with the same key.
// An encrypted store opens locked: nothing but `encryption.status` and `encryption.unlock` is
// answered (STORE_LOCKED) until the passphrase is given, in the unlock screen, or (browser mode)
// from BRANCHDESK_PASSPHRASE or standard input, never from the command line.
//
// The HQ export passphrase is separate: the chain's, known to HQ and to each branch, never a
// branch's own database passphrase. A branch with one set encrypts the files it sends HQ with it;
// HQ opens them with the same passphrase and refuses (BAD_FILE, reason `encrypted`) a file it
// cannot open.

/** The shortest passphrase accepted (db/cipher.ts MIN_PASSPHRASE). */
export const MIN_PASSPHRASE_LENGTH = 8;
export const MAX_PASSPHRASE_LENGTH = 200;

/** A passphrase: kept as typed (spaces inside count), never trimmed, never echoed back. */
export const Passphrase = z.string().min(MIN_PASSPHRASE_LENGTH).max(MAX_PASSPHRASE_LENGTH);

/**
 * - `plain`: an ordinary SQLite file (encryption off).
 * - `locked`: encrypted, and no passphrase given yet: only status and unlock are answered.
 * - `encrypted`: encrypted and open.
 * - `rewriting`: the file is being rewritten (encryption turned on, or the passphrase changed):
 *   every other call waits until it ends.
 */
export const ENCRYPTION_STATES = ['plain', 'locked', 'encrypted', 'rewriting'] as const;
export type EncryptionState = (typeof ENCRYPTION_STATES)[number];

/** What a rewrite is doing: the backup before it, then the file rewritten page by page. */
export const REWRITE_STEPS = ['backup', 'rewrite'] as const;

export const EncryptionStatus = z.object({
  state: z.enum(ENCRYPTION_STATES),
  /** while `rewriting`: which step, and how far (bytes of the file rewritten so far, of its size) */
  rewrite: z
    .object({
      kind: z.enum(['enable', 'change']),
      step: z.enum(REWRITE_STEPS),
      done: z.number().int().min(0),
      total: z.number().int().min(0),
      startedAt: IsoTime,
    })
    .nullable(),
  /**
   * The last rewrite that failed since the app started, with its reason (the file is as it was):
   * `backup_failed` (no good backup, nothing rewritten), `disk_full`, `failed`.
   */
  lastFailure: z.object({ reason: z.enum(['backup_failed', 'disk_full', 'failed']), at: IsoTime }).nullable(),
  /**
   * Electron only: whether the OS keychain can keep the passphrase on this PC (safeStorage), and
   * whether it does. Null in browser mode, which has no keychain.
   */
  keychain: z.object({ available: z.boolean(), remembered: z.boolean() }).nullable(),
});
export type EncryptionStatus = z.infer<typeof EncryptionStatus>;

export const encryptionContract = {
  /** What state the store is in; answered locked too (the unlock screen asks it first). */
  'encryption.status': method({
    input: z.strictObject({}),
    output: EncryptionStatus,
    access: 'public',
    write: false,
  }),
  /**
   * Opens a locked store with its passphrase. WRONG_PASSPHRASE leaves it locked and the file
   * untouched (`details.interruptedChange: true` when a change of passphrase stopped half-way: the
   * old passphrase opens it). `remember` (Electron, where the keychain is available): keep the
   * passphrase in the OS keychain so the next start opens by itself. On an open store it only
   * checks the passphrase.
   */
  'encryption.unlock': method({
    input: z.strictObject({ passphrase: z.string().min(1).max(MAX_PASSPHRASE_LENGTH), remember: z.boolean().optional() }),
    output: EncryptionStatus,
    access: 'public',
    write: false,
  }),
  /**
   * Turns encryption on: a backup first (which must end good), then, with every other call
   * waiting, the file rewritten encrypted in place, crash-safe (the old file comes back whole if
   * the PC stops half-way), then opened again: every session ends. Answers at once, `rewriting`;
   * `encryption.status` says how far. The backups already taken are encrypted after it, one by
   * one (docs/encryption.md). CONFLICT when the store is encrypted already.
   */
  'encryption.enable': method({
    input: z.strictObject({ passphrase: Passphrase, confirm: z.literal(true) }),
    output: EncryptionStatus,
    access: 'admin',
    write: 'own',
    // HQ's database holds every branch's customers: it is encrypted the same way.
    atHq: true,
    rewritesDatabase: true,
  }),
  /** Changes the passphrase the same way (WRONG_PASSPHRASE for a wrong `current`); the backups follow. CONFLICT on a plain store. */
  'encryption.changePassphrase': method({
    input: z.strictObject({ current: z.string().min(1).max(MAX_PASSPHRASE_LENGTH), next: Passphrase, confirm: z.literal(true) }),
    output: EncryptionStatus,
    access: 'admin',
    write: 'own',
    // HQ's database holds every branch's customers: it is encrypted the same way.
    atHq: true,
    rewritesDatabase: true,
  }),
  /** Forgets the passphrase the OS keychain keeps (Electron): the next start asks for it. */
  'encryption.forget': method({
    input: z.strictObject({}),
    output: EncryptionStatus,
    access: 'admin',
    write: false,
  }),
};
