import {
  MEMBER_LIST_COUNT_CAP,
  type memberListContract,
  type MemberFileRow,
  type MemberListFilters,
  type MemberListInput,
  type MemberListItem,
  type MemberListPage,
  type MemberListSort,
} from '../../shared/contract/member-list';
import { AppError, validationError } from '../../shared/errors';
import { addDaysTo, localDay, startOfLocalDate } from '../../shared/local-date';
import { maskPhone } from '../../shared/phone';
import { prefixUpperBound } from '../../shared/text';
import type { Role } from '../../shared/roles';
import type { DB } from '../../db/connection';
import {
  drivers,
  memberListQueries as q,
  SORTS,
  type Driver,
  type ListFilter,
  type PagePlan,
  type PageRow,
} from '../../db/queries/members/list';
import { callerOf } from '../core/context';
import type { DomainHandlers } from '../core/handler-types';
import { requireKind } from '../hq/chain';
import { survivorOf } from './view';
import { timeZone } from '../core/branch';
import { tierConfig } from '../loyalty/tiers';

// The 会员 page (docs/members.md "Browsing members"). How a page is read at a million members:
// - each filter with an index of its own counts, from that index alone, how many members it
//   holds (up to `probe`); the smallest is the "driver";
// - the count reads the driver's rows (or the table's) until it has `countCap` + 1 matches;
// - a page is the driver's rows, sorted, when the driver is small or its index is the sort's;
//   when few match a large driver, the sort's index read in order keeping only the driver's
//   rowids; otherwise (every filter broad, many matches) the sort's index in order, a window at
//   a time, each row tested, and the driver's rowids again when a window holds too few matches
//   (a filter running against the sort: members lapsed a year, newest registrations first).

/**
 * The numbers behind the choice (measured in docs/members.md): `probe`, the candidate rows a
 * filter's index is counted up to (a driver this small is sorted in a few ms); `window`, the
 * index entries a walk along the sort reads for one page before it gives up on the walk;
 * `countCap`, how far the count goes. Tests shrink them to take every plan on a few members.
 */
export const listTuning = { probe: 10_000, window: 5_000, countCap: MEMBER_LIST_COUNT_CAP };
/** Which filter drives when several count as many (each at `probe`): the likelier narrow first. */
const PREFERENCE: Driver[] = ['tag', 'tier', 'status', 'birthday', 'lastSale', 'consent'];

/** The contract's filters in the terms of the SQL: a tier as ids, days as instants at the store. */
function resolveFilter(db: DB, now: string, input: MemberListFilters): ListFilter {
  requireKind(db, 'branch');
  const f: ListFilter = { status: input.status };
  if (input.tierId !== undefined) {
    const tiers = tierConfig(db).tiers;
    const tier = tiers.find((t) => t.id === input.tierId);
    if (!tier) throw new AppError('NOT_FOUND', 'No such tier', { entity: 'tier', id: input.tierId, field: 'tierId' });
    // A member with no tier, or one since retired, is in the lowest (services/loyalty/tiers.ts currentTier).
    if (tier.id === tiers[0].id) f.lowestTierBut = tiers.slice(1).map((t) => t.id);
    else f.tierId = tier.id;
  }
  if (input.tag !== undefined) f.tag = input.tag;
  if (input.consent !== undefined) f.consent = input.consent === 'yes' ? 1 : 0;
  if (input.birthdayMonth !== undefined) f.birthdayMonth = input.birthdayMonth;
  if (input.lastSale === 'never') f.neverBought = true;
  else if (input.lastSale !== undefined) {
    // The last N days at the store, today included.
    const zone = timeZone(db);
    const since = startOfLocalDate(addDaysTo(localDay(now, zone).date, -((input.lastSaleDays ?? 1) - 1)), zone);
    if (input.lastSale === 'within') f.saleSince = since;
    else f.saleBefore = since;
  }
  return f;
}

/** The driver with the fewest rows (ties in PREFERENCE order), and how many it has (`probe`: at least that many). */
function bestDriver(db: DB, f: ListFilter): { driver: Driver; size: number } | null {
  const usable = drivers(f);
  let best: { driver: Driver; size: number } | null = null;
  for (const driver of PREFERENCE.filter((d) => usable.includes(d))) {
    const size = q.candidates(db, f, driver, listTuning.probe);
    if (!best || size < best.size) best = { driver, size };
  }
  return best;
}

interface Cursor {
  value: string;
  rid: number;
}

const encodeCursor = (row: PageRow): string => JSON.stringify([row.sort_value, row.rid]);

function decodeCursor(raw: string, field: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && Number.isSafeInteger(parsed[1]))
      return { value: parsed[0], rid: parsed[1] as number };
  } catch {
    // refused below
  }
  throw validationError([{ field, rule: 'invalid' }]);
}

/**
 * The rows of one page, in reading order: from the cursor on, `limit` of them at most. See the
 * top of this file for how the plan is chosen.
 */
