import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract, type MethodName } from '../../shared/contract/index';
import { roleAtLeast } from '../../shared/roles';
import { rpc, send } from './fuzz-client';
import { dataFingerprint, explainRefusedWrite } from './fuzz-fingerprint';
import { inputSchema, validValue } from './fuzz-inputs';
import { MUTATIONS, mutated } from './fuzz-mutations';
import { seedFuzzStores } from './fuzz-store';
import { openTarget, type Role, type Target } from './fuzz-target';
import { envCount, Random, runSeed, SEED_ENV } from './random';

// Issue 18: 10,000 random and malformed calls across every method of the contract, through the
// real HTTP bridge (browser mode, each store's server in its own process, chores off), on a
// seeded branch and its HQ with an admin, a manager and a clerk logged in at each. No answer may
// be a 500 or INTERNAL, the servers must go on answering, and a refused call must leave the
// database as it was (./fuzz-fingerprint.ts says how that is read, and which refusals write on
// purpose). Inputs are made from each method's zod input (./fuzz-inputs.ts) and then made wrong
// (./fuzz-mutations.ts); the sessions vary too.

const CALLS = envCount('RELIABILITY_FUZZ_CALLS', 10_000);
const BATCH = 500;
const METHODS = Object.keys(contract).sort() as MethodName[];
const SCHEMAS = new Map(METHODS.map((m) => [m, inputSchema(m)]));
/** HQ's own methods go to the HQ most of the time; the branch's side of the chain, and the rest, to the branch. */
const AT_HQ = (m: MethodName) => m.startsWith('hq.') && m !== 'hq.joinChain' && m !== 'hq.exportBranch';
const ROLES: Role[] = ['clerk', 'manager', 'admin'];
/** Mutations no strict input schema can take for valid (a unicode string or an odd number might be). */
const SURELY_INVALID = ['wrong_type', 'extra_key', 'array_for_object', 'not_an_object', 'bad_json'] as const;
const ODD_METHODS = [
  'nope',
  'members.',
  '.get',
  'members.get.x',
  '__proto__',
  'constructor',
  'members%2Eget',
  '%E0%A4%A',
  '会员.查询',
  'a'.repeat(500),
];

class Tally {
  readonly byMethod = new Map<string, Map<string, number>>();
  readonly byOutcome = new Map<string, number>();
  readonly byInput = new Map<string, number>();

  static bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  count(method: string, code: string, outcome: string, input: string): void {
    if (!this.byMethod.has(method)) this.byMethod.set(method, new Map());
    Tally.bump(this.byMethod.get(method)!, code);
    Tally.bump(this.byOutcome, outcome);
    Tally.bump(this.byInput, input);
  }

  toString(): string {
    const line = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
    const methods = [...this.byMethod]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([method, codes]) => `  ${method} ${[...codes.values()].reduce((a, b) => a + b, 0)}: ${line(codes)}`);
    return [`by outcome: ${line(this.byOutcome)}`, `by input: ${line(this.byInput)}`, 'by method:', ...methods].join('\n');
  }
}

