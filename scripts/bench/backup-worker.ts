import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { copyDatabase } from '../../db/backup-files';
import { openDatabase } from '../../db/connection';
import { verifyCopy } from '../../services/backup/verify';

// One step of a backup on a thread of its own, as the side host runs it (backup.ts starts it):
// the app's copy (VACUUM INTO), the other way measured against it (the backup API stepped to the
// end in one go), or the app's check of a copy. Answers how long the step took, on this thread.

export interface BackupStep {
  step: 'vacuum' | 'backupApi' | 'verify';
  dbPath: string;
  /** the copy written, or checked */
  file: string;
}

export interface BackupStepDone {
  ms: number;
  bytes: number;
  /** the check's verdict (verify): null when good */
  error: string | null;
}

if (!parentPort) throw new Error('scripts/bench/backup-worker.ts runs in a worker thread');
const port = parentPort;
const { step, dbPath, file } = workerData as BackupStep;
const db = openDatabase(dbPath);
const started = performance.now();
let error: string | null = null;
if (step === 'vacuum') copyDatabase(db, file);
// Its first step only counts the pages; the second, told to copy them all, copies from one read snapshot.
if (step === 'backupApi') await db.backup(file, { progress: () => 0x7fffffff });
if (step === 'verify') error = verifyCopy(file, db, null).error;
const done: BackupStepDone = { ms: performance.now() - started, bytes: statSync(file).size, error };
db.close();
port.postMessage(done);
