import { statSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { parentPort, workerData } from 'node:worker_threads';
import { copyDatabase } from '../../db/backup-files';
import { copyInOneStep } from '../../db/backup-copy';
import { openDatabase } from '../../db/connection';
import { completePendingRestore } from '../../db/restore-swap';
import { readyStaged, stageBackup } from '../../services/backup/restore';
import { verifyCopy } from '../../services/backup/verify';

// One step of a backup on a thread of its own, as the side host runs it (backup.ts starts it): a
// copy by VACUUM INTO or by the backup API in one step (the side host's), each as the app makes
// it, or the app's check of a copy. Answers how long the step took, on this thread.

export interface BackupStep {
  step: 'vacuum' | 'backupApi' | 'snapshot' | 'verify' | 'restore';
  dbPath: string;
  /** the copy written, or checked, or (restore) the backup restored */
  file: string;
  /** restore: the new PC's store the backup is restored to (it must not exist yet) */
  target?: string;
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
if (step === 'backupApi') await copyInOneStep(db, file, 'backupApi');
if (step === 'snapshot') await copyInOneStep(db, file, 'snapshot');
if (step === 'verify') error = verifyCopy(file, db, null).error;
if (step === 'restore') {
  // `npm run restore` onto a PC with no store yet (the PC was lost): copied, checked whole, marked, put in place, opened.
  const target = (workerData as BackupStep).target!;
  const req = { dbPath: target, current: null, source: file, fileName: null, now: new Date().toISOString(), newId: uuidv7, staffId: null };
  readyStaged(stageBackup(req), req);
  completePendingRestore(target);
  openDatabase(target).close();
}
const done: BackupStepDone = { ms: performance.now() - started, bytes: statSync(file).size, error };
db.close();
port.postMessage(done);
