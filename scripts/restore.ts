import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { fileState, type StoreKey } from '../db/cipher';
import { keyOf, openDatabase, type DB } from '../db/connection';
import { readPassphrase } from '../electron/passphrase-input';
import { auditQueries } from '../db/queries/core/audit';
import { completePendingRestore, openElsewhere } from '../db/restore-swap';
import { discardStaged, readyStaged, stageBackup, type RestoreRequest } from '../services/backup/restore';
import { backupsDirFor } from '../db/backup-files';
import { cardNumber } from '../services/members/new-member';
import type { BackupContents } from '../shared/contract/restore';
import { AppError } from '../shared/errors';

// Restore a store from a backup with the app closed (README "Your data", docs/rpc.md "restore"):
// the same steps as 恢复 in the app (services/backup/restore.ts), on a database no app holds. It
// also restores onto a new PC: --db may name a file that is not there yet. Exit codes: 0
// restored, 1 the backup was refused or the passphrase is wrong (nothing changed), 2 usage, 3 not
// confirmed (nothing changed), 4 the store is open in the app (nothing changed).
//
// An encrypted store or backup needs its passphrase (docs/backup.md "Encrypted stores"): from
// BRANCHDESK_PASSPHRASE, or the first line of standard input with --passphrase-stdin (then --yes,
// as standard input is the passphrase's), never an argument. It is the store's passphrase; onto a
// new PC, the backup's, and the restored store keeps it. A backup under another passphrase than
// the store's is restored from the app's 数据备份 page, which asks for that backup's.

const USAGE = 'usage: [BRANCHDESK_PASSPHRASE=…] npm run restore -- --db STORE.sqlite --from BACKUP.sqlite [--yes] [--passphrase-stdin]';

function fail(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—');

function describe(b: BackupContents, from: string): string {
  return [
    `backup      ${from} (${b.bytes.toLocaleString('en-US')} bytes, ${b.checked} ok)`,
    `store       ${b.branch.code} ${b.branch.name} (${b.branch.kind}${b.sameStore ? ', this store' : ''}), schema ${b.schemaVersion}`,
    `taken at    ${when(b.takenAt)} (its newest write)`,
    `members     ${b.members.toLocaleString('en-US')}`,
    `last sale   ${when(b.lastSaleAt)}`,
  ].join('\n');
}

/** The store no app can open (damaged, or from a newer app) is kept aside as it is, file by file. */
function keepUnreadable(dbPath: string, now: string): string {
  const folder = backupsDirFor(dbPath);
  mkdirSync(folder, { recursive: true });
  const kept = join(folder, `unreadable-${now.replace(/[-:]/g, '').slice(0, 13)}-restore.sqlite`);
  for (const side of ['', '-wal', '-shm', '-journal']) if (existsSync(dbPath + side)) renameSync(dbPath + side, kept + side);
  return kept;
}

/**
 * The key the restored store is encrypted with: the store's own; with no store to open (a new
 * PC, or one that cannot be opened), the passphrase given, when the backup is encrypted. A plain
 * backup onto a new PC stays plain: encryption is turned on in the app, after a backup.
 */
function storeKey(current: DB | null, passphrase: StoreKey | null, from: string): StoreKey | null {
  if (current) return keyOf(current);
  return fileState(from) === 'encrypted' ? passphrase : null;
}

async function confirmed(yes: boolean): Promise<boolean> {
  if (yes) return true;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question('Replace the store with this backup? Type yes to go on: ')).trim().toLowerCase() === 'yes';
  } finally {
    rl.close();
  }
}

