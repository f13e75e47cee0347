import { timingSafeEqual } from 'node:crypto';
import type { encryptionContract, EncryptionStatus } from '../../shared/contract/encryption';
import { AppError } from '../../shared/errors';
import { keyOf, type DB } from '../../db/connection';
import type { StoreKey } from '../../db/cipher';
import { callerOf, type Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { backupNow } from '../backup/run';

// encryption.* (docs/encryption.md). What is answered here is what the services know: whether the
// store they have open is encrypted, whether a passphrase is its own, and, before a rewrite, that
// the request is sound and a good backup is taken. The rewrite itself is the services' host's
// (electron/backend/host.ts, `rewritesDatabase`): it must close every connection first. The
// locked state and the keychain are the transport's (electron/backend/lockable.ts).

type EncryptionHandlers = DomainHandlers<typeof encryptionContract>;

/** The status as the services see it: no rewrite under way, no keychain (the transport adds what it knows). */
export function storeStatus(db: DB): EncryptionStatus {
  return { state: keyOf(db) ? 'encrypted' : 'plain', rewrite: null, lastFailure: null, keychain: null };
}

/** Whether two passphrases are the same, compared in constant time (whatever their first difference). */
function samePassphrase(one: string, other: string): boolean {
  const [a, b] = [Buffer.from(one, 'utf8'), Buffer.from(other, 'utf8')];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether `passphrase` is the open store's own, compared in constant time. */
export function isStoreKey(db: DB, passphrase: string): boolean {
  const key = keyOf(db);
  return key !== null && samePassphrase(key.passphrase, passphrase);
}

const wrongPassphrase = () =>
  new AppError('WRONG_PASSPHRASE', 'The passphrase does not open this store; nothing was changed', { interruptedChange: false });

/**
 * Before the file is rewritten: a good backup of the store as it is (a backup that fails stops
 * the rewrite, BACKUP_FAILED), and the audit row (the store's own record says who turned it on).
 */
function backupFirst(ctx: Ctx, action: 'encryption.enable' | 'encryption.changePassphrase'): void {
  const caller = callerOf(ctx);
  const row = backupNow(ctx.app, { kind: 'manual', ref: action, by: caller.id });
  if (row.state !== 'ok') {
    throw new AppError('BACKUP_FAILED', 'The backup before rewriting the store failed: nothing was changed', {
      reason: row.error ?? 'copy_failed',
      backupId: row.id,
      when: 'encryption',
    });
  }
  ctx.app.db.transaction(() => writeAudit(ctx, { action, entity: 'store', after: { backupId: row.id } }))();
}

/** The request a rewrite carries to the host: the key the file has now and the one it gets. */
export interface RewriteRequest {
  kind: 'enable' | 'change';
  from: StoreKey | null;
  to: StoreKey;
}

export const encryptionHandlers = {
  'encryption.status': (db) => storeStatus(db),

  'encryption.unlock': (db, _ctx, input) => {
    // Open already: only says whether the passphrase is the store's (the lock screen of a session uses the PIN, not this).
    if (keyOf(db) && !isStoreKey(db, input.passphrase)) throw wrongPassphrase();
    return storeStatus(db);
  },

  'encryption.enable': (db, ctx) => {
    if (db.memory) throw new AppError('CONFLICT', 'A database in memory cannot be encrypted', { reason: 'memory' });
    if (keyOf(db)) throw new AppError('CONFLICT', 'This store is encrypted already', { reason: 'already_encrypted' });
    backupFirst(ctx, 'encryption.enable');
    return { ...storeStatus(db), state: 'rewriting' as const };
  },

  'encryption.changePassphrase': (db, ctx, input) => {
    if (!keyOf(db)) throw new AppError('CONFLICT', 'This store is not encrypted', { reason: 'not_encrypted' });
    if (!isStoreKey(db, input.current)) throw wrongPassphrase();
    if (samePassphrase(input.current, input.next))
      throw new AppError('CONFLICT', 'The new passphrase is the one in use', { reason: 'same_passphrase' });
    backupFirst(ctx, 'encryption.changePassphrase');
    return { ...storeStatus(db), state: 'rewriting' as const };
  },

  'encryption.forget': (db) => storeStatus(db),
} satisfies EncryptionHandlers;
