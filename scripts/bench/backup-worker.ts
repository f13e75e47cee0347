import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { copyDatabase } from '../../db/backup-files';
import { copyInOneStep } from '../../db/backup-copy';
import { openDatabase } from '../../db/connection';
import { verifyCopy } from '../../services/backup/verify';

// One step of a backup on a thread of its own, as the side host runs it (backup.ts starts it): a
// copy by VACUUM INTO or by the backup API in one step (the side host's), each as the app makes
// it, or the app's check of a copy. Answers how long the step took, on this thread.

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
if (step === 'backupApi') await copyInOneStep(db, file);
if (step === 'verify') error = verifyCopy(file, db, null).error;
const done: BackupStepDone = { ms: performance.now() - started, bytes: statSync(file).size, error };
db.close();
port.postMessage(done);
