import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '../../../db/connection';
import type * as Audit from '../../../services/core/audit';
import { refreshDerived, writeAudit } from '../../../services/core/audit';
import type { Ctx } from '../../../services/core/context';
import { runWrite } from '../../../services/core/dispatch';
import { summaryIsCurrent } from '../../../services/reports/summaries';
import { makeTestApp, type TestApp } from '../../helpers';
import { auditRows, snapshot } from '../fixtures';
import { counter } from '../points-fixtures';

// The dispatcher refuses to commit a write that changed data without an audit row. Through a
// real method: its handler's writeAudit is silenced, as if the line had been deleted.
const silenced = vi.hoisted(() => ({ action: null as string | null }));
vi.mock('../../../services/core/audit', async (importOriginal) => {
  const real = await importOriginal<typeof Audit>();
  return {
    ...real,
    writeAudit: (ctx: Ctx, entry: Audit.AuditEntry) => (entry.action === silenced.action ? undefined : real.writeAudit(ctx, entry)),
  };
});

afterEach(() => {
  silenced.action = null;
  vi.restoreAllMocks();
});

/** What the dispatcher makes for a call, with nobody logged in. */
function ctxOf(t: TestApp): Ctx {
  return { app: t.app, caller: null, session: null, now: t.clock.now().toISOString(), newId: t.app.newId, auditRows: 0 };
}

const note = (db: DB, value: string) => db.prepare("INSERT INTO settings (key, value) VALUES ('guard_test', ?)").run(value);
const noteOf = (db: DB) => db.prepare("SELECT value FROM settings WHERE key = 'guard_test'").pluck().get() ?? null;

describe('runWrite', () => {
  it('refuses a write that wrote no audit row, and rolls it back', () => {
    const t = makeTestApp();
    expect(() => runWrite(t.db, ctxOf(t), true, () => note(t.db, 'unaudited'))).toThrow('changed data without writing an audit row');
    expect(noteOf(t.db)).toBeNull();
  });

  it('commits a write with its audit row', () => {
    const t = makeTestApp();
    const ctx = ctxOf(t);
    const result = runWrite(t.db, ctx, true, () => {
      note(t.db, 'audited');
      writeAudit(ctx, { action: 'test.note', after: { value: 'audited' } });
      return 'done';
    });
    expect(result).toBe('done');
    expect(noteOf(t.db)).toBe('audited');
    expect(auditRows(t.db, 'test.note')).toHaveLength(1);
  });

  it('asks no row of a write that changed nothing, nor of the report summaries it brings up to date', () => {
    const t = makeTestApp();
    expect(runWrite(t.db, ctxOf(t), true, () => 'nothing to do')).toBe('nothing to do');
    expect(runWrite(t.db, ctxOf(t), true, () => refreshDerived(t.db, () => note(t.db, 'derived')).changes)).toBe(1);
    expect(auditRows(t.db)).toEqual([]);
  });

  it('fails a handler with its own transactions too, though what it committed stays', () => {
    const t = makeTestApp();
    expect(() => runWrite(t.db, ctxOf(t), 'own', () => t.db.transaction(() => note(t.db, 'own'))())).toThrow(
      'changed data without writing an audit row',
    );
    expect(noteOf(t.db)).toBe('own');
  });
});

describe('the dispatcher', () => {
  it('answers INTERNAL to points.redeem without its audit row, and the points stay', () => {
    const c = counter();
    const m = c.member();
    c.buy(m, 300);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = snapshot(c.t.db);
    silenced.action = 'points.redeem';
    expect(c.t.raw('points.redeem', { memberId: m, points: 100 }, c.clerk)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Internal error', details: { method: 'points.redeem' } },
    });
    expect(snapshot(c.t.db)).toEqual(before);
    expect(logged).toHaveBeenCalledWith(
      '[dispatch] points.redeem failed',
      expect.objectContaining({ message: 'The call changed data without writing an audit row' }),
    );
    silenced.action = null;
    expect(c.t.call('points.redeem', { memberId: m, points: 100 }, c.clerk).balance.balance).toBe(200);
  });

  it('lets a segment’s follow-ups that create none bring the summaries up to date, with no audit row', () => {
    // Her sale is not in the summaries yet; she did not agree to marketing, so no task is made.
    const c = counter();
    c.buy(c.member('甲'), 500);
    expect(summaryIsCurrent(c.t.db)).toBe(false);
    const result = c.t.call('reports.segmentFollowups', { segment: 'general_retain', dueDate: '2026-06-16' }, c.manager);
    expect(result).toMatchObject({ members: 1, created: 0, skippedBy: { noConsent: 1 } });
    expect(summaryIsCurrent(c.t.db)).toBe(true);
    expect(auditRows(c.t.db, 'reports.segmentFollowups')).toEqual([]);
  });
});
