import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type DB } from '../db/connection';
import { PASSPHRASE_ENV } from '../electron/passphrase-input';
import { branchQueries } from '../db/queries/core/branch';
import { AppError } from '../shared/errors';
import { createApp } from '../services/core/context';
import { call } from '../services/core/dispatch';
import { writeBranchExport } from '../services/hq/export';
import { mergeExportFile } from '../services/hq/merge';
import { backupNow } from '../services/backup/run';
import { backupsDirFor } from '../db/backup-files';

// HQ automation from the command line (README "HQ command line"): set a database up as a branch
// or HQ, export a branch, merge export files into HQ (backed up first, once per command). Writes
// as the system (no staff member), named "CLI". Exit codes: 0 done, 1 a file was refused, the
// backup before merging failed or an export failed, 2 usage errors, 3 nothing changed since the
// branch's last export (no file written: a nightly job has nothing to send).

const USAGE = `usage:
  npm run hq -- export --db BRANCH.sqlite --out FILE|DIR [--full]
  npm run hq -- merge --db HQ.sqlite FILE...
  npm run hq -- init-hq --db HQ.sqlite --name NAME --code CODE --admin NAME --pin PIN
  npm run hq -- init-branch --db BRANCH.sqlite --name NAME --code CODE --admin NAME --pin PIN [--chain CODE] [--demo N]`;

/** The command line itself is wrong, or names the wrong database: exit 2 (with the usage when the words were wrong). */
class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = true,
  ) {
    super(message);
  }
}

const KIND = { branch: 'a branch', hq: 'an HQ' } as const;

const DB_OPTION = { db: { type: 'string' } } as const;
const INIT_OPTIONS = {
  ...DB_OPTION,
  name: { type: 'string' },
  code: { type: 'string' },
  admin: { type: 'string' },
  pin: { type: 'string' },
  chain: { type: 'string' },
  demo: { type: 'string' },
} as const;

/** parseArgs' complaints (an unknown flag, a missing value) are usage errors. */
function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** An existing, set-up database of the given kind; anything else is a usage error. */
function openSetUp(path: string, kind: 'branch' | 'hq'): DB {
  if (!existsSync(path)) throw new UsageError(`no database at ${path}`, false);
  let db: DB;
  try {
    // An encrypted store's passphrase comes from the environment, never the command line (docs/encryption.md).
    const passphrase = process.env[PASSPHRASE_ENV];
    db = openDatabase(path, { hq: kind === 'hq', key: passphrase ? { passphrase } : null });
  } catch (err) {
    if (err instanceof AppError && (err.code === 'STORE_LOCKED' || err.code === 'WRONG_PASSPHRASE')) {
      const why = err.code === 'STORE_LOCKED' ? 'is encrypted' : 'is encrypted and the passphrase given does not open it';
      throw new UsageError(`${path} ${why}: give its passphrase in ${PASSPHRASE_ENV}`, false);
    }
    throw new UsageError(`${path} is not a BranchDesk database: ${err instanceof Error ? err.message : String(err)}`, false);
  }
  const self = branchQueries(db).self();
  if (!self || self.kind !== kind) {
    db.close();
    throw new UsageError(
      self ? `${path} is ${KIND[self.kind]} database, not ${KIND[kind]} one` : `${path} is not set up: run init-${kind} first`,
      false,
    );
  }
  return db;
}

