import { z } from 'zod';
import { contract, isMethodName, type Access, type MethodName, type MethodSpec, type OutputOf } from '../../shared/contract/index';
import { AppError, issuesFromZod, validationError, type Envelope, type ErrorBody } from '../../shared/errors';
import { roleAtLeast } from '../../shared/roles';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { staffQueries } from '../../db/queries/staff/staff';
import { auditableChanges } from './audit';
import type { App, Ctx } from './context';
import type { Caller } from './sessions';
import { handlers } from './handlers';
import { lockedRefusal } from './idle-lock';

/** How a transport identifies the caller: the session token it was given at login, if any. */
export interface CallMeta {
  session?: string | null;
  /**
   * The app's own scheduled work (expiry, tier reviews) with no staff behind it. Only in-process
   * code can set this: neither transport passes it through.
   */
  system?: boolean;
  /**
   * The caller, already resolved from a session by the services' host, for a long call it hands
   * to its side host (electron/backend/host.ts), where the session is not known. In-process only.
   */
  caller?: Caller | null;
}

/**
 * The one door into the services, shared by Electron IPC, the HTTP bridge, scripts and tests:
 * look the method up, resolve the caller, check the role, validate the input, run writes in one
 * transaction that must leave an audit row, check the output, and answer with an envelope. Never throws.
 */
export function dispatch(app: App, meta: CallMeta, name: string, rawInput: unknown): Envelope<unknown> {
  try {
    const { spec, run } = admitted(app, meta, name, rawInput);
    if (spec.async) throw new Error(`${name} answers a promise: call it through dispatchAsync`);
    const result = spec.write === false ? run() : runWrite(app.db, run.ctx, spec.write, run);
    return { ok: true, result: app.checkOutputs ? (spec.output as z.ZodType).parse(result) : result };
  } catch (err) {
    return { ok: false, error: errorBody(err, name) };
  }
}

/**
 * The same door for any method, answering a promise: an `async` method (an import reading its
 * file) is awaited, with the same checks before and the same envelope after. Its handler keeps
 * its own transactions and audit rows; the changes check of runWrite cannot hold across awaits,
 * where other calls write on the same connection.
 */
export async function dispatchAsync(app: App, meta: CallMeta, name: string, rawInput: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(name) || !contract[name].async) return dispatch(app, meta, name, rawInput);
  try {
    const { spec, run } = admitted(app, meta, name, rawInput);
    const result = await run();
    return { ok: true, result: app.checkOutputs ? (spec.output as z.ZodType).parse(result) : result };
  } catch (err) {
    return { ok: false, error: errorBody(err, name) };
  }
}

/** Looks the method up, resolves the caller, checks the role, the input and the mode: the call, ready to run. */
function admitted(app: App, meta: CallMeta, name: string, rawInput: unknown) {
  if (!isMethodName(name)) throw new AppError('UNKNOWN_METHOD', `Unknown method: ${name}`, { method: name });
  const spec: MethodSpec = contract[name];
  const ctx = contextFor(app, meta.session ?? null, meta.caller);
  const locked = lockedRefusal(app, ctx.session, name);
  if (locked) throw locked;
  if (!meta.system) checkAccess(spec.access, ctx.caller, name);
  // reportInput: zod 4 leaves `issue.input` out otherwise, and issuesFromZod needs it to tell
  // a wrong type (`{q: 42}` → invalid_type) from a missing value (→ required).
  const parsed = spec.input.safeParse(rawInput ?? {}, { reportInput: true });
  if (!parsed.success) throw validationError(issuesFromZod(parsed.error));
  if (spec.write && !spec.atHq && branchQueries(app.db).self()?.kind === 'hq') {
    throw new AppError('WRONG_MODE', 'Only a branch can do this; this is HQ', { needed: 'branch', kind: 'hq', method: name });
  }
  const handler = handlers[name] as (db: DB, ctx: Ctx, input: unknown) => unknown;
  const run = Object.assign(() => handler(app.db, ctx, parsed.data), { ctx });
  return { spec, run };
}

