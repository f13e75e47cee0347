import type { DB } from '../../connection';
import { preparedText } from '../prepared';

// The 会员 page's SQL (services/members/list.ts decides which plan to run). Each filter is a term
// of the WHERE clause; a filter with an index of its own can also be where the rows come from
// (it "drives" the query). Pages are keyset pages: (sort value, rowid) after or before a cursor,
// so a deep page costs what the first does.

/** A filter the service has resolved (a tier to its ids, days to instants). */
export interface ListFilter {
  status: 'active' | 'inactive' | 'merged' | 'all';
  /** a tier above the lowest */
  tierId?: string;
  /** the lowest tier: members with no tier, or one not among these (higher, active) tiers */
  lowestTierBut?: string[];
  tag?: string;
  consent?: 0 | 1;
  /** bought at or after this instant */
  saleSince?: string;
  /** bought, but last before this instant */
  saleBefore?: string;
  neverBought?: boolean;
  birthdayMonth?: number;
}

/** A filter with an index of its own, which can be where a query's rows come from. */
export type Driver = 'tag' | 'tier' | 'status' | 'consent' | 'lastSale' | 'birthday';

/** A side of a range whose bound a page's cursor gives instead (see `page`). */
type Loose = 'lower' | 'upper';

interface Term {
  /** the condition on a `members` row named `t`; `loose`: that side of its range not used to seek */
  test: (t: string, loose?: Loose) => string;
  /** for a driver: its index, and its rows read from it (or, for tags, from member_tags) */
  drive?: {
    index: string | null;
    /** FROM … WHERE giving `m`, the members it holds; `loose`: that side of its range not used to seek */
    source: (loose?: Loose) => string;
    /** the rowids of the members it holds, from indexes alone */
    rowids: string;
    /** a row per member it holds, from its index alone (for counting them) */
    probe: string;
  };
}

/** Never bought is '' (migration 0012's index): first going up, last going down. */
const lastSale = (t: string) => `ifnull(${t}.last_sale_at, '')`;
const birthdayMd = (t: string) => `substr(${t}.birthday, 6)`;

/** A filter on members' own columns that an index of members holds. */
function indexed(index: string, test: (t: string, loose?: Loose) => string): Term {
  return {
    test,
    drive: {
      index,
      source: (loose) => `members m INDEXED BY ${index} WHERE ${test('m', loose)}`,
      rowids: `SELECT d.rowid FROM members d INDEXED BY ${index} WHERE ${test('d')}`,
      probe: `SELECT 1 FROM members d INDEXED BY ${index} WHERE ${test('d')}`,
    },
  };
}

/**
 * A range of last sales. Its index is also the 最近消费 sort's, where a page's cursor bounds the
 * same value: SQLite seeks by one bound a side, and had it taken the filter's rather than the
 * cursor's, page 200 would read the 199 before it. So the filter's bound on the cursor's side is
 * only tested (a unary + keeps SQLite from seeking by it); the cursor row matched it anyway.
 */
function lastSaleRange(lower: string | null, upper: string | null): Term {
  return indexed('members_last_sale', (t, loose) =>
    [lower && `${loose === 'lower' ? '+' : ''}${lastSale(t)} ${lower}`, upper && `${loose === 'upper' ? '+' : ''}${lastSale(t)} ${upper}`]
      .filter(Boolean)
      .join(' AND '),
  );
}

function terms(f: ListFilter): Array<[Driver | 'active' | 'lowestTier', Term]> {
  const out: Array<[Driver | 'active' | 'lowestTier', Term]> = [];
  if (f.status === 'active') out.push(['active', { test: (t) => `${t}.status = 'active'` }]);
  if (f.status === 'inactive')
    out.push(['status', indexed('members_inactive', (t) => `${t}.status = 'inactive' AND ${t}.merged_into IS NULL`)]);
  if (f.status === 'merged') out.push(['status', indexed('members_merged', (t) => `${t}.merged_into IS NOT NULL`)]);
  if (f.tierId !== undefined) out.push(['tier', indexed('members_tier', (t) => `${t}.tier_id = @tierId`)]);
  if (f.lowestTierBut !== undefined)
    out.push(['lowestTier', { test: (t) => `(${t}.tier_id IS NULL OR ${t}.tier_id NOT IN (SELECT value FROM json_each(@higherTiers)))` }]);
  if (f.tag !== undefined) {
    out.push([
      'tag',
      {
        test: (t) => `EXISTS (SELECT 1 FROM member_tags g WHERE g.member_id = ${t}.id AND g.tag = @tag)`,
        drive: {
          index: null,
          source: () => 'member_tags g CROSS JOIN members m ON m.id = g.member_id WHERE g.tag = @tag',
          rowids: 'SELECT d.rowid FROM member_tags g CROSS JOIN members d ON d.id = g.member_id WHERE g.tag = @tag',
          probe: 'SELECT 1 FROM member_tags g WHERE g.tag = @tag',
        },
      },
    ]);
  }
  if (f.consent !== undefined) out.push(['consent', indexed('members_consent', (t) => `${t}.consent_marketing = @consent`)]);
  if (f.saleSince !== undefined) out.push(['lastSale', lastSaleRange('>= @saleSince', null)]);
  if (f.saleBefore !== undefined) out.push(['lastSale', lastSaleRange("> ''", '< @saleBefore')]);
  // <= rather than =: with = SQLite sorts the rows again instead of reading them in the index's order.
  if (f.neverBought) out.push(['lastSale', lastSaleRange(null, "<= ''")]);
  if (f.birthdayMonth !== undefined) {
    out.push([
      'birthday',
      indexed(
        'members_birthday_md',
        (t) => `${t}.birthday IS NOT NULL AND ${birthdayMd(t)} >= @birthdayFrom AND ${birthdayMd(t)} <= @birthdayTo`,
      ),
    ]);
  }
  return out;
}

