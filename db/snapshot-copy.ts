import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { openSecondConnection, type DB } from './connection';

// The side host's copy of a store in WAL mode (docs/backup.md "The copy"): the file's bytes read
// under one read snapshot, at a pace the counter does not feel. SQLite's backup API in one step
// copied the 1M-member store at 4.8 s/GiB, but wrote 15 GiB as fast as the disk took it: the
// kernel's write-back then queued ahead of the counter's reads, and the counter's p99 reached
// 300 ms. Here the copy is written in chunks, each made durable before the next few, so the
// disk's queue stays short.
//
// Why the bytes read are the store at one instant, by SQLite's WAL rules (sqlite.org/wal.html,
// fileformat2.html "WAL-index format"):
// - With the write lock held on one connection (no commit can happen), a second connection opens
//   a read transaction: its snapshot is the newest commit, the WAL's first `mxFrame` frames on top
//   of the database file. The WAL-index header (the -shm file's first 48 bytes, twice) says
//   `mxFrame`; the frames' headers say which page each holds. Then the write lock is let go.
// - While that reader holds its snapshot, a checkpoint copies into the database file only frames
//   up to `mxFrame` (its read mark bounds the checkpoint), and the WAL is not restarted, so frames
//   1..mxFrame stay where they are. A page of the database file is therefore either as it was, or
//   rewritten from one of those frames.
// - So: the database file's first `page_count` pages, read at any pace, then each page's newest
//   frame up to `mxFrame` written over it, is the snapshot, whatever the checkpoints did meanwhile.
// - Unless every frame was already checkpointed (`nBackfill` = `mxFrame`, read after the snapshot
//   began): the reader may then read the database file alone (read lock 0), which stops any
//   checkpoint but lets the next writer start the WAL again over those frames. The database file
//   then holds the snapshot whole, and no frame is read.

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const INDEX_HEADER_BYTES = 48;
/** The WAL-index header twice, then the checkpoint's progress, `nBackfill` first. */
const N_BACKFILL_AT = 96;
/** Read and written a chunk at a time; made durable every SYNC_EVERY bytes. */
const CHUNK_BYTES = 4 * 1024 * 1024;
const SYNC_EVERY = 16 * 1024 * 1024;
/**
 * The pace: at most a GiB each 4 s, under the 5 s a GiB a backup may take. Unpaced (2.8 s/GiB on
 * the bench's disk), the counter's reads queued behind the copy's for up to 70 ms.
 */
const MS_PER_GIB = 4000;

/** What the copy needs to know of the snapshot, read while the write lock is held. */
interface Snapshot {
  pageSize: number;
  pageCount: number;
  /** each page's newest frame in the snapshot: page number → the byte offset of its data in the WAL */
  frames: Map<number, number>;
}

function readAt(path: string, bytes: number, position: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const got = readSync(fd, buf, 0, bytes, position);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * The frames of the snapshot: the WAL-index header's `mxFrame` (native byte order, two equal
 * copies), then each frame's page number (big-endian), checked against the WAL header's salts.
 * Called only with the write lock held, so neither moves meanwhile. Throws when the files do not
 * say what SQLite's format says they must: the backup then fails as `copy_failed`, its partial
 * file removed (db/backup-copy.ts), and nothing is copied by guesswork.
 */
function snapshotFrames(dbPath: string, pageSize: number): Map<number, number> {
  const frames = new Map<number, number>();
  const shm = `${dbPath}-shm`;
  if (!existsSync(shm)) return frames;
  const index = readAt(shm, N_BACKFILL_AT + 4, 0);
  if (index.length < N_BACKFILL_AT + 4) return frames;
  if (!index.subarray(0, INDEX_HEADER_BYTES).equals(index.subarray(INDEX_HEADER_BYTES, INDEX_HEADER_BYTES * 2))) {
    throw new Error('the WAL index header is being written');
  }
  const u32 = (o: number) => (endianness() === 'LE' ? index.readUInt32LE(o) : index.readUInt32BE(o));
  if (u32(0) !== 3007000 || index[12] !== 1) throw new Error('the WAL index is not one this copy reads');
  const mxFrame = u32(16);
  if (mxFrame === 0 || u32(N_BACKFILL_AT) >= mxFrame) return frames;
  const wal = `${dbPath}-wal`;
  const header = readAt(wal, WAL_HEADER_BYTES, 0);
  const walPageSize = header.readUInt32BE(8);
  if (walPageSize !== pageSize) throw new Error('the WAL holds pages of another size');
  // The salts, as SQLite copies them: the same 8 bytes in the WAL header, the index and every frame.
  const salts = header.subarray(16, 24);
  if (!salts.equals(index.subarray(32, 40))) throw new Error('the WAL index is of another WAL');
  const fd = openSync(wal, 'r');
  try {
    const frameHeader = Buffer.alloc(FRAME_HEADER_BYTES);
    for (let frame = 1; frame <= mxFrame; frame++) {
      const at = WAL_HEADER_BYTES + (frame - 1) * (FRAME_HEADER_BYTES + pageSize);
      if (readSync(fd, frameHeader, 0, FRAME_HEADER_BYTES, at) !== FRAME_HEADER_BYTES)
        throw new Error('the WAL is shorter than its index says');
      if (!frameHeader.subarray(8, 16).equals(salts)) throw new Error('a frame of the snapshot is of another WAL');
      frames.set(frameHeader.readUInt32BE(0), at + FRAME_HEADER_BYTES);
    }
  } finally {
    closeSync(fd);
  }
  return frames;
}

