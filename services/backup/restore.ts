import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { backupsDirFor } from '../../db/backup-files';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import Database from 'better-sqlite3';
import type { BackupContents } from '../../shared/contract/restore';
import { applyKey, rekeyFile, type StoreKey } from '../../db/cipher';
import { openSecondConnection, type DB } from '../../db/connection';
import { auditQueries } from '../../db/queries/core/audit';
import { branchQueries } from '../../db/queries/core/branch';
import {
  carryBackupList,
  currentStoreQueries,
  holdWriteLock,
  restoredCopyQueries,
  settleIntoOneFile,
  vacuumInto,
} from '../../db/queries/backup/restore';
import { registerUncheckedCopy } from '../../db/backup-files';
import { restoringPartialPath, restoringPath } from '../../db/restore-swap';
import { timeZone } from '../core/branch';
import { inspectBackup } from './inspect';
import { erasureQueries } from '../../db/queries/members/erasure';
import { erasureFileBeside, readErasureFile, readErasureList, reapplyErasures } from '../members/erasure-list';

// A restore (docs/rpc.md "restore"), up to the moment the copy may take the store's place: the
// backup is copied beside the database, checked whole there (integrity_check: it is about to
// become the store), the store as it is now is kept in the backups folder, and the copy gets
// the marks of its restore (below). The swap itself is db/restore-swap.ts, done by whoever
// holds the database open: the services' host, or `npm run restore`.
//
// The marks (docs/hq.md "After a restore"): a restore epoch (the restore's time in ms, above any
// epoch the backup already had) that every export to HQ carries, so HQ orders the branch's files
// by epoch before their numbers and the first export after the restore is a full one; and the
// card numbers moved past a margin, so a member registered after the backup and lost with the
// old store never sees their card number handed to someone else.

/** Card numbers after a restore start at the next round hundred thousand at least this far past the highest handed out. */
export const CARD_MARGIN = 100_000;

