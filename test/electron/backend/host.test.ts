import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { serveBackend } from '../../../electron/backend/host';
import type { FromHost, ToHost } from '../../../electron/backend/protocol';
import { LATEST_VERSION } from '../../../db/migrations/index';
import { makeTestApp, tempDbPath } from '../../helpers';

// The backend host on this thread, behind a port the test plays both ends of: what it answers,
// and when the chores start (worker.test.ts runs the same host in a real worker).

const chores = vi.hoisted(() => ({ stop: vi.fn(), schedule: vi.fn() }));
vi.mock('../../../services/core/maintenance', () => ({
  scheduleMaintenance: chores.schedule.mockImplementation(() => chores.stop),
}));

function hostOnPort() {
  const sent: FromHost[] = [];
  let deliver: (message: ToHost) => void = () => {};
  serveBackend({ postMessage: (message) => sent.push(message), onMessage: (listener) => (deliver = listener) });
  return { sent, send: (message: ToHost) => deliver(message) };
}

const open = (dbPath: string): ToHost => ({ kind: 'open', options: { dbPath, checkOutputs: true } });

describe('the backend host', () => {
  it('opens the database and answers each call as the dispatcher does, in order', () => {
    const path = tempDbPath();
    const host = hostOnPort();
    host.send({ kind: 'call', id: 1, method: 'setup.status', input: {}, session: null });
    host.send(open(path));
    host.send({ kind: 'call', id: 2, method: 'setup.status', input: {}, session: null });
    host.send({ kind: 'call', id: 3, method: 'members.nope', input: {}, session: null });
    const direct = makeTestApp(path);
    expect(host.sent).toEqual([
      {
        kind: 'answer',
        id: 1,
        envelope: { ok: false, error: { code: 'INTERNAL', message: 'The database is not open', details: { reason: 'not_open' } } },
      },
      { kind: 'ready' },
      { kind: 'answer', id: 2, envelope: direct.raw('setup.status', {}) },
      { kind: 'answer', id: 3, envelope: direct.raw('members.nope', {}) },
    ]);
    host.send({ kind: 'close' });
  });

  it('says why it cannot open a database from a newer app, or a path that is not there', () => {
    const path = tempDbPath();
    const t = makeTestApp(path);
    t.db
      .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
      .run(LATEST_VERSION + 1, 'future', '2030-01-01');
    const host = hostOnPort();
    host.send(open(path));
    expect(host.sent).toEqual([
      {
        kind: 'failed',
        error: expect.objectContaining({ code: 'DB_TOO_NEW', details: { dbVersion: LATEST_VERSION + 1, appVersion: LATEST_VERSION } }),
      },
    ]);

    const missing = join(path, 'no-such-folder', 'branch.sqlite');
    const other = hostOnPort();
    other.send(open(missing));
    expect(other.sent).toEqual([
      {
        kind: 'failed',
        error: { code: 'INTERNAL', message: expect.stringContaining(`Cannot open ${missing}`), details: { reason: 'open_failed' } },
      },
    ]);
  });

  it('starts the chores only when told the app is up, once, and stops them before closing the database', () => {
    chores.schedule.mockClear();
    chores.stop.mockClear();
    const host = hostOnPort();
    host.send(open(tempDbPath()));
    host.send({ kind: 'call', id: 1, method: 'setup.status', input: {}, session: null });
    expect(chores.schedule).not.toHaveBeenCalled();
    host.send({ kind: 'maintain' });
    host.send({ kind: 'maintain' });
    expect(chores.schedule).toHaveBeenCalledTimes(1);
    expect(chores.stop).not.toHaveBeenCalled();
    host.send({ kind: 'close' });
    expect(chores.stop).toHaveBeenCalledTimes(1);
    expect(host.sent.at(-1)).toEqual({ kind: 'closed' });
    // Closed: a late call is answered, not left waiting.
    host.send({ kind: 'call', id: 2, method: 'setup.status', input: {}, session: null });
    expect(host.sent.at(-1)).toMatchObject({ kind: 'answer', id: 2, envelope: { ok: false, error: { details: { reason: 'not_open' } } } });
  });
});