function exportBranch(args: string[]): number {
  const { values } = parsed(() =>
    parseArgs({ args, options: { ...DB_OPTION, out: { type: 'string' }, full: { type: 'boolean' } }, strict: true }),
  );
  const dbPath = resolve(required(values.db, '--db'));
  const out = resolve(required(values.out, '--out'));
  // A directory gets the export under its own name (BranchDesk-B01-0003-incr-….bdx).
  const intoDir = existsSync(out) && statSync(out).isDirectory();
  const outPath = intoDir ? join(out, `.export-${process.pid}.tmp`) : out;
  const db = openSetUp(dbPath, 'branch');
  try {
    const now = new Date().toISOString();
    const done = writeBranchExport(db, {
      mode: values.full ? 'full' : 'incremental',
      outPath,
      staffId: null,
      staffName: 'CLI',
      now,
      newId: () => uuidv7(),
    });
    const path = intoDir ? join(out, done.fileName) : done.path;
    if (intoDir) renameSync(outPath, path);
    const m = done.manifest;
    const rows = Object.entries(m.rows)
      .map(([table, n]) => `${table}=${n}`)
      .join(' ');
    console.log(`exported ${m.branch.code} seq=${m.seq} mode=${m.mode} ${rows} sha256=${m.sha256} file=${path}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'NOTHING_TO_EXPORT') {
      console.log(`nothing to export: no change since export seq=${String(err.details?.seq)}; no file written`);
      return 3;
    }
    console.error(`export refused: ${err.code} ${err.message}`);
    return 1;
  } finally {
    db.close();
  }
}

function merge(args: string[]): number {
  const { values, positionals } = parsed(() => parseArgs({ args, options: DB_OPTION, allowPositionals: true, strict: true }));
  const dbPath = resolve(required(values.db, '--db'));
  if (positionals.length === 0) throw new UsageError('name at least one export file to merge');
  const db = openSetUp(dbPath, 'hq');
  let refused = 0;
  try {
    // HQ as it was before this command's files, once for them all (docs/backup.md); none merged without it.
    const backup = backupNow(createApp(db), { kind: 'merge', ref: `cli-${uuidv7()}`, by: null });
    if (backup.state !== 'ok') {
      console.log(`backup failed reason=${backup.error ?? 'copy_failed'}: no file merged`);
      return 1;
    }
    console.log(`backup ok file=${join(backupsDirFor(dbPath), backup.file_name ?? '')}`);
    for (const file of positionals) {
      const fileName = basename(file);
      try {
        if (!existsSync(file)) throw new AppError('BAD_FILE', 'No such file', { reason: 'no_such_file' });
        const t0 = performance.now();
        const r = mergeExportFile(db, { path: resolve(file), fileName, staffId: null, now: new Date().toISOString() });
        // Timed here: the result's own ms stops before the commit, which for a big file is a good part of it.
        const ms = Math.round(performance.now() - t0);
        const sum = (k: 'added' | 'updated' | 'unchanged') => r.tables.reduce((n, t) => n + t[k], 0);
        const what = r.alreadyMerged ? 'already-merged' : 'merged';
        console.log(
          `${what} ${fileName} branch=${r.branch.code} seq=${r.seq} mode=${r.mode} new=${sum('added')} updated=${sum('updated')} unchanged=${sum('unchanged')} conflicts=${r.conflicts} linked=${r.linked} ms=${ms}`,
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused++;
        const reason = typeof err.details?.reason === 'string' ? err.details.reason : err.code.toLowerCase();
        console.log(`refused ${fileName} reason=${reason} code=${err.code} message=${JSON.stringify(err.message)}`);
      }
    }
  } finally {
    db.close();
  }
  return refused > 0 ? 1 : 0;
}

function init(args: string[], kind: 'branch' | 'hq'): number {
  const { values } = parsed(() => parseArgs({ args, options: INIT_OPTIONS, strict: true }));
  const path = resolve(required(values.db, '--db'));
  if (kind === 'hq' && (values.chain !== undefined || values.demo !== undefined))
    throw new UsageError('an HQ makes its own chain code and has no demo members');
  const demo = values.demo === undefined ? 0 : Number(values.demo);
  if (!Number.isInteger(demo) || demo < 0) throw new UsageError('--demo must be a whole number');
  const input = {
    branchName: required(values.name, '--name'),
    branchCode: required(values.code, '--code'),
    adminName: required(values.admin, '--admin'),
    adminPin: required(values.pin, '--pin'),
    kind,
    ...(values.chain !== undefined ? { chainCode: values.chain } : {}),
    ...(demo > 0 ? { demoMembers: demo } : {}),
  };
  mkdirSync(dirname(path), { recursive: true });
  const db = openDatabase(path, { hq: kind === 'hq' });
  try {
    const done = call(createApp(db), {}, 'setup.init', input);
    console.log(
      `initialized ${kind} ${done.branch.code} ${JSON.stringify(done.branch.name)} chain=${done.chainCode ?? '-'} demo-members=${done.demoMembers}`,
    );
    return 0;
  } catch (err) {
    // Bad names, codes or PINs, or a database already set up: the command line was wrong.
    if (err instanceof AppError) throw new UsageError(`${err.code} ${err.message}`, false);
    throw err;
  } finally {
    db.close();
  }
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'export':
        return exportBranch(args);
      case 'merge':
        return merge(args);
      case 'init-hq':
        return init(args, 'hq');
      case 'init-branch':
        return init(args, 'branch');
      default:
        throw new UsageError(command ? `unknown command: ${command}` : 'name a command');
    }
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.showUsage ? `${err.message}\n${USAGE}` : err.message);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