function params(f: ListFilter): Record<string, string | number> {
  const p: Record<string, string | number> = {};
  if (f.tierId !== undefined) p.tierId = f.tierId;
  if (f.lowestTierBut !== undefined) p.higherTiers = JSON.stringify(f.lowestTierBut);
  if (f.tag !== undefined) p.tag = f.tag;
  if (f.consent !== undefined) p.consent = f.consent;
  if (f.saleSince !== undefined) p.saleSince = f.saleSince;
  if (f.saleBefore !== undefined) p.saleBefore = f.saleBefore;
  if (f.birthdayMonth !== undefined) {
    const mm = String(f.birthdayMonth).padStart(2, '0');
    Object.assign(p, { birthdayFrom: `${mm}-01`, birthdayTo: `${mm}-31` });
  }
  return p;
}

const driveOf = (f: ListFilter, driver: Driver) => terms(f).find(([d]) => d === driver)![1].drive!;

/** The filters that could drive a query. */
export function drivers(f: ListFilter): Driver[] {
  return terms(f)
    .filter(([, t]) => t.drive)
    .map(([d]) => d as Driver);
}

/** Each sort's value and the index that holds the rows in its order (name: by pinyin). */
export const SORTS = {
  cardNo: { value: (t: string) => `${t}.card_no`, index: 'members_card_no' },
  name: { value: (t: string) => `${t}.py_full`, index: 'members_py_full' },
  createdAt: { value: (t: string) => `${t}.created_at`, index: 'members_created' },
  lastSaleAt: { value: lastSale, index: 'members_last_sale' },
} as const;
export type SortKey = keyof typeof SORTS;

export interface ListRow {
  rid: number;
  id: string;
  card_no: string;
  name: string;
  phone: string;
  gender: 'female' | 'male' | 'unspecified';
  birthday: string | null;
  tier_id: string | null;
  points_balance: number;
  status: 'active' | 'inactive';
  merged_into: string | null;
  consent_marketing: 0 | 1;
  last_sale_at: string | null;
  created_at: string;
  notes: string | null;
  email: string | null;
  address: string | null;
}

const COLUMNS = `m.rowid AS rid, m.id, m.card_no, m.name, m.phone, m.gender, m.birthday, m.tier_id, m.points_balance, m.status, m.merged_into,
  m.consent_marketing, m.last_sale_at, m.created_at, m.notes, m.email, m.address`;

/** Every statement prepared once per connection: there are as many as filter, sort and plan combinations used. */
const statements = preparedText;

const whereClause = (conditions: string[]) => (conditions.length ? ` WHERE ${conditions.map((c) => `(${c})`).join(' AND ')}` : '');

/**
 * The other filters' conditions on `m`, leaving out the one whose rows are being read. A filter
 * on the sort's own index leaves the side a cursor bounds to the cursor (lastSaleRange).
 */
const othersOf = (f: ListFilter, driver: Driver | null, seek?: { index: string; loose?: Loose }) =>
  terms(f)
    .filter(([d]) => d !== driver)
    .map(([, t]) => t.test('m', seek && t.drive?.index === seek.index ? seek.loose : undefined));

/**
 * How a page is read:
 * - `drive`: the driver's rows, sorted afterwards (or read in order when its index is the sort's);
 * - `walk`: the sort's index in order, at most `window` entries past the cursor, each row tested
 *   (a page may come back short when matches are sparse there);
 * - `intersect`: the sort's index in order, keeping the rowids the driver holds (a set SQLite
 *   builds from the driver's index), so a row is read only once it is known to match the driver;
 * - `scan`: the sort's index in order to its end, each row tested (no filter has an index).
 */
export type PagePlan =
  { kind: 'drive'; driver: Driver } | { kind: 'walk'; window: number } | { kind: 'intersect'; driver: Driver } | { kind: 'scan' };

export interface PageRequest {
  sort: SortKey;
  /** the order rows are read in (a `before` page reads backwards and is turned round after) */
  descending: boolean;
  /** rows strictly after this (sort value, rowid) in reading order */
  from: { value: string; rid: number } | null;
  limit: number;
  plan: PagePlan;
}

export type PageRow = ListRow & { sort_value: string };

