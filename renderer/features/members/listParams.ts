import {
  CONSENT_FILTERS,
  LAST_SALE_FILTERS,
  MEMBER_LIST_SORTS,
  MEMBER_LIST_STATUSES,
  type MemberListFilters,
  type MemberListSort,
} from '../../../shared/contract/member-list';
import type { InputOf } from '../../../shared/contract/index';

// The 会员 page keeps its filters, sort and page in the address (#/members?tag=VIP&sort=name…),
// so Back from a member returns to the same list, and a list can be bookmarked. What the address
// says is read leniently: a value the page does not know is left out, never sent to be refused.

export type ListFilters = MemberListFilters;

export interface ListView {
  filters: ListFilters;
  sort: MemberListSort;
  order: 'asc' | 'desc';
  /** the page's cursor (a page's next or prev) and its number, counted from 1 */
  after?: string;
  before?: string;
  page: number;
}

export const DEFAULT_VIEW: ListView = { filters: { status: 'active' }, sort: 'cardNo', order: 'asc', page: 1 };
/** What 最近消费 starts at when chosen: the last month, or a season without a purchase. */
export const DEFAULT_DAYS = { within: 30, lapsed: 90 } as const;
export const MAX_DAYS = 3650;

/** Dates read newest first; card and name from the start. */
export function defaultOrder(sort: MemberListSort): 'asc' | 'desc' {
  return sort === 'createdAt' || sort === 'lastSaleAt' ? 'desc' : 'asc';
}

const oneOf = <T extends string>(values: readonly T[], raw: string | null): T | undefined => values.find((v) => v === raw);

/** A whole number from `min` to `max` written as digits, else undefined. */
export function wholeNumber(raw: string | null, min: number, max: number): number | undefined {
  if (raw === null || !/^\d{1,5}$/.test(raw.trim())) return undefined;
  const n = Number(raw.trim());
  return n >= min && n <= max ? n : undefined;
}

export function viewFromParams(params: URLSearchParams): ListView {
  const filters: ListFilters = { status: oneOf(MEMBER_LIST_STATUSES, params.get('status')) ?? 'active' };
  const tier = params.get('tier');
  if (tier) filters.tierId = tier;
  const tag = params.get('tag')?.trim();
  if (tag && tag.length <= 20) filters.tag = tag;
  const consent = oneOf(CONSENT_FILTERS, params.get('consent'));
  if (consent) filters.consent = consent;
  const lastSale = oneOf(LAST_SALE_FILTERS, params.get('lastSale'));
  if (lastSale === 'never') filters.lastSale = lastSale;
  else if (lastSale)
    Object.assign(filters, { lastSale, lastSaleDays: wholeNumber(params.get('days'), 1, MAX_DAYS) ?? DEFAULT_DAYS[lastSale] });
  const month = wholeNumber(params.get('month'), 1, 12);
  if (month) filters.birthdayMonth = month;
  const sort = oneOf(MEMBER_LIST_SORTS, params.get('sort')) ?? 'cardNo';
  const view: ListView = { filters, sort, order: oneOf(['asc', 'desc'] as const, params.get('order')) ?? defaultOrder(sort), page: 1 };
  const after = params.get('after');
  const before = params.get('before');
  const page = wholeNumber(params.get('page'), 2, 99_999);
  // A cursor without its page number (or both cursors) is not a page this list made: start over.
  if (page && after && !before) Object.assign(view, { after, page });
  else if (page && before && !after) Object.assign(view, { before, page });
  return view;
}

export function paramsFromView(view: ListView): URLSearchParams {
  const p = new URLSearchParams();
  const f = view.filters;
  if (f.status !== 'active') p.set('status', f.status);
  if (f.tierId) p.set('tier', f.tierId);
  if (f.tag) p.set('tag', f.tag);
  if (f.consent) p.set('consent', f.consent);
  if (f.lastSale) p.set('lastSale', f.lastSale);
  if (f.lastSaleDays !== undefined) p.set('days', String(f.lastSaleDays));
  if (f.birthdayMonth !== undefined) p.set('month', String(f.birthdayMonth));
  if (view.sort !== 'cardNo') p.set('sort', view.sort);
  if (view.order !== defaultOrder(view.sort)) p.set('order', view.order);
  if (view.page > 1 && (view.after || view.before)) {
    p.set('page', String(view.page));
    if (view.after) p.set('after', view.after);
    if (view.before) p.set('before', view.before);
  }
  return p;
}

/** The same filters, sorted the same way, from the first page (a change of filter or sort starts over). */
export function firstPage(view: ListView, change: Partial<Pick<ListView, 'filters' | 'sort' | 'order'>>): ListView {
  return { filters: view.filters, sort: view.sort, order: view.order, ...change, page: 1 };
}

export const hasFilters = (f: ListFilters) => Object.keys(f).some((k) => k !== 'status') || f.status !== 'active';

export function listInput(view: ListView): InputOf<'members.list'> {
  return { ...view.filters, sort: view.sort, order: view.order, after: view.after, before: view.before, pageSize: 50 };
}
