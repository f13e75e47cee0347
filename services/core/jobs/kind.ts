import type { z } from 'zod';
import type { DB } from '../../../db/connection';
import type { Ctx } from '../context';
import type { JobStep } from '../../../shared/contract/jobs';

/** What one slice did: where the next one starts, how much of the total it did, what to add to the result. */
export interface SliceOutcome<C> {
  cursor: C | null;
  done: number;
  /** the work is over: no slice is left to run */
  finished: boolean;
  /** counts added to the job's result (members re-evaluated, points expired …) */
  tally: Record<string, number>;
  /** the job's total, from a kind whose slices count it first */
  total?: number;
  /**
   * Not yet: the slice did nothing and the job waits for something outside it (an import for the
   * backup that must come first). The runner runs nothing else meanwhile and tries the job again
   * WAIT_RETRY_MS later; nothing of the outcome is written.
   */
  wait?: boolean;
}

/**
 * A kind of background job (docs/jobs.md): how to count its work and how to do one slice of it.
 * A slice runs inside the runner's transaction on the runner's connection, and must leave the
 * data sound on its own (the job may be killed after any slice) and be safe to run again from
 * the same cursor (a slice whose commit was lost is run again).
 */
export interface JobKind {
  /** stopping between two slices leaves nothing half-done that matters (docs/jobs.md says why, per kind) */
  cancellable: boolean;
  /** units of work a slice takes: a slice stays within a few tens of ms at a million members */
  sliceRows: number;
  /** the units of work the job has, read in its first slice; null: too many to count at once, the slices count them */
  total(db: DB, ctx: Ctx, params: unknown): number | null;
  slice(db: DB, ctx: Ctx, params: unknown, cursor: unknown, rows: number): SliceOutcome<unknown>;
  /** the step an open job is at, when its kind has one that reads differently (an import being undone: 'undo') */
  step(db: DB, params: unknown): JobStep | null;
}

interface KindSpec<P, C> {
  cancellable: boolean;
  sliceRows: number;
  /** what the job is asked, stored as JSON when it is queued */
  params: z.ZodType<P>;
  /** where a slice starts, stored as JSON after each slice */
  cursor: z.ZodType<C>;
  total(db: DB, ctx: Ctx, params: P): number | null;
  slice(db: DB, ctx: Ctx, params: P, cursor: C | null, rows: number): SliceOutcome<C>;
  step?(db: DB, params: P): JobStep | null;
}

/** A kind whose params and cursor, read back from the job's row, are checked against their schemas. */
export function defineJobKind<P, C>(spec: KindSpec<P, C>): JobKind {
  const cursorOf = (cursor: unknown) => (cursor === null ? null : spec.cursor.parse(cursor));
  return {
    cancellable: spec.cancellable,
    sliceRows: spec.sliceRows,
    total: (db, ctx, params) => spec.total(db, ctx, spec.params.parse(params)),
    slice: (db, ctx, params, cursor, rows) => spec.slice(db, ctx, spec.params.parse(params), cursorOf(cursor), rows),
    step: (db, params) => spec.step?.(db, spec.params.parse(params)) ?? null,
  };
}
