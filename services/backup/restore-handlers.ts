import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { restoreContract } from '../../shared/contract/restore';
import { AppError } from '../../shared/errors';
import { keyOf, type DB } from '../../db/connection';
import { callerOf, type Ctx } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { writeAudit } from '../core/audit';
import { removeUpload, uploadPath } from '../core/uploads';
import { cardNumber } from '../members/new-member';
import { inspectBackupFile } from './inspect';
import { makeRestoreReady } from './restore';
import { backupsDirFor } from '../../db/backup-files';

// backup.inspect and backup.restore (docs/rpc.md "restore"). Both run on the side host: a large
// store's check takes minutes. The restore answers once the backup is ready to take the store's
// place; the services' host then swaps the files and opens the store again (electron/backend/host.ts).

type RestoreHandlers = DomainHandlers<typeof restoreContract>;

interface Source {
  backupFile?: string;
  upload?: string;
}

/** The file a call names: a backup in the store's backups folder (by name alone), or an upload. */
function sourceFile(db: DB, input: Source): { path: string; fileName: string | null } {
  if (input.upload !== undefined) return { path: uploadPath(db, input.upload), fileName: null };
  const fileName = input.backupFile!;
  const path = join(backupsDirFor(db.name), fileName);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new AppError('NOT_FOUND', 'There is no such backup in the backups folder', { entity: 'backup', fileName });
  }
  return { path, fileName };
}

/** The keys to open a backup with: the store's own, then the passphrase the admin gave for that backup. */
const keysOf = (db: DB, input: { passphrase?: string }) => ({
  store: keyOf(db),
  given: input.passphrase === undefined ? null : { passphrase: input.passphrase },
});

const refusedFile = (err: unknown) => err instanceof AppError && err.code === 'BAD_FILE';
const awaitsPassphrase = (err: unknown) => err instanceof AppError && err.details?.reason === 'other_passphrase';

export const restoreHandlers = {
  'backup.inspect': (db, _ctx, input) => {
    const { path, fileName } = sourceFile(db, input);
    try {
      return inspectBackupFile(path, { check: 'quick_check', current: db, fileName, keys: keysOf(db, input) });
    } catch (err) {
      // A file refused cannot be restored either; one shown is kept for the restore that follows,
      // and so is one waiting for its passphrase.
      if (input.upload !== undefined && refusedFile(err) && !awaitsPassphrase(err)) removeUpload(db, input.upload);
      throw err;
    }
  },

  'backup.restore': (db, ctx, input) => {
    const caller = callerOf(ctx);
    const { path, fileName } = sourceFile(db, input);
    let keepUpload = false;
    try {
      const ready = makeRestoreReady({
        dbPath: db.name,
        current: db,
        source: path,
        fileName,
        now: ctx.now,
        newId: ctx.newId,
        staffId: caller.id,
        key: keyOf(db),
        backupPassphrase: keysOf(db, input).given,
        // Written before the store is copied aside: the copy, too, says who restored it and to when.
        beforeCopy: (backup) => audit(db, ctx, 'backup.restore', { fileName, restoredTo: backup.takenAt, branch: backup.branch.code }),
      });
      return {
        backup: ready.backup,
        restoredTo: ready.backup.takenAt,
        restoredAt: ctx.now,
        preRestoreFile: ready.preRestore?.fileName ?? null,
        nextCardNo: cardNumber(ready.backup.branch.code, ready.cardCounter + 1),
        sessionsEnded: true as const,
      };
    } catch (err) {
      // Asked again with the backup's passphrase, the same upload is restored.
      keepUpload = awaitsPassphrase(err);
      throw err;
    } finally {
      if (input.upload !== undefined && !keepUpload) removeUpload(db, input.upload);
    }
  },
} satisfies RestoreHandlers;

function audit(db: DB, ctx: Ctx, action: string, after: Record<string, unknown>): void {
  db.transaction(() => writeAudit(ctx, { action, entity: 'backup', after }))();
}