/** The card counter a restored store continues from (its next card is this + 1). */
export function cardCounterAfterRestore(highest: number): number {
  return (Math.floor(highest / CARD_MARGIN) + 2) * CARD_MARGIN;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYYMMDD-HHMM` in the store's own time, as the clerk reads a backup's name. */
function stamp(at: string, zone: string): string {
  const local = new TZDate(Date.parse(at), zone);
  return `${local.getFullYear()}${pad(local.getMonth() + 1)}${pad(local.getDate())}-${pad(local.getHours())}${pad(local.getMinutes())}`;
}

/** A name not yet in the folder: the second copy of a minute gets `-2`, and so on. */
function freeName(folder: string, stem: string): string {
  for (let n = 1; ; n++) {
    const name = `${stem}${n === 1 ? '' : `-${n}`}.sqlite`;
    if (!existsSync(join(folder, name)) && !existsSync(join(folder, `${name}.partial`))) return name;
  }
}

export interface RestoreCopy {
  id: string;
  fileName: string;
  path: string;
  bytes: number;
}

/**
 * The store as it is now, kept in the backups folder before a restore replaces it
 * (`branchdesk-<code>-YYYYMMDD-HHMM-restore.sqlite`): one read snapshot, written by VACUUM INTO to
 * `*.partial` and renamed once whole, so a half-written copy is never taken for a backup. The
 * backup engine registers it as its 'restore' kind (the lead's merge). Synchronous: minutes for a
 * very large store, which is why a restore runs on the side host.
 */
export function takeRestoreCopy(db: DB, now: string, id: string): RestoreCopy {
  const folder = backupsDirFor(db.name);
  mkdirSync(folder, { recursive: true });
  const code = branchQueries(db).self()?.code ?? 'store';
  const fileName = freeName(folder, `branchdesk-${code}-${stamp(now, timeZone(db))}-restore`);
  const path = join(folder, fileName);
  const partial = `${path}.partial`;
  try {
    vacuumInto(db, partial);
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return { id, fileName, path, bytes: statSync(path).size };
}

export interface RestoreRequest {
  /** the store's database file */
  dbPath: string;
  /** a connection to it, or null when there is none yet (the command line onto a new PC) */
  current: DB | null;
  /** the backup to restore */
  source: string;
  fileName: string | null;
  now: string;
  newId: () => string;
  /** who restored (null: the command line), for the restored store's audit row */
  staffId: string | null;
  /** Once the backup is found sound, before the store is copied aside: the caller's audit row goes in the copy too. */
  beforeCopy?: (backup: BackupContents) => void;
  /**
   * The store's key (null or absent: a plain store): an encrypted backup is opened with it first,
   * and the restored store is encrypted with it whatever the backup was (docs/backup.md "Encrypted stores").
   */
  key?: StoreKey | null;
  /** The backup's own passphrase, when it is not the store's (a backup from before a change of passphrase). */
  backupPassphrase?: StoreKey | null;
}

export interface RestoreReady {
  backup: BackupContents;
  preRestore: RestoreCopy | null;
  epoch: number;
  /** the card counter the restored store continues from */
  cardCounter: number;
}

/** The backup copied beside the database and checked whole, not yet marked: the store is as it was. */
export interface StagedBackup {
  path: string;
  backup: BackupContents;
  /** the key the backup opened with (null: a plain file) */
  key: StoreKey | null;
}

/**
 * Copies the backup beside the database (`<db>.restoring.partial`) and checks the copy whole:
 * what is checked is what will be restored, whatever happens to the file meanwhile. Refuses it
 * (BAD_FILE) leaving nothing behind.
 */
export function stageBackup(req: RestoreRequest): StagedBackup {
  const path = restoringPartialPath(req.dbPath);
  removeStaged(path);
  try {
    copyFileSync(req.source, path);
    const keys = { store: req.key ?? null, given: req.backupPassphrase ?? null };
    const { contents, key } = inspectBackup(path, { check: 'integrity_check', current: req.current, fileName: req.fileName, keys });
    return { path, backup: contents, key };
  } catch (err) {
    removeStaged(path);
    throw err;
  }
}

/**
 * A staged copy and its journal: a re-key cut off by a crash leaves a hot journal beside it,
 * which SQLite would otherwise play back into the next restore's copy.
 */
function removeStaged(path: string): void {
  for (const side of ['', '-journal']) rmSync(path + side, { force: true });
}

/** A staged backup not restored after all (the command line's question answered no). */
export function discardStaged(staged: StagedBackup): void {
  removeStaged(staged.path);
}

/**
 * Makes a staged backup ready to take the store's place (`<db>.restoring`): the store kept aside,
 * the copy marked. Meanwhile another connection holds the write lock: nothing is written that
 * the restore would silently drop.
 */
export function readyStaged(staged: StagedBackup, req: RestoreRequest): RestoreReady {
  try {
    encryptLikeTheStore(staged, req.key ?? null);
  } catch (err) {
    discardStaged(staged);
    throw err;
  }
  const lock = req.current ? openSecondConnection(req.current) : null;
  const release = lock ? holdWriteLock(lock) : () => {};
  try {
    const preRestore = req.current ? takeRestoreCopy(req.current, req.now, req.newId()) : null;
    // A member registered after the backup at this very store may still be in the file being replaced.
    const cardsHere = req.current && staged.backup.sameStore ? currentStoreQueries(req.current).cardCounter() : 0;
    const marks = markRestoredCopy(staged, req, cardsHere, preRestore);
    renameSync(staged.path, restoringPath(req.dbPath));
    return { backup: staged.backup, preRestore, ...marks };
  } catch (err) {
    discardStaged(staged);
    throw err;
  } finally {
    release();
    if (lock && lock !== req.current) lock.close();
  }
}

/**
 * An encrypted store stays encrypted after a restore: a plain backup, or one under another
 * passphrase, is re-keyed to the store's key in place (the staged copy is in rollback-journal
 * mode, as rekeyFile needs; a crash half-way leaves a copy that is discarded at the next restore).
 * Before the store's write lock is taken: a large copy takes a while.
 */
function encryptLikeTheStore(staged: StagedBackup, key: StoreKey | null): void {
  if (!key || staged.key?.passphrase === key.passphrase) return;
  rekeyFile(staged.path, staged.key, key);
  staged.key = key;
}

/** Both steps at once (backup.restore): refuses the backup, or makes it ready, leaving the store as it was either way. */
export function makeRestoreReady(req: RestoreRequest): RestoreReady {
  const staged = stageBackup(req);
  try {
    req.beforeCopy?.(staged.backup);
  } catch (err) {
    discardStaged(staged);
    throw err;
  }
  return readyStaged(staged, req);
}

/**
 * Writes the restore's marks into the copy (settings, card counter, an audit row) and settles it
 * into one file. The backups list goes with it: the store's own list when the backup is this
 * store's, and the copy of the store just replaced, to be checked and listed like any backup (a
 * restore of the wrong night is undone by restoring it).
 */
function markRestoredCopy(staged: StagedBackup, req: RestoreRequest, cardsHere: number, preRestore: RestoreCopy | null) {
  const { backup } = staged;
  const copy = new Database(staged.path);
  try {
    applyKey(copy, staged.key);
    const q = restoredCopyQueries(copy);
    const epoch = Math.max(Date.parse(req.now), Number(q.setting('restore_epoch') ?? 0) + 1);
    const cardCounter = cardCounterAfterRestore(Math.max(q.cardCounter(), cardsHere));
    copy.transaction(() => {
      q.setSetting('restore_epoch', String(epoch));
      q.setSetting('restored_at', req.now);
      q.setSetting('restored_to', backup.takenAt ?? '');
      if (backup.branch.kind === 'branch') q.setCardCounter(cardCounter);
      if (req.current && backup.sameStore) carryBackupList(copy, req.current);
      // Whoever was erased since the backup was taken is erased again (docs/backup.md "The erasure list").
      const erasures = [
        ...readErasureList(req.dbPath),
        ...readErasureFile(erasureFileBeside(req.source)),
        ...(req.current ? erasureQueries(req.current).list() : []),
      ];
      const erasedAgain = backup.branch.kind === 'branch' ? reapplyErasures(copy, erasures, req.now, req.newId) : 0;
      if (preRestore)
        registerUncheckedCopy(
          copy,
          { id: preRestore.id, fileName: preRestore.fileName, bytes: preRestore.bytes, at: req.now },
          'restore',
          req.staffId,
        );
      auditQueries(copy).insert({
        id: req.newId(),
        at: req.now,
        staff_id: req.staffId,
        action: 'backup.restored',
        entity: 'backup',
        entity_id: null,
        before_json: null,
        after_json: JSON.stringify({ fileName: req.fileName, restoredTo: backup.takenAt, epoch, cardCounter, erasedAgain }),
      });
    })();
    settleIntoOneFile(copy);
    return { epoch, cardCounter };
  } finally {
    copy.close();
  }
}