function readPage(
  db: DB,
  f: ListFilter,
  best: { driver: Driver; size: number } | null,
  page: { sort: MemberListSort; descending: boolean; from: Cursor | null; limit: number },
  capped: boolean,
  window: number,
): PageRow[] {
  const run = (plan: PagePlan) => q.page(db, f, { ...page, plan });
  if (best && (best.size < listTuning.probe || q.driverIndex(f, best.driver) === SORTS[page.sort].index))
    return run({ kind: 'drive', driver: best.driver });
  // Few matches in a large driver: read along the sort, but only the rows the driver holds.
  if (best && !capped) return run({ kind: 'intersect', driver: best.driver });
  const walked = run({ kind: 'walk', window });
  if (walked.length === page.limit) return walked;
  // Too few matches along the sort near the cursor (a filter running against the sort, or the end of the list).
  return run(best ? { kind: 'intersect', driver: best.driver } : { kind: 'scan' });
}

/** A member's tier by name: none, or one since retired, is the lowest (services/loyalty/tiers.ts currentTier). */
export function tierNames(db: DB): (tierId: string | null) => string {
  const tiers = tierConfig(db).tiers;
  const byId = new Map(tiers.map((t) => [t.id, t.name]));
  return (id) => (id === null ? tiers[0].name : (byId.get(id) ?? tiers[0].name));
}

export function listMembers(db: DB, role: Role, now: string, input: MemberListInput): MemberListPage {
  const backwards = input.before !== undefined;
  const cursor =
    input.after !== undefined
      ? decodeCursor(input.after, 'after')
      : input.before !== undefined
        ? decodeCursor(input.before, 'before')
        : null;
  const f = resolveFilter(db, now, input);
  const best = bestDriver(db, f);
  const cap = listTuning.countCap;
  const counted = q.count(db, f, best?.driver ?? null, cap + 1);
  const capped = counted > cap;
  // One more than a page says whether there is another beyond it.
  const page = { sort: input.sort, descending: (input.order === 'desc') !== backwards, from: cursor, limit: input.pageSize + 1 };
  const rows = readPage(db, f, best, page, capped, listTuning.window);
  const more = rows.length > input.pageSize;
  const shown = rows.slice(0, input.pageSize);
  if (backwards) shown.reverse();
  const tags = q.tagsOf(
    db,
    shown.map((r) => r.id),
  );
  const tierName = tierNames(db);
  const items: MemberListItem[] = shown.map((r) => ({
    id: r.id,
    cardNo: r.card_no,
    name: r.name,
    phone: role === 'clerk' ? maskPhone(r.phone) : r.phone,
    gender: r.gender,
    birthday: r.birthday,
    tierName: tierName(r.tier_id),
    points: r.points_balance,
    tags: tags.get(r.id) ?? [],
    status: r.status,
    mergedInto: r.merged_into ? survivorOf(db, r.merged_into) : null,
    consentMarketing: r.consent_marketing === 1,
    lastSaleAt: r.last_sale_at,
    createdAt: r.created_at,
  }));
  const first = shown[0];
  const last = shown[shown.length - 1];
  return {
    items,
    total: Math.min(counted, cap),
    totalCapped: capped,
    next: last && (backwards ? true : more) ? encodeCursor(last) : null,
    prev: first && (backwards ? more : cursor !== null) ? encodeCursor(first) : null,
  };
}

/** One chunk of the export, in card order; the first also counts every match. */
function exportMembers(
  db: DB,
  now: string,
  input: MemberListFilters & { after?: string; limit: number },
): { items: MemberFileRow[]; next: string | null; total: number | null } {
  const from = input.after !== undefined ? decodeCursor(input.after, 'after') : null;
  const f = resolveFilter(db, now, input);
  const best = bestDriver(db, f);
  const total = from === null ? q.count(db, f, best?.driver ?? null, Number.MAX_SAFE_INTEGER) : null;
  // A long chunk reads a longer window, so a filter of one member in ten still fills it.
  const rows = readPage(
    db,
    f,
    best,
    { sort: 'cardNo', descending: false, from, limit: input.limit + 1 },
    true,
    Math.max(listTuning.window, input.limit * 20),
  );
  const chunk = rows.slice(0, input.limit);
  const tags = q.tagsOf(
    db,
    chunk.map((r) => r.id),
  );
  const tierName = tierNames(db);
  const zone = timeZone(db);
  return {
    items: chunk.map((r) => ({
      cardNo: r.card_no,
      name: r.name,
      phone: r.phone,
      birthday: r.birthday,
      gender: r.gender,
      tierName: tierName(r.tier_id),
      points: r.points_balance,
      tags: tags.get(r.id) ?? [],
      notes: r.notes,
      consentMarketing: r.consent_marketing === 1,
      registeredOn: localDay(r.created_at, zone).date,
      email: r.email,
      address: r.address,
      status: r.merged_into ? 'merged' : r.status,
    })),
    next: rows.length > input.limit ? encodeCursor(chunk[chunk.length - 1]) : null,
    total,
  };
}

export const memberListHandlers = {
  'members.list': (db, ctx, input) => listMembers(db, callerOf(ctx).role, ctx.now, input),
  'members.export': (db, ctx, input) => exportMembers(db, ctx.now, input),
  'members.tags': (db, _ctx, input) => {
    requireKind(db, 'branch');
    const from = input.q ?? '';
    return { items: q.distinctTags(db, from, from === '' ? null : prefixUpperBound(from), input.limit) };
  },
} satisfies DomainHandlers<typeof memberListContract>;
