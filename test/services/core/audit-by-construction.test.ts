import { describe, expect, it } from 'vitest';
import { branchQueries } from '../../../db/queries/core/branch';
import { dispatchAsync, type CallMeta } from '../../../services/core/dispatch';
import { contract, type MethodName } from '../../../shared/contract/index';
import type { TestApp } from '../../helpers';
import { auditRows } from '../fixtures';
import { writeCases as cases, type WriteCall } from './audit-cases';

// Every write in the contract leaves an audit row: the dispatcher refuses to commit one that
// changed data without it. The methods come from the contract, so a new write has no way around
// this file: without a case in audit-cases.ts, its test fails.

/** The audit trail as it reads, before/after aside (an erasure may redact those). */
function whoWhenWhat(t: TestApp): string[] {
  return auditRows(t.db).map((r) => JSON.stringify([r.id, r.at, r.staff_id, r.action, r.entity, r.entity_id]));
}

const writes = (Object.keys(contract) as MethodName[]).filter((name) => contract[name].write !== false);

describe('every write in the contract leaves an audit row', () => {
  it('has a case for each write, and none for a method that does not write', () => {
    expect(writes.length).toBeGreaterThan(30);
    expect(
      writes.filter((name) => !(name in cases)),
      'writes with no case below',
    ).toEqual([]);
    expect(
      Object.keys(cases).filter((name) => !writes.includes(name as MethodName)),
      'cases for no write',
    ).toEqual([]);
  });

  it.each(writes)('%s', async (name) => {
    const make = cases[name] as (() => WriteCall<typeof name> | Promise<WriteCall<typeof name>>) | undefined;
    if (!make) throw new Error(`${name} writes: add a case for it to this file`);
    const call = await make();
    const action = call.action ?? name;
    const before = auditRows(call.t.db, action).length;
    const trail = whoWhenWhat(call.t);
    const meta: CallMeta = call.system ? { system: true } : { session: call.session ?? null };
    const envelope = await dispatchAsync(call.t.app, meta, name, call.input);
    expect(envelope.ok ? null : envelope.error).toBeNull();
    expect(auditRows(call.t.db, action).length).toBeGreaterThan(before);
    // Nor does any write delete an audit row or change who, when or what one says (docs/privacy.md).
    expect(whoWhenWhat(call.t).slice(0, trail.length)).toEqual(trail);
    // The writes HQ may make are tried at HQ (setup.init makes one), every other at a branch.
    expect(branchQueries(call.t.db).self()?.kind).toBe(contract[name].atHq ? 'hq' : 'branch');
  });
});
