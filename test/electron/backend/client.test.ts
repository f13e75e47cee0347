import { describe, expect, it } from 'vitest';
import { startBackend, type RelaySettings } from '../../../electron/backend/client';
import type { FromHost, HostChannel, ToHost } from '../../../electron/backend/protocol';
import { AppError } from '../../../shared/errors';

// The relay's promises whatever the host does: every call gets an envelope (a host that dies or
// never answers included), a dead host is started again, close waits for the database. The host
// here is a stand-in the test drives; worker.test.ts runs the real one.

class StandInHost implements HostChannel {
  readonly received: ToHost[] = [];
  terminated = false;
  private readonly listeners: Array<(message: FromHost) => void> = [];
  private readonly exits: Array<(code: number) => void> = [];

  constructor(private readonly onOpen: FromHost | null = { kind: 'ready' }) {}

  postMessage(message: ToHost): void {
    this.received.push(message);
    if (message.kind === 'open' && this.onOpen) this.say(this.onOpen);
  }
  onMessage(listener: (message: FromHost) => void): void {
    this.listeners.push(listener);
  }
  onExit(listener: (code: number) => void): void {
    this.exits.push(listener);
  }
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    queueMicrotask(() => this.die(1));
  }
  say(message: FromHost): void {
    for (const listener of this.listeners) listener(message);
  }
  die(code: number): void {
    for (const listener of this.exits) listener(code);
  }
  calls() {
    return this.received.filter((m) => m.kind === 'call');
  }
}

const OPTIONS = { dbPath: '/data/branch.sqlite', checkOutputs: true };

async function relayOver(hosts: StandInHost[], settings: RelaySettings = {}) {
  const spawned: StandInHost[] = [];
  const logged: string[] = [];
  const backend = await startBackend(
    () => {
      const host = hosts[spawned.length] ?? new StandInHost();
      spawned.push(host);
      return host;
    },
    OPTIONS,
    { log: (...line) => logged.push(line.map(String).join(' ')), ...settings },
  );
  return { backend, spawned, logged };
}

describe('the relay to the services', () => {
  it('opens the database first and answers each call by its id', async () => {
    const host = new StandInHost();
    const { backend } = await relayOver([host]);
    const first = backend.call('members.search', { q: '李' }, 'S1');
    const second = backend.call('setup.status', {}, null);
    expect(host.received).toEqual([
      { kind: 'open', options: OPTIONS },
      { kind: 'call', id: 1, method: 'members.search', input: { q: '李' }, session: 'S1' },
      { kind: 'call', id: 2, method: 'setup.status', input: {}, session: null },
    ]);
    host.say({ kind: 'answer', id: 2, envelope: { ok: true, result: 'second' } });
    host.say({ kind: 'answer', id: 1, envelope: { ok: true, result: 'first' } });
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, result: 'first' },
      { ok: true, result: 'second' },
    ]);
  });

  it('refuses to start with the host’s own reason when the database cannot be opened', async () => {
    const error = { code: 'DB_TOO_NEW' as const, message: 'This database was written by a newer BranchDesk', details: { dbVersion: 99 } };
    const host = new StandInHost({ kind: 'failed', error });
    const started = relayOver([host]);
    await expect(started).rejects.toBeInstanceOf(AppError);
    await expect(started).rejects.toMatchObject(error);
    expect(host.terminated).toBe(true);
  });

  it('answers a call the host never answers with INTERNAL no_answer, and drops the late answer', async () => {
    const host = new StandInHost();
    const { backend, logged } = await relayOver([host], { callTimeoutMs: 30 });
    expect(await backend.call('hq.merge', {}, 'S1')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The services did not answer in time', details: { reason: 'no_answer', method: 'hq.merge' } },
    });
    host.say({ kind: 'answer', id: 1, envelope: { ok: true, result: 'late' } });
    expect(logged).toEqual([
      '[backend] hq.merge had no answer after 30 ms',
      '[backend] an answer came after its call was given up (call 1)',
    ]);
  });

  it('answers pending calls with INTERNAL backend_exited when the host dies, and starts a new one with the chores', async () => {
    const { backend, spawned } = await relayOver([]);
    backend.startMaintenance();
    const pending = [backend.call('members.create', { name: '李四' }, 'S1'), backend.call('setup.status', {}, null)];
    spawned[0].die(134);
    expect(await Promise.all(pending)).toEqual(
      ['members.create', 'setup.status'].map((method) => ({
        ok: false,
        error: {
          code: 'INTERNAL',
          message: 'The services stopped before answering',
          details: { reason: 'backend_exited', method, exitCode: 134 },
        },
      })),
    );
    expect(spawned).toHaveLength(2);
    expect(spawned[1].received.slice(0, 2)).toEqual([{ kind: 'open', options: OPTIONS }, { kind: 'maintain' }]);
    const next = backend.call('setup.status', {}, null);
    expect(spawned[1].calls()).toEqual([{ kind: 'call', id: 3, method: 'setup.status', input: {}, session: null }]);
    spawned[1].say({ kind: 'answer', id: 3, envelope: { ok: true, result: { initialized: true } } });
    expect(await next).toEqual({ ok: true, result: { initialized: true } });
  });

  it('stops restarting a host that keeps dying, and then answers each call at once', async () => {
    const { backend, spawned, logged } = await relayOver([], { restartsPerMinute: 1 });
    spawned[0].die(1);
    spawned[1].die(1);
    expect(spawned).toHaveLength(2);
    expect(logged.at(-1)).toBe('[backend] the services stopped (exit code 1) again; not restarting them');
    expect(await backend.call('setup.status', {}, null)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', details: { reason: 'backend_unavailable', method: 'setup.status' } },
    });
  });

  it('closes after the calls already sent, refuses calls once closing, and stops a host that will not close', async () => {
    const host = new StandInHost();
    const { backend } = await relayOver([host]);
    const sale = backend.call('purchases.record', {}, 'S1');
    const closed = backend.close();
    expect(host.received.map((m) => m.kind)).toEqual(['open', 'call', 'close']);
    expect(await backend.call('setup.status', {}, null)).toMatchObject({
      ok: false,
      error: { code: 'BUSY', details: { reason: 'closing' } },
    });
    host.say({ kind: 'answer', id: 1, envelope: { ok: true, result: 'sold' } });
    host.say({ kind: 'closed' });
    await closed;
    expect(await sale).toEqual({ ok: true, result: 'sold' });
    expect(host.terminated).toBe(true);

    const stuck = new StandInHost();
    const other = await relayOver([stuck], { closeTimeoutMs: 30 });
    await other.backend.close();
    expect(stuck.terminated).toBe(true);
    expect(other.logged).toEqual(['[backend] the services did not close in time; stopping them']);
    expect(other.spawned).toHaveLength(1);
  });
});
