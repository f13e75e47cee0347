import { afterEach, describe, expect, it } from 'vitest';
import { listTuning } from '../../../services/members/list';
import { addDaysTo, localDay, startOfLocalDate } from '../../../shared/local-date';
import type { MemberListInput } from '../../../shared/contract/member-list';
import { loginAs, makeTestApp } from '../../helpers';

// Every way services/members/list.ts can read a page (a driver's rows sorted, the sort's index
// walked a window at a time, the sort's index kept to a driver's rowids, the whole index) must
// list exactly what the filters match, in the sort's order, whichever it takes. The numbers that
// choose between them are shrunk so that each is taken on a 1,500-member demo store.

const DEFAULT_TUNING = { ...listTuning };
afterEach(() => Object.assign(listTuning, DEFAULT_TUNING));

const TUNINGS: Record<string, Partial<typeof listTuning>> = {
  'drivers sorted': {},
  'windows along the sort': { probe: 0, countCap: 0, window: 1_000_000 },
  'short windows, then the driver’s rowids': { probe: 0, countCap: 0, window: 3 },
  'the driver’s rowids along the sort': { probe: 0, countCap: 1_000_000 },
};

interface Row {
  rid: number;
  id: string;
  card_no: string;
  py_full: string;
  created_at: string;
  last_sale: string;
  status: string;
  merged_into: string | null;
  tier_id: string | null;
  consent_marketing: number;
  birthday: string | null;
}

function demoStore() {
  const t = makeTestApp();
  t.call('setup.init', { branchName: '徐汇店', branchCode: 'SH01', adminName: '王店长', adminPin: '246810', demoMembers: 1500 });
  const admin = t.call('auth.login', { name: '王店长', pin: '246810' }).session;
  const manager = loginAs(t, admin, 'manager');
  const active = t.db.prepare("SELECT id FROM members WHERE status = 'active' ORDER BY rowid LIMIT 10").pluck().all() as string[];
  for (let i = 0; i < 10; i += 2) t.call('members.merge', { keepId: active[i], mergeId: active[i + 1] }, manager);
  const tiers = t.call('tiers.list', {}, admin).tiers;
  const rows = t.db
    .prepare(
      "SELECT rowid AS rid, id, card_no, py_full, created_at, ifnull(last_sale_at, '') AS last_sale, status, merged_into, tier_id, consent_marketing, birthday FROM members",
    )
    .all() as Row[];
  const tags = new Map<string, Set<string>>();
  for (const r of t.db.prepare('SELECT member_id, tag FROM member_tags').all() as Array<{ member_id: string; tag: string }>) {
    tags.set(r.member_id, (tags.get(r.member_id) ?? new Set()).add(r.tag));
  }
  const today = localDay(t.clock.now().toISOString(), 'Asia/Shanghai').date;
  const since = (days: number) => startOfLocalDate(addDaysTo(today, -(days - 1)), 'Asia/Shanghai');

  /** What the list must hold, worked out member by member. */
  function expected(input: Partial<MemberListInput>): string[] {
    const higher = tiers.slice(1).map((x) => x.id);
    const keep = rows.filter((r) => {
      const status = input.status ?? 'active';
      if (status === 'active' && r.status !== 'active') return false;
      if (status === 'inactive' && (r.status !== 'inactive' || r.merged_into)) return false;
      if (status === 'merged' && !r.merged_into) return false;
      if (input.tierId === tiers[0].id && r.tier_id !== null && higher.includes(r.tier_id)) return false;
      if (input.tierId && input.tierId !== tiers[0].id && r.tier_id !== input.tierId) return false;
      if (input.tag && !tags.get(r.id)?.has(input.tag)) return false;
      if (input.consent && r.consent_marketing !== (input.consent === 'yes' ? 1 : 0)) return false;
      if (input.lastSale === 'within' && !(r.last_sale >= since(input.lastSaleDays!))) return false;
      if (input.lastSale === 'lapsed' && !(r.last_sale !== '' && r.last_sale < since(input.lastSaleDays!))) return false;
      if (input.lastSale === 'never' && r.last_sale !== '') return false;
      if (input.birthdayMonth && r.birthday?.slice(5, 7) !== String(input.birthdayMonth).padStart(2, '0')) return false;
      return true;
    });
    const key = (r: Row) =>
      ({ cardNo: r.card_no, name: r.py_full, createdAt: r.created_at, lastSaleAt: r.last_sale })[input.sort ?? 'cardNo'];
    const sign = input.order === 'desc' ? -1 : 1;
    keep.sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.rid - b.rid));
    return keep.map((r) => r.id);
  }

  /** Every page, following `next`; then back again, following `prev`. */
  function pages(input: Partial<MemberListInput>) {
    const list = (extra: Record<string, string>) => t.call('members.list', { ...input, pageSize: 100, ...extra }, admin);
    // A cursor that does not move on would page forever: a store holds no more than 20 pages.
    const forward = [list({})];
    while (forward[forward.length - 1].next && forward.length < 20) forward.push(list({ after: forward[forward.length - 1].next! }));
    const backward = [forward[forward.length - 1]];
    while (backward[backward.length - 1].prev && backward.length < 20) backward.push(list({ before: backward[backward.length - 1].prev! }));
    return { forward, backward };
  }
  return { t, tiers, rows, expected, pages };
}

const FILTERS = (tiers: Array<{ id: string }>): Array<Partial<MemberListInput>> => [
  {},
  { status: 'all' },
  { status: 'inactive' },
  { status: 'merged' },
  { tag: 'VIP' },
  { tierId: tiers[1].id },
  { tierId: tiers[0].id, consent: 'no' },
  { lastSale: 'within', lastSaleDays: 30 },
  { lastSale: 'lapsed', lastSaleDays: 120 },
  { lastSale: 'never', status: 'all' },
  { birthdayMonth: 12, tag: '宝妈' },
  { lastSale: 'lapsed', lastSaleDays: 60, consent: 'yes', birthdayMonth: 2 },
];
const SORTS = [
  { sort: 'cardNo', order: 'asc' },
  { sort: 'name', order: 'desc' },
  { sort: 'createdAt', order: 'desc' },
  { sort: 'lastSaleAt', order: 'desc' },
  { sort: 'lastSaleAt', order: 'asc' },
] as const;

describe('members.list on a demo store, whichever way a page is read', () => {
  // One test for every way: setting the store up is most of the time (the helpers close it after each test).
  it('lists exactly the members the filters match, in order, forward and back', () => {
    const s = demoStore();
    expect(s.rows.filter((r) => r.tier_id === s.tiers[1].id).length).toBeGreaterThan(10);
    for (const [name, tuning] of Object.entries(TUNINGS)) {
      Object.assign(listTuning, DEFAULT_TUNING, tuning);
      FILTERS(s.tiers).forEach((filter, i) => {
        const input = { ...filter, ...SORTS[i % SORTS.length] };
        const want = s.expected(input);
        const label = `${name}: ${JSON.stringify(input)}`;
        expect(want.length, label).toBeGreaterThan(0);
        const { forward, backward } = s.pages(input);
        expect(
          forward.flatMap((p) => p.items.map((m) => m.id)),
          label,
        ).toEqual(want);
        expect(
          backward.reverse().flatMap((p) => p.items.map((m) => m.id)),
          label,
        ).toEqual(want);
        if (name === 'drivers sorted') expect(forward[0], label).toMatchObject({ total: want.length, totalCapped: false });
      });
    }
  }, 120_000);
});
