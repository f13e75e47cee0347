import { randomInt } from 'node:crypto';
import { prng } from '../../services/demo/members';

// The reliability runs draw everything from one seed: printed at the start, so a failure found in
// CI can be run again here with RELIABILITY_SEED=<seed>. Timing (when a kill lands) varies with
// the machine, so a replay follows the same plan but may land a kill a few writes apart.

export const SEED_ENV = 'RELIABILITY_SEED';

/** The run's seed: RELIABILITY_SEED to replay a failure, a fresh one otherwise. */
export function runSeed(): number {
  const given = process.env[SEED_ENV];
  if (given === undefined || given === '') return randomInt(0, 2 ** 32);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32)
    throw new Error(`${SEED_ENV} must be a whole number below 2^32, not ${given}`);
  return seed;
}

/** A whole number from the environment (a shorter run while working on a test), or the default. */
export function envCount(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not ${given}`);
  return n;
}

/** A seed of its own for part `n` of a run (a round, a call), so each part replays alone. */
export function partSeed(seed: number, n: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(n + 1, 0xc2b2ae35)) >>> 0;
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = prng(seed);
  }

  float(): number {
    return this.next();
  }

  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the entries, as likely as its weight. */
  weighted<T extends { weight: number }>(items: readonly T[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let left = this.next() * total;
    for (const item of items) {
      left -= item.weight;
      if (left < 0) return item;
    }
    return items[items.length - 1];
  }

  /** `length` characters drawn from `alphabet` (code points, so surrogate pairs stay whole). */
  text(length: number, alphabet: string): string {
    const chars = [...alphabet];
    let out = '';
    for (let i = 0; i < length; i++) out += chars[Math.floor(this.next() * chars.length)];
    return out;
  }
}