export const memberListQueries = {
  /** How many members the driver holds, counted up to `cap` from its index alone. */
  candidates(db: DB, f: ListFilter, driver: Driver, cap: number): number {
    return statements(db)(`SELECT COUNT(*) FROM (${driveOf(f, driver).probe} LIMIT @cap)`)
      .pluck()
      .get({ ...params(f), cap }) as number;
  },

  /** The index a driver reads (null: member_tags). */
  driverIndex: (f: ListFilter, driver: Driver): string | null => driveOf(f, driver).index,

  /** How many members match, counted up to `cap`, reading the driver's rows (or the table's). */
  count(db: DB, f: ListFilter, driver: Driver | null, cap: number): number {
    const from = driver ? driveOf(f, driver).source() : 'members m';
    const rest = othersOf(f, driver);
    const sql = `SELECT COUNT(*) FROM (SELECT 1 FROM ${from}${driver ? rest.map((c) => ` AND (${c})`).join('') : whereClause(rest)} LIMIT @cap)`;
    return statements(db)(sql)
      .pluck()
      .get({ ...params(f), cap }) as number;
  },

  /** One page of matching members in the sort's order, from a cursor on. */
  page(db: DB, f: ListFilter, r: PageRequest): PageRow[] {
    const sort = SORTS[r.sort];
    const dir = r.descending ? 'DESC' : 'ASC';
    const op = r.descending ? '<' : '>';
    // The bare comparison lets SQLite start the index walk at the cursor; the row value breaks ties.
    const after = (t: string) =>
      r.from ? [`${sort.value(t)} ${op}= @fromValue`, `(${sort.value(t)}, ${t}.rowid) ${op} (@fromValue, @fromRid)`] : [];
    const bind: Record<string, string | number> = {
      ...params(f),
      limit: r.limit,
      ...(r.from ? { fromValue: r.from.value, fromRid: r.from.rid } : {}),
    };
    const select = `SELECT ${COLUMNS}, ${sort.value('m')} AS sort_value`;
    const seek = { index: sort.index, loose: r.from ? (r.descending ? 'upper' : 'lower') : undefined } as const;
    const order = `ORDER BY ${sort.value('m')} ${dir}, m.rowid ${dir} LIMIT @limit`;
    let sql: string;
    switch (r.plan.kind) {
      case 'drive': {
        const drive = driveOf(f, r.plan.driver);
        const own = drive.source(drive.index === sort.index ? seek.loose : undefined);
        sql = `${select} FROM ${own}${[...othersOf(f, r.plan.driver, seek), ...after('m')].map((c) => ` AND (${c})`).join('')} ${order}`;
        break;
      }
      case 'walk':
        // The window is read from the sort's index alone, and the page in the window's own order
        // (sorting again would fetch every row of the window before the first is given): only
        // rows up to the page's last match are fetched and tested.
        sql = `SELECT ${COLUMNS}, k.sort_value FROM (
            SELECT w.rowid AS rid, ${sort.value('w')} AS sort_value FROM members w INDEXED BY ${sort.index}${whereClause(after('w'))}
             ORDER BY ${sort.value('w')} ${dir}, w.rowid ${dir} LIMIT @window
          ) k CROSS JOIN members m ON m.rowid = k.rid${whereClause(othersOf(f, null))} ORDER BY k.sort_value ${dir}, k.rid ${dir} LIMIT @limit`;
        bind.window = r.plan.window;
        break;
      case 'intersect': {
        const rowids = driveOf(f, r.plan.driver).rowids;
        sql = `${select} FROM members m INDEXED BY ${sort.index}${whereClause([`m.rowid IN (${rowids})`, ...othersOf(f, r.plan.driver, seek), ...after('m')])} ${order}`;
        break;
      }
      case 'scan':
        sql = `${select} FROM members m INDEXED BY ${sort.index}${whereClause([...othersOf(f, null, seek), ...after('m')])} ${order}`;
        break;
    }
    return statements(db)(sql).all(bind) as PageRow[];
  },

  /** The tags of the given members, in order. */
  tagsOf(db: DB, ids: string[]): Map<string, string[]> {
    const rows = statements(db)(
      'SELECT member_id, tag FROM member_tags WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, tag',
    ).all(JSON.stringify(ids)) as Array<{ member_id: string; tag: string }>;
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.member_id, [...(out.get(r.member_id) ?? []), r.tag]);
    return out;
  },

  /**
   * The distinct tags from `from` up to `to` (exclusive), in order: a skip scan that seeks each
   * next tag in member_tags_tag, so a million tagged members cost what their few tags do.
   */
  distinctTags(db: DB, from: string, to: string | null, limit: number): string[] {
    const sql = `WITH RECURSIVE next(tag) AS (
        SELECT MIN(tag) FROM member_tags WHERE tag >= @from
        UNION ALL
        SELECT (SELECT MIN(tag) FROM member_tags WHERE tag > next.tag) FROM next WHERE next.tag IS NOT NULL AND (@to IS NULL OR next.tag < @to)
        LIMIT @limit + 1
      ) SELECT tag FROM next WHERE tag IS NOT NULL AND (@to IS NULL OR tag < @to) LIMIT @limit`;
    return statements(db)(sql).pluck().all({ from, to, limit }) as string[];
  },
};