/** Who a session belongs to, or null (none, expired, or the staff member since deactivated). */
export function sessionCaller(app: App, session: string | null): Caller | null {
  const entry = session ? app.sessions.resolve(session) : null;
  if (!entry) return null;
  if (!entry.caller) {
    const row = staffQueries(app.db).byId(entry.staffId);
    if (row && row.active) entry.caller = { id: row.id, name: row.name, role: row.role, branchId: row.branch_id };
  }
  return entry.caller;
}

function contextFor(app: App, session: string | null, resolved: Caller | null | undefined): Ctx {
  const caller = resolved === undefined ? sessionCaller(app, session) : resolved;
  let now: string | null = null;
  return {
    app,
    caller,
    session,
    // Read the clock once, and only for calls that use it (reads mostly do not).
    get now() {
      now ??= app.clock.now().toISOString();
      return now;
    },
    newId: app.newId,
    auditRows: 0,
  };
}

/**
 * Runs a write call: in one IMMEDIATE transaction (unless the handler keeps its own, `'own'`),
 * refusing to commit a call that changed data without writing an audit row. The refusal is
 * thrown inside the transaction, so the call changes nothing and answers INTERNAL: a forgotten
 * `writeAudit` fails the first test that calls the method, not an auditor years later. A call
 * that changed nothing needs no row: the hourly chores mostly find nothing to expire, review or
 * plan, and a row each time would bury the ones that did. Nor do the report summaries a call
 * brings up to date (refreshDerived). An `'own'` handler has committed by the time it returns:
 * its call still fails, loudly, but what it wrote stays.
 */
export function runWrite<T>(db: DB, ctx: Ctx, write: true | 'own', run: () => T): T {
  const audited = () => {
    // The sale is latency-sensitive: a counter on the call's Ctx and total_changes(), a number
    // SQLite keeps anyway, read no table; a call that wrote its row skips the second look.
    const changesBefore = auditableChanges(db);
    const result = run();
    if (ctx.auditRows === 0 && auditableChanges(db) !== changesBefore) {
      throw new Error('The call changed data without writing an audit row');
    }
    return result;
  };
  return write === 'own' ? audited() : db.transaction(audited).immediate();
}

function checkAccess(access: Access, caller: Caller | null, name: string): void {
  if (access === 'public') return;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Please log in first', { method: name });
  if (access === 'staff') return;
  if (!roleAtLeast(caller.role, access)) {
    throw new AppError('FORBIDDEN', `${name} needs the ${access} role`, { method: name, needed: access, role: caller.role });
  }
}

function errorBody(err: unknown, method: string): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  if (err instanceof z.ZodError) {
    // An output that fails its schema is our bug, not the caller's.
    console.error(`[dispatch] ${method} returned an invalid result`, err.issues);
    return { code: 'INTERNAL', message: 'Internal error', details: { method } };
  }
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'CONFLICT', message: 'The change conflicts with data already saved', details: { method } };
  }
  if (sqliteCode === 'SQLITE_BUSY') {
    return { code: 'BUSY', message: 'The database is busy, try again', details: { method } };
  }
  console.error(`[dispatch] ${method} failed`, err);
  return { code: 'INTERNAL', message: 'Internal error', details: { method } };
}

/** For scripts and tests: call an `async` method (or any) and unwrap, throwing the AppError on failure. */
export async function callAsync<M extends MethodName>(app: App, meta: CallMeta, name: M, input: unknown): Promise<OutputOf<M>> {
  const envelope = await dispatchAsync(app, meta, name, input);
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.result as OutputOf<M>;
}

/** For scripts and tests: call and unwrap, throwing the AppError on failure. */
export function call<M extends MethodName>(app: App, meta: CallMeta, name: M, input: unknown): OutputOf<M> {
  const envelope = dispatch(app, meta, name, input);
  if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.details);
  return envelope.result as OutputOf<M>;
}