async function main(): Promise<void> {
  let values: { db?: string; from?: string; yes?: boolean; 'passphrase-stdin'?: boolean };
  try {
    values = parseArgs({
      options: { db: { type: 'string' }, from: { type: 'string' }, yes: { type: 'boolean' }, 'passphrase-stdin': { type: 'boolean' } },
    }).values;
  } catch (err) {
    fail(2, `${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (!values.db || !values.from) fail(2, USAGE);
  const stdin = values['passphrase-stdin'] === true;
  if (stdin && values.yes !== true) fail(2, `--passphrase-stdin takes standard input for the passphrase: confirm with --yes\n${USAGE}`);
  const passphrase = await readPassphrase({ stdin, env: process.env });
  const [dbPath, from] = [resolve(values.db), resolve(values.from)];
  if (!existsSync(from)) fail(2, `no file at ${from}`);
  mkdirSync(dirname(dbPath), { recursive: true });
  if (openElsewhere(dbPath)) {
    fail(
      4,
      `${dbPath} is open in BranchDesk (or another program): close the app first, or restore from its 备份 page (设置 → 备份). Nothing changed.`,
    );
  }
  const now = new Date().toISOString();
  // A restore the app confirmed and did not finish is finished first: it is what the store is.
  if (completePendingRestore(dbPath)) console.log('finished a restore the app had begun');

  let current: DB | null = null;
  let unreadable: string | null = null;
  if (existsSync(dbPath)) {
    try {
      current = openDatabase(dbPath, { key: passphrase });
    } catch (err) {
      // Locked is not damaged: the store is fine, the passphrase is missing or wrong.
      if (err instanceof AppError && (err.code === 'STORE_LOCKED' || err.code === 'WRONG_PASSPHRASE')) {
        fail(
          1,
          `refused: ${err.code === 'STORE_LOCKED' ? 'the store is encrypted: give its passphrase' : 'wrong passphrase'}; nothing changed`,
        );
      }
      unreadable = err instanceof Error ? err.message : String(err);
    }
  }
  const key = storeKey(current, passphrase, from);
  const req: RestoreRequest = {
    dbPath,
    current,
    source: from,
    fileName: null,
    now,
    newId: uuidv7,
    staffId: null,
    key,
    backupPassphrase: passphrase,
  };
  let staged;
  try {
    staged = stageBackup(req);
  } catch (err) {
    current?.close();
    if (err instanceof AppError && err.code === 'BAD_FILE') {
      const why =
        err.details?.reason === 'other_passphrase'
          ? passphrase
            ? 'wrong passphrase: '
            : 'the backup is encrypted: give its passphrase: '
          : '';
      fail(1, `refused: ${why}${err.message} (${JSON.stringify(err.details)}); nothing changed`);
    }
    throw err;
  }
  console.log(describe(staged.backup, from));
  if (unreadable) console.log(`the store at ${dbPath} cannot be opened (${unreadable}): it will be kept aside as it is`);
  if (!(await confirmed(values.yes === true))) {
    discardStaged(staged);
    current?.close();
    fail(3, 'not restored; nothing changed');
  }
  if (current) {
    auditQueries(current).insert({
      id: uuidv7(),
      at: now,
      staff_id: null,
      action: 'backup.restore',
      entity: 'backup',
      entity_id: null,
      before_json: null,
      after_json: JSON.stringify({ from, restoredTo: staged.backup.takenAt, by: 'command line' }),
    });
  }
  const ready = readyStaged(staged, req);
  current?.close();
  const keptAside = unreadable ? keepUnreadable(dbPath, now) : (ready.preRestore?.path ?? null);
  completePendingRestore(dbPath);
  // Opened once: a backup of an older schema is brought up to this app's now, not at the next start.
  openDatabase(dbPath, { key }).close();
  console.log(`restored ${dbPath} to ${when(ready.backup.takenAt)}`);
  console.log(keptAside ? `the store as it was is kept at ${keptAside}` : 'there was no store here before');
  console.log(`new member cards start at ${cardNumber(ready.backup.branch.code, ready.cardCounter + 1)}`);
}

main().catch((err: unknown) => fail(1, `restore failed: ${err instanceof Error ? err.message : String(err)}`));