/** Mostly a session whose role may call the method; else another role's, none, an unknown one, a logged-out one, or junk. */
function sessionFor(target: Target, method: MethodName, random: Random): [string, string | null] {
  const access = contract[method].access;
  const r = random.float();
  if (r < 0.75) {
    const fit = ROLES.filter((role) => access === 'public' || access === 'staff' || roleAtLeast(role, access));
    const role = fit.length > 0 && random.chance(0.8) ? random.pick(fit) : random.pick(ROLES);
    return [role, target.sessions[role]];
  }
  if (r < 0.85) return ['none', null];
  if (r < 0.92) return ['unknown', random.text(32, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')];
  if (r < 0.96) return ['logged out', target.loggedOut];
  return ['odd', random.pick(['', ' ', 'null', 'x'.repeat(5000), '../../etc/passwd'])];
}

describe('malformed calls through the HTTP bridge (issue 18)', () => {
  it(`answers ${CALLS} random and malformed calls across every method without a 500, and a refused call changes nothing`, async () => {
    const seed = runSeed();
    console.log(`[fuzz] seed ${seed} (to replay: ${SEED_ENV}=${seed}), ${CALLS} calls over ${METHODS.length} methods`);
    const started = performance.now();
    const random = new Random(seed);
    const dir = mkdtempSync(join(tmpdir(), 'branchdesk-fuzz-'));
    const targets: Target[] = [];
    try {
      const stores = seedFuzzStores(dir);
      const opened = await Promise.allSettled([
        openTarget('branch', stores.branch.path, stores.branch.files),
        openTarget('hq', stores.hq.path, stores.hq.files),
      ]);
      for (const o of opened) if (o.status === 'fulfilled') targets.push(o.value);
      for (const o of opened) if (o.status === 'rejected') throw o.reason;
      const [branch, hq] = targets;

      const tally = new Tally();
      const problems: string[] = [];
      const onPurpose = new Map<string, number>();
      let [refusedUnchanged, jobSlices] = [0, 0];
      for (let i = 0; i < CALLS; i++) {
        if (i % 200 === 0) targets.forEach((t) => t.refresh());
        const method = random.pick(METHODS);
        const target = random.chance(AT_HQ(method) ? 0.85 : 0.1) ? hq : branch;
        // A rewrite of the store's file (encryption turned on, its passphrase changed) that went
        // through would end the run's sessions and change the store's key mid-run: it is only sent
        // broken here, and has tests of its own (test/electron/backend/rewrite-host.test.ts,
        // test/reliability/rekey.test.ts).
        const mutation = contract[method].rewritesDatabase
          ? random.pick(SURELY_INVALID)
          : random.chance(0.3)
            ? 'valid'
            : random.pick(MUTATIONS.slice(1));
        const request = mutated(validValue(SCHEMAS.get(method)!, method, '', target.pools, random), mutation, random);
        let [sessionKind, session] = sessionFor(target, method, random);
        // Logging out one of the run's sessions would end it, locking it would leave every later call
        // of it SESSION_LOCKED, and a resume by a colleague would end it: the spare logs in to take those.
        const endsOrLocks = method === 'auth.logout' || method === 'auth.lock' || method === 'auth.resume';
        if (endsOrLocks && session !== null && Object.values(target.sessions).includes(session)) {
          [sessionKind, session] = ['spare', await target.spare()];
          target.known = dataFingerprint(target.reader);
        }
        const oddPath = random.chance(0.02);
        const path = `/rpc/${oddPath ? random.pick(ODD_METHODS) : method}`;
        const token = random.chance(0.02) ? 'wrong-token' : target.server.token;

        const before = dataFingerprint(target.reader, target.known);
        const answer = await send(target.server, path, request, session, token);
        target.known = before;
        const code = answer.envelope?.ok ? 'ok' : (answer.envelope?.error?.code ?? `not an envelope (${answer.status})`);
        const label = oddPath ? '(odd method name)' : method;
        tally.count(label, code, `${answer.status} ${code}`, request.kind);
        const call = `#${i} ${target.name} ${path} (${request.kind}, session ${sessionKind}): ${answer.status} ${answer.text.slice(0, 300)}`;
        if (answer.status >= 500 && code !== 'BUSY' && code !== 'REPORTS_BUILDING') problems.push(`a ${answer.status}: ${call}`);
        if (code === 'INTERNAL' || !answer.envelope) problems.push(`not a clean refusal: ${call}`);
        if (!answer.envelope?.ok) {
          const after = dataFingerprint(target.reader, before);
          if (after.version === before.version) refusedUnchanged++;
          else {
            const why = explainRefusedWrite(label, code, before, after);
            if (why.ok) Tally.bump(onPurpose, why.reason);
            else problems.push(`a refused call wrote (${why.reason}): ${call}`);
            target.known = after;
          }
        }
        if (i % BATCH === BATCH - 1 || i === CALLS - 1) {
          for (const t of targets) {
            const alive = await rpc(t.server, 'setup.status', {});
            expect(t.server.child.exitCode, `${t.name}'s server stopped after call #${i}:\n${t.server.output()}`).toBeNull();
            expect(alive.envelope?.ok, `${t.name}'s server stopped answering after call #${i}: ${alive.text}`).toBe(true);
            jobSlices += t.runJobs();
            t.known = dataFingerprint(t.reader);
          }
        }
      }
      const purposes = [...onPurpose].map(([why, n]) => `${n} × ${why}`).join('; ') || 'none';
      console.log(
        `[fuzz] ${CALLS} calls in ${((performance.now() - started) / 1000).toFixed(0)} s (seed ${seed}), ` +
          `${problems.length} problems; ${refusedUnchanged} refused calls left their database unchanged; ` +
          `${jobSlices} slices of the jobs the calls queued run between batches; refused calls that wrote, on purpose: ${purposes}\n${tally}`,
      );
      expect(problems, `${problems.length} problems (${SEED_ENV}=${seed}); the first:\n${problems.slice(0, 20).join('\n')}`).toEqual([]);
      expect(METHODS.filter((m) => !tally.byMethod.has(m))).toEqual([]);
    } finally {
      for (const t of targets) await t.close();
      if (process.env.RELIABILITY_KEEP) console.log(`[fuzz] the stores are kept in ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
