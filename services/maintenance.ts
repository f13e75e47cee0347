import type { App } from './context';
import { dispatch } from './dispatch';

const HOUR = 60 * 60 * 1000;

/**
 * The daily chores, run at start-up and then every hour (both are idempotent, so running
 * often costs nothing): expire points past their date, review tiers past their review date, make the follow-ups
 * the rules call for.
 */
export function runMaintenance(app: App): void {
  for (const method of ['points.expire', 'tiers.review', 'followups.generate'] as const) {
    const result = dispatch(app, { system: true }, method, {});
    if (!result.ok && result.error.code !== 'NOT_INITIALIZED') console.error(`[maintenance] ${method} failed`, result.error);
  }
}

/** Starts the schedule; returns a function that stops it (on shutdown). */
export function scheduleMaintenance(app: App): () => void {
  runMaintenance(app);
  const timer = setInterval(() => runMaintenance(app), HOUR);
  timer.unref();
  return () => clearInterval(timer);
}
