import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../electron/backend/client';
import { startWorkerBackend } from '../../../electron/backend/worker';
import type { Envelope } from '../../../shared/errors';
import { ADMIN, makeTestApp, setUpBranch, storeUpload } from '../../helpers';
import { fixture } from '../../services/import/import-files';

// An import through the relay, as the app makes one: import.open answered by the services' host
// (a call that awaits its file), import.preview by the side host (a long call), the job by the
// host's started runner; the counter's calls answered throughout.

const backends: Backend[] = [];
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

const resultOf = <T>(envelope: Envelope<unknown>): T => {
  expect(envelope.ok ? null : envelope.error).toBeNull();
  return (envelope as { result: T }).result;
};

describe('an import through the relay', () => {
  it('opens, previews on the side host, and imports by the started runner', async () => {
    const t = makeTestApp();
    setUpBranch(t);
    const upload = storeUpload(t.path, fixture('members-gbk.csv'));
    t.db.close();
    const backend = await startWorkerBackend({ dbPath: t.path, checkOutputs: true });
    backends.push(backend);
    backend.startMaintenance();
    const session = resultOf<{ session: string }>(await backend.call('auth.login', ADMIN, null)).session;

    const opened = resultOf<{ id: string; mapping: Array<string | null> }>(
      await backend.call('import.open', { kind: 'members', fileName: 'members-gbk.csv', upload }, session),
    );
    const previewing = backend.call('import.preview', { id: opened.id, mapping: opened.mapping }, session);
    // Asked after the preview, answered whatever its state.
    expect(await backend.call('members.search', { q: '张' }, session)).toMatchObject({ ok: true });
    const preview = resultOf<{ state: string; counts: { create: number } }>(await previewing);
    expect(preview.state).toBe('previewed');

    resultOf(await backend.call('import.start', { id: opened.id, consentDeclared: true }, session));
    let state = '';
    for (let i = 0; i < 500 && state !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = resultOf<{ state: string }>(await backend.call('import.get', { id: opened.id }, session)).state;
    }
    expect(state).toBe('done');
    const found = resultOf<{ items: unknown[] }>(await backend.call('members.search', { q: '13800138000' }, session));
    expect(found.items).toHaveLength(1);
    expect(preview.counts.create).toBeGreaterThan(0);
  });
});
