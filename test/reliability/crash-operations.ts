import type { App } from '../../services/core/context';
import { dispatch } from '../../services/core/dispatch';
import { idleCheckpoint } from '../../services/core/maintenance';
import { backupNow } from '../../services/backup/run';
import type { MethodName, OutputOf } from '../../shared/contract/index';
import type { Random } from './random';

// What the crash test's child does (./crash-child.ts), one entry per kind of write: how often,
// how, and where the parent finds it again after the kill (./crash.test.ts). A write the child
// reports is `{op, id, what}`: `stored` reads the row `id` names, and every field of `what` must
// be there with that value. Adding a kind of write is one line in OPERATIONS.

/** What the child knows of the store as it goes: enough to aim most writes at something that takes them. */
export interface CrashWorld {
  app: App;
  random: Random;
  round: number;
  /** a manager's session: counter work and merges alike (one login a round: each costs a scrypt) */
  session: string;
  /** active members not merged away, in id order */
  members: string[];
  /** points each member can spend now, as the last answer about them said */
  available: Map<string, number>;
  /** sales with something left to refund */
  sales: Array<{ id: string; leftFen: number }>;
  /** registrations made this round (their phones are the round's own) */
  registered: number;
}

export interface Committed {
  id: string;
  what: Record<string, string | number | null>;
}

export interface Operation {
  weight: number;
  /** One attempt: what it committed, or null when the services refused it (nothing to check). */
  run: (world: CrashWorld) => Committed | null;
  /** SQL reading the columns `what` names for the row with id `?`; null for work that reports no write. */
  stored: string | null;
}

/** The call's result, or null when refused; anything but an expected refusal stops the child loudly. */
function attempt<M extends MethodName>(world: CrashWorld, session: string, name: M, input: unknown): OutputOf<M> | null {
  const answer = dispatch(world.app, { session }, name, input);
  if (answer.ok) return answer.result as OutputOf<M>;
  if (['INSUFFICIENT_POINTS', 'CONFLICT', 'MEMBER_INACTIVE', 'NOT_FOUND'].includes(answer.error.code)) return null;
  throw new Error(`${name} ${JSON.stringify(input)} answered ${JSON.stringify(answer.error)}`);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

function sale(world: CrashWorld): Committed | null {
  const { random } = world;
  const memberId = random.pick(world.members);
  const amountFen = random.int(100, 80_000);
  const spendable = world.available.get(memberId) ?? 0;
  // In hundreds of points, ¥1 each under the store's rules, never more than the bill.
  const most = Math.min(5, Math.floor(spendable / 100), Math.floor(amountFen / 100));
  const redeemPoints = most >= 1 && random.chance(0.25) ? 100 * random.int(1, most) : 0;
  const input = { memberId, amount: yuan(amountFen), redeemPoints, confirmDuplicate: true };
  const done = attempt(world, world.session, 'purchases.record', input);
  if (!done) return null;
  world.available.set(memberId, done.balance.available);
  world.sales.push({ id: done.purchase.id, leftFen: done.purchase.amountFen });
  return { id: done.purchase.id, what: { kind: 'sale', amount_fen: amountFen, redeemed_points: done.purchase.redeemedPoints } };
}

function refund(world: CrashWorld): Committed | null {
  if (world.sales.length === 0) return null;
  const sale = world.random.pick(world.sales);
  const amountFen = world.random.chance(0.3) ? sale.leftFen : world.random.int(1, sale.leftFen);
  const done = attempt(world, world.session, 'purchases.refund', { purchaseId: sale.id, amount: yuan(amountFen), reason: '压测退款' });
  sale.leftFen -= done ? amountFen : 0;
  if (!done || sale.leftFen === 0) world.sales.splice(world.sales.indexOf(sale), 1);
  if (!done) return null;
  world.available.set(done.balance.memberId, done.balance.available);
  return { id: done.refund.id, what: { kind: 'refund', original_id: sale.id, amount_fen: amountFen } };
}

function redeem(world: CrashWorld): Committed | null {
  const rich = world.members.filter((id) => (world.available.get(id) ?? 0) >= 100);
  if (rich.length === 0) return null;
  const memberId = world.random.pick(rich);
  const points = world.random.int(100, Math.min(2000, world.available.get(memberId)!));
  const done = attempt(world, world.session, 'points.redeem', { memberId, points, reason: '压测兑换' });
  if (!done) return null;
  world.available.set(memberId, done.balance.available);
  return { id: done.entry.id, what: { kind: 'redeem', points: -points } };
}

function register(world: CrashWorld): Committed | null {
  // 166 is no demo store's prefix, and each round has numbers of its own: a registration is
  // never refused as someone else's phone.
  const phone = `166${String(world.round * 100_000 + ++world.registered).padStart(8, '0')}`;
  const name = `压测${world.round}-${world.registered}`;
  const done = attempt(world, world.session, 'members.create', { name, phone, consentData: true });
  if (!done) return null;
  world.members.push(done.id);
  return { id: done.id, what: { name, phone: `+86${phone}` } };
}

function merge(world: CrashWorld): Committed | null {
  if (world.members.length < 50) return null;
  const keepId = world.random.pick(world.members);
  const mergeId = world.random.pick(world.members);
  if (keepId === mergeId) return null;
  const done = attempt(world, world.session, 'members.merge', { keepId, mergeId, reason: '压测合并' });
  if (!done) return null;
  world.members.splice(world.members.indexOf(mergeId), 1);
  world.available.delete(mergeId);
  world.available.delete(keepId); // the merged points are spendable by now or later: ask again on the next sale
  return { id: mergeId, what: { merged_into: keepId } };
}

/**
 * What the app does between customers (services/core/maintenance.ts): the pages the writes put in
 * the WAL copied into the database file. A kill mid-copy is the one moment the file itself is
 * being written; every other kill lands in the WAL.
 */
/** A backup taken and checked in the child's own thread (VACUUM INTO, as scripts take them): killed half-way, the next start takes it again. */
function backup(world: CrashWorld): Committed | null {
  const done = backupNow(world.app, { kind: 'manual', ref: null, by: null });
  return done.state === 'ok' ? { id: done.id, what: { state: 'ok' } } : null;
}

function checkpoint(world: CrashWorld): null {
  idleCheckpoint(world.app);
  return null;
}

export const OPERATIONS = {
  sale: { weight: 40, run: sale, stored: 'SELECT kind, amount_fen, redeemed_points FROM purchases WHERE id = ?' },
  refund: { weight: 15, run: refund, stored: 'SELECT kind, original_id, amount_fen FROM purchases WHERE id = ?' },
  redeem: { weight: 15, run: redeem, stored: 'SELECT kind, points FROM points_ledger WHERE id = ?' },
  register: { weight: 12, run: register, stored: 'SELECT name, phone FROM members WHERE id = ?' },
  merge: { weight: 4, run: merge, stored: 'SELECT merged_into FROM members WHERE id = ?' },
  checkpoint: { weight: 3, run: checkpoint, stored: null },
  backup: { weight: 1, run: backup, stored: 'SELECT state, file_name FROM backups WHERE id = ?' },
} satisfies Record<string, Operation>;

export type OperationName = keyof typeof OPERATIONS;

export const isOperationName = (name: string): name is OperationName => Object.prototype.hasOwnProperty.call(OPERATIONS, name);
