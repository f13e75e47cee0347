import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DB } from '../../db/connection';
import { copySnapshot } from '../../db/snapshot-copy';
import { tempDbPath } from '../helpers';

// The side host's copy (db/snapshot-copy.ts) reads the store's file at its own pace while the
// counter writes and checkpoints: the copy must be the store at the instant it began, whatever
// the checkpoints copied into the file or the WAL started again over meanwhile. Here the writes
// and checkpoints run between the copy's own reads, on the same thread, so each case is certain
// to happen mid-copy.

const ROWS = 6000;
const BLOB = 2000;

/** A store with a table of its own, ~12 MB: several of the copy's chunks. */
function store(): DB {
  const db = openDatabase(tempDbPath());
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB NOT NULL, n INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO t (k, v, n) VALUES (?, randomblob(?), 0)');
  db.transaction(() => {
    for (let k = 1; k <= ROWS; k++) insert.run(k, BLOB);
  })();
  return db;
}

/** The table's content, as one text to compare. */
const content = (db: DB | Database.Database) =>
  db.prepare("SELECT group_concat(k || ':' || n || ':' || hex(substr(v, 1, 8)), ',') FROM (SELECT * FROM t ORDER BY k)").pluck().get();

/** Writes a spread of rows, then checkpoints as the counter's own connection would; answers when the copy is done. */
async function writeUntil(db: DB, copying: Promise<void>, checkpoint: string): Promise<number> {
  let done = false;
  void copying.finally(() => (done = true));
  db.pragma('busy_timeout = 0'); // the copy runs on this thread: a checkpoint must not wait for it
  const update = db.prepare('UPDATE t SET n = n + 1, v = randomblob(?) WHERE k % 97 = ?');
  const grow = db.prepare('INSERT INTO t (k, v, n) VALUES (?, randomblob(?), 0)');
  let rounds = 0;
  while (!done) {
    db.transaction(() => {
      update.run(BLOB, rounds % 97);
      grow.run(ROWS + 1 + rounds, BLOB);
    })();
    db.pragma(`wal_checkpoint(${checkpoint})`);
    rounds++;
    await new Promise((r) => setImmediate(r));
  }
  return rounds;
}

function opened(path: string): Database.Database {
  const copy = new Database(path);
  copy.pragma('journal_mode = DELETE');
  return copy;
}

describe('a snapshot copy of a store in WAL mode', () => {
  it('is the store as it was when it began, with checkpoints copying frames into the file meanwhile', async () => {
    const db = store();
    db.pragma('wal_autocheckpoint = 0');
    // Frames in the WAL not yet in the file when the copy begins.
    db.prepare('UPDATE t SET n = 7 WHERE k % 3 = 0').run();
    const before = content(db);
    const target = `${tempDbPath()}.copy`;
    const copying = copySnapshot(db, target);
    const rounds = await writeUntil(db, copying, 'PASSIVE');
    expect(rounds, 'writes and checkpoints happened while the copy ran').toBeGreaterThan(2);
    expect(content(db)).not.toEqual(before);
    const copy = opened(target);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(content(copy)).toEqual(before);
    copy.close();
    db.close();
  });

  it('is the store as it was when it began, when its WAL was all checkpointed and starts again meanwhile', async () => {
    const db = store();
    db.prepare('UPDATE t SET n = 3 WHERE k % 5 = 0').run();
    // Every frame in the file: the copy reads the file alone, and the next writer starts the WAL over.
    expect(db.pragma('wal_checkpoint(PASSIVE)')).toMatchObject([{ busy: 0 }]);
    const before = content(db);
    const target = `${tempDbPath()}.copy`;
    const copying = copySnapshot(db, target);
    const rounds = await writeUntil(db, copying, 'TRUNCATE');
    expect(rounds).toBeGreaterThan(2);
    const copy = opened(target);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(content(copy)).toEqual(before);
    copy.close();
    db.close();
  });

  it('leaves no lock behind: the store is written and checkpointed to its end after it', async () => {
    const db = store();
    const target = `${tempDbPath()}.copy`;
    await copySnapshot(db, target);
    db.prepare('UPDATE t SET n = 1').run();
    expect(db.pragma('wal_checkpoint(TRUNCATE)')).toMatchObject([{ busy: 0 }]);
    expect(existsSync(target)).toBe(true);
    db.close();
  });
});
