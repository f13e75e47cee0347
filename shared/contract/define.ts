import type { z } from 'zod';
import type { Role } from '../roles';

/** Who may call: anyone (before login), any logged-in staff, or at least the given role. */
export type Access = 'public' | 'staff' | Role;

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /**
   * Writes run in one transaction; a failure changes nothing. `'own'`: the handler runs its own
   * transactions (a merge must ATTACH a file, which SQLite forbids inside one) and keeps the
   * same promise itself.
   */
  write: boolean | 'own';
  /**
   * A write HQ makes itself. HQ holds the branches' records as they sent them: any other write
   * (a sale, a points entry, a tier review, a follow-up) would be counted beside the branch's own
   * or changed under it by the branch's next file, so HQ refuses it (WRONG_MODE).
   */
  atHq?: true;
  /**
   * The largest request body the HTTP bridge reads for this method, in bytes; DEFAULT_MAX_BODY_BYTES
   * when not given. A method that carries a file says how large the file may be. (IPC hands over
   * the input as a structured clone and has no limit of its own.)
   */
  maxBodyBytes?: number;
  /**
   * A call that may take seconds (an HQ merge, a branch export): where the services run behind
   * the relay (electron/backend/host.ts), it runs on a thread of its own with its own connection,
   * so every other call goes on being answered meanwhile, from the database as it was before the
   * long call commits. Called directly (tests, scripts) it runs like any other. `'writer'`: it
   * holds the database for writing throughout (an HQ merge, which must appear whole), so a call
   * that needs to write meanwhile is answered once it has ended; `'reader'`: it reads for long
   * and writes briefly (a branch export), so the counter's sales go on.
   */
  ownThread?: 'writer' | 'reader';
  /**
   * The call prepares another database to take this one's place (a restore from a backup): once
   * it has answered, the services' host closes the database, swaps the files and opens it again,
   * ending every session; while it runs, the calls that write wait for the restored store
   * (electron/backend/host.ts). Called directly (tests, scripts) the file is only made ready.
   */
  replacesDatabase?: true;
  /**
   * The call rewrites the database file in place (encryption turned on, its passphrase changed:
   * docs/encryption.md): once its handler has checked the request and taken a good backup, the
   * services' host closes every connection, rewrites the file on a thread of its own and opens
   * it again, ending every session; every other call waits meanwhile except `encryption.status`.
   * Called directly (tests, scripts) only the checks and the backup run.
   */
  rewritesDatabase?: true;
  /**
   * The handler answers a promise: it reads a file as a stream (an import), awaiting between
   * chunks so the calls after it are answered meanwhile. Such a call keeps its own transactions
   * (`write: 'own'`) and writes its audit rows itself; `dispatchAsync` runs it.
   */
  async?: true;
}

/** A request body of any method that does not carry a file: far above any form's input. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** A method whose handler answers a promise (`async` above); its type says so, for the handler's. */
export function asyncMethod<I extends z.ZodType, O extends z.ZodType>(
  spec: Omit<MethodSpec<I, O>, 'async' | 'write'> & { write: 'own' },
): MethodSpec<I, O> & { async: true } {
  return { ...spec, async: true };
}

type Domain = Record<string, MethodSpec>;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Joins the domains into one map, refusing a method name declared twice. */
export function joinDomains<D extends Domain[]>(...domains: D): UnionToIntersection<D[number]> {
  const joined: Domain = {};
  for (const domain of domains) {
    for (const [name, spec] of Object.entries(domain)) {
      if (name in joined) throw new Error(`Method ${name} is declared twice in the contract`);
      joined[name] = spec;
    }
  }
  return joined as UnionToIntersection<D[number]>;
}