/** Lets the thread's other work run; waits `ms` when the copy is ahead of its pace. */
async function pause(ms: number): Promise<void> {
  await new Promise((resolve) => (ms > 1 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/** Writes the database file's pages, then the snapshot's frames over them, into `out`. */
async function writeSnapshot(dbPath: string, out: FileHandle, snapshot: Snapshot): Promise<void> {
  const size = snapshot.pageCount * snapshot.pageSize;
  const buf = Buffer.alloc(CHUNK_BYTES);
  let unsynced = 0;
  const started = performance.now();
  const source = await open(dbPath, 'r');
  try {
    for (let at = 0; at < size; at += CHUNK_BYTES) {
      const want = Math.min(CHUNK_BYTES, size - at);
      const { bytesRead } = await source.read(buf, 0, want, at);
      // Pages the snapshot added and no checkpoint has written yet are only in the WAL: zeros
      // here, each written over by its frame below.
      buf.fill(0, bytesRead, want);
      await out.write(buf, 0, want, at);
      unsynced += want;
      if (unsynced >= SYNC_EVERY) {
        // Durable now, so the kernel never holds gigabytes to write back at once ahead of the counter's reads.
        await out.datasync();
        unsynced = 0;
        const ahead = ((at + want) / 1024 ** 3) * MS_PER_GIB - (performance.now() - started);
        await pause(ahead);
      }
    }
  } finally {
    await source.close();
  }
  if (snapshot.frames.size === 0) return;
  // Each page's newest frame, in the WAL's order, read a chunk of frames at a time.
  const newest = [...snapshot.frames].filter(([pageNo]) => pageNo <= snapshot.pageCount).sort((a, b) => a[1] - b[1]);
  const frameBytes = FRAME_HEADER_BYTES + snapshot.pageSize;
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / frameBytes));
  const walBuf = Buffer.alloc(perChunk * frameBytes);
  const wal = await open(`${dbPath}-wal`, 'r');
  try {
    for (let i = 0; i < newest.length;) {
      const from = newest[i][1] - FRAME_HEADER_BYTES;
      const { bytesRead } = await wal.read(walBuf, 0, walBuf.length, from);
      for (; i < newest.length && newest[i][1] + snapshot.pageSize <= from + bytesRead; i++) {
        const [pageNo, at] = newest[i];
        writeSync(out.fd, walBuf, at - from, snapshot.pageSize, (pageNo - 1) * snapshot.pageSize);
      }
      if (i < newest.length && newest[i][1] - FRAME_HEADER_BYTES === from) throw new Error('a frame of the snapshot is cut short');
    }
  } finally {
    await wal.close();
  }
}

/** Whether `db`'s store can be copied this way: a file in WAL mode. */
export function canCopySnapshot(db: DB): boolean {
  return !db.memory && db.pragma('journal_mode', { simple: true }) === 'wal';
}

/**
 * Writes the store `db` has open, as one read snapshot, to the file `target` (created; the caller
 * renames it when whole and switches it out of WAL mode). The write lock is held only while the
 * snapshot's frames are listed (milliseconds: a WAL is at most wal_autocheckpoint pages); the
 * counter writes all through the copy. Throws as the disk or SQLite did, or when the WAL files do
 * not read as SQLite's format says.
 */
export async function copySnapshot(db: DB, target: string): Promise<void> {
  const writer = openSecondConnection(db);
  const reader = openSecondConnection(db);
  try {
    let snapshot: Snapshot;
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT COUNT(*) FROM sqlite_master').pluck().get();
      // Reading starts the reader's snapshot: the newest commit, since none can happen now.
      const pageCount = reader.pragma('page_count', { simple: true }) as number;
      const pageSize = reader.pragma('page_size', { simple: true }) as number;
      snapshot = { pageSize, pageCount, frames: snapshotFrames(db.name, pageSize) };
    } finally {
      writer.prepare('ROLLBACK').run();
    }
    const out = await open(target, 'w');
    try {
      await writeSnapshot(db.name, out, snapshot);
      await out.truncate(snapshot.pageCount * snapshot.pageSize);
      await out.datasync();
    } finally {
      await out.close();
    }
  } finally {
    if (reader.inTransaction) reader.prepare('ROLLBACK').run();
    reader.close();
    writer.close();
  }
}
