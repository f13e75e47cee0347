import type { App } from '../core/context';
import { catchUpOffsite, requeueInterrupted, takeNextBackup } from './run';
import { encryptPlainBackup } from './sweep';

// The side host's backup loop (electron/backend/host.ts): started when the services' host starts
// its chores, it takes the backups the app and its staff ask for, one at a time, on the side
// host's own thread and connection, so the counter's thread never copies or checks a page.

/** How often the loop looks for a request when none is waiting. */
export const BACKUP_LOOP_MS = 2000;

/**
 * Starts the loop; answers the function that stops it (a backup under way finishes first: its
 * copy holds the thread from its second step to its end).
 */
export function startBackupLoop(app: App): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  // Nothing else copies on this file now: a copy still marked as running was cut off.
  try {
    requeueInterrupted(app);
  } catch (err) {
    console.error('[backup] could not look for interrupted backups', err);
  }
  const tick = async () => {
    let ran = false;
    try {
      ran = (await takeNextBackup(app)) !== null || catchUpOffsite(app) || encryptPlainBackup(app);
    } catch (err) {
      console.error('[backup] the backup loop failed', err);
    }
    // Straight on to the next request when there was one: the side host's calls are let in between.
    if (!stopped) timer = setTimeout(() => void tick(), ran ? 0 : BACKUP_LOOP_MS);
  };
  timer = setTimeout(() => void tick(), BACKUP_LOOP_MS);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
