import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { openDatabase, type DB } from '../../db/connection';
import { prng } from '../../services/demo/members';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Seeds the bench database once with `npm run seed` (kept under .cache/bench/). */
export function ensureSeeded(path: string, members: number, purchases: number): void {
  if (existsSync(path)) {
    // Bring an older seed up to the current schema, once; without the copy an app takes before
    // migrating: the seed is made again from nothing, and its copy would be as large as it (17 GB).
    openDatabase(path, { copyBeforeMigrating: false }).close();
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  console.log(`Seeding ${members.toLocaleString('en')} members and ${purchases.toLocaleString('en')} purchases into ${path} (once)…`);
  execFileSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/seed.ts', '--db', path, '--members', String(members), '--purchases', String(purchases)],
    {
      stdio: 'inherit',
    },
  );
}

/** Microseconds each call of `fn` took, sorted. */
export function timeEach<T>(items: T[], fn: (item: T) => unknown, idle?: (i: number) => void): number[] {
  const out: number[] = [];
  items.forEach((item, i) => {
    const t0 = performance.now();
    fn(item);
    out.push((performance.now() - t0) * 1000);
    idle?.(i);
  });
  return out.sort((a, b) => a - b);
}

/**
 * Times both sides on the same items, alternating which goes first, so neither profits from
 * pages the other has just brought into the cache. `idle` runs untimed after each item: what
 * the app does between two customers (its WAL checkpoint), for both sides alike.
 */
export function timePair<T>(
  items: T[],
  a: (item: T) => unknown,
  b: (item: T) => unknown,
  idle?: (i: number) => void,
): [number[], number[]] {
  for (let i = 0; i < Math.min(200, items.length); i++) {
    a(items[i]); // warm up the JIT
    b(items[i]);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  const once = (fn: (item: T) => unknown, item: T, out: number[]) => {
    const t0 = performance.now();
    fn(item);
    out.push((performance.now() - t0) * 1000);
  };
  items.forEach((item, i) => {
    if (i % 2 === 0) {
      once(a, item, ta);
      once(b, item, tb);
    } else {
      once(b, item, tb);
      once(a, item, ta);
    }
    idle?.(i);
  });
  return [ta.sort((x, y) => x - y), tb.sort((x, y) => x - y)];
}

export const us = (n: number) => n.toFixed(1).padStart(8);
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A member the benches' counter calls are for: an active one, with their phone's last four digits to search by. */
export interface CounterMember {
  id: string;
  tail: string;
}

/** 500 active members picked at random (seeded, so each bench calls for the same ones run after run). */
export function pickCounterMembers(db: DB, seed: number): CounterMember[] {
  const rand = prng(seed);
  const maxRow = db.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  const pick = db.prepare<[number], { id: string; phone: string }>(
    "SELECT id, phone FROM members WHERE rowid >= ? AND status = 'active' LIMIT 1",
  );
  return Array.from({ length: 500 }, () => {
    const m = pick.get(1 + Math.floor(rand() * maxRow))!;
    return { id: m.id, tail: m.phone.slice(-4) };
  });
}
