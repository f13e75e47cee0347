import { openDatabase } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { call } from '../../services/core/dispatch';
import { prng } from '../../services/demo/members';

// A day at a generated branch, through the services as the counter would do it: sales to
// members picked at random, a few members' details edited and a few new members registered.
// Its incremental export is what an HQ clerk merges every morning.

export interface DaySize {
  sales: number;
  edits: number;
  registrations: number;
}

export function branchDay(path: string, size: DaySize, seed: number): void {
  const db = openDatabase(path);
  try {
    const app = createApp(db);
    const { session } = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' });
    const meta = { session };
    const rand = prng(seed);
    const ids = db.prepare("SELECT id FROM members WHERE status = 'active' AND merged_into IS NULL").pluck().all() as string[];
    const pick = () => ids[Math.floor(rand() * ids.length)];
    for (let i = 0; i < size.sales; i++) {
      const fen = 500 + Math.floor(rand() * 60_000);
      call(app, meta, 'purchases.record', { memberId: pick(), amount: (fen / 100).toFixed(2), category: '日用' });
    }
    for (let i = 0; i < size.edits; i++) call(app, meta, 'members.update', { id: pick(), notes: `第 ${seed}-${i} 次回访后更新` });
    const tag = Math.floor(rand() * 1e8);
    for (let i = 0; i < size.registrations; i++) {
      const phone = `15${String((tag + i * 7919) % 1e9).padStart(9, '0')}`;
      call(app, meta, 'members.create', { name: `新会员${i}`, phone, consentData: true });
    }
    call(app, meta, 'auth.logout', {});
  } finally {
    db.close();
  }
}
