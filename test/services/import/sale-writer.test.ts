import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { expiresAt } from '../../../shared/points';
import { makeTestApp, setUpBranch, storeUpload } from '../../helpers';
import { scratchFolder } from './import-files';

// A sale's history points expire as its own local day says: the writer works each day's expiry
// out once (sale-writer.ts, dayExpiry), so two sales an hour apart either side of the store's
// midnight, on one UTC date, must still each get their own day's.

const scratch = scratchFolder();
afterAll(() => scratch.remove());

describe('a sales import with points for history', () => {
  it("gives each sale's points the expiry of its own local day", async () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    t.call('members.create', { name: '李娜', phone: '13800138000', consentData: true }, admin);
    const file = scratch.path('sales.csv');
    const sales = ['2026-05-31 23:30:00', '2026-06-01 00:30:00', '2026-06-01 18:00:00', '2026-04-30 23:59:00', '2026-06-14 09:00:00'];
    writeFileSync(file, ['交易时间,小票号,会员手机,实收金额', ...sales.map((at, i) => `${at},R${i},13800138000,100.00`)].join('\r\n'));
    const open = await t.callAsync('import.open', { kind: 'sales', fileName: 'sales.csv', upload: storeUpload(t.path, file) }, admin);
    await t.callAsync('import.preview', { id: open.id, mapping: open.mapping }, admin);
    t.call('import.start', { id: open.id, historyPoints: true }, admin);
    t.runJobs();

    const rule = t.call('points.rules', {}, admin).current.rules.expiry;
    const lots = t.db
      .prepare(
        `SELECT p.occurred_at AS at, l.expires_at AS expires FROM purchases p
         JOIN points_ledger e ON e.purchase_id = p.id JOIN points_lots l ON l.ledger_id = e.id ORDER BY p.occurred_at`,
      )
      .all() as Array<{ at: string; expires: string | null }>;
    expect(lots.length).toBeGreaterThan(0);
    for (const lot of lots) expect(lot.expires, lot.at).toBe(expiresAt(rule, lot.at, 'Asia/Shanghai'));
    // The two sales around midnight share a UTC date but not a local day.
    const [before, after] = ['2026-05-31T15:30:00.000Z', '2026-05-31T16:30:00.000Z'].map((at) => lots.find((l) => l.at === at));
    expect(before && after && before.expires !== after.expires).toBe(rule.kind !== 'never' && rule.kind !== 'endOfYear');
  });
});
