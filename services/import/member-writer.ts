import { addMonths } from 'date-fns';
import { namePinyin } from '../../shared/pinyin';
import { phoneTailKey } from '../../shared/phone';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import type { StagedRow } from '../../db/queries/import/imports';
import { importLookups } from '../../db/queries/import/lookups';
import { memberQueries, type MemberRow, type StoredMember } from '../../db/queries/members/members';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import type { Ctx } from '../core/context';
import { requireSelfBranch, timeZone } from '../core/branch';
import { credit } from '../loyalty/ledger';
import { grantLot, rulesAt, type RulesInForce } from '../loyalty/points';
import { tierConfig } from '../loyalty/tiers';
import { cardNumber } from '../members/new-member';
import { startOfLocalDate } from '../../shared/local-date';
import type { StagedMember } from './member-preview';

export interface MemberImportOptions {
  importId: string;
  fileName: string;
  /** who declared the file's customers agreed to their data being kept, and when */
  consentBy: string;
  consentAt: string;
  tiers: 'file' | 'computed';
}

/** The member fields an update takes from the file (never the phone, the card, the points or the tier). */
type Updatable = Pick<
  MemberRow,
  | 'name'
  | 'py_initials'
  | 'py_full'
  | 'gender'
  | 'birthday'
  | 'email'
  | 'address'
  | 'notes'
  | 'status'
  | 'consent_marketing'
  | 'consent_marketing_at'
  | 'consent_marketing_by'
>;

/**
 * Writes one staged member row: a new member with their opening points as an `adjust` entry of
 * the ledger (reason "import", the file named) forming a lot that expires under the store's rule
 * from today, or an update of the member the row matched. Answers what the undo needs.
 */
export function writeMemberRow(
  db: DB,
  ctx: Ctx,
  options: MemberImportOptions,
  staged: StagedRow,
): { writtenId: string; before: unknown } | null {
  const v = JSON.parse(staged.values_json ?? '{}') as StagedMember;
  if (staged.action === 'create') return { writtenId: createMember(db, ctx, options, v), before: null };
  if (staged.action === 'update' && staged.member_id) return updateMember(db, ctx, options, staged.member_id, v);
  return null;
}

function createMember(db: DB, ctx: Ctx, options: MemberImportOptions, v: StagedMember): string {
  const branch = requireSelfBranch(db);
  const id = ctx.newId();
  const py = namePinyin(v.name ?? '');
  const registered = v.registeredOn ? dayStart(v.registeredOn, timeZone(db)) : ctx.now;
  const marketing = v.consentMarketing === true;
  const row: MemberRow = {
    id,
    branch_id: branch.id,
    home_branch_id: branch.id,
    card_no: v.cardNo ?? cardNumber(branch.code, branchQueries(db).nextNumber('card_no')),
    name: v.name ?? '',
    py_initials: py.initials,
    py_full: py.full,
    phone: v.phone ?? '',
    phone_rev: phoneTailKey(v.phone ?? ''),
    gender: v.gender ?? 'unspecified',
    birthday: v.birthday ?? null,
    email: v.email ?? null,
    address: v.address ?? null,
    notes: v.notes ?? null,
    consent_data_at: options.consentAt,
    consent_data_by: options.consentBy,
    consent_marketing: marketing ? 1 : 0,
    consent_marketing_at: marketing ? options.consentAt : null,
    consent_marketing_by: marketing ? options.consentBy : null,
    status: statusOf(v.status) ?? 'active',
    created_at: registered < ctx.now ? registered : ctx.now,
    created_by: options.consentBy,
    updated_at: ctx.now,
    updated_by: options.consentBy,
    version: 1,
  };
  const members = memberQueries(db);
  members.insert(row);
  for (const tag of v.tags ?? []) members.addTag(id, tag);
  if (v.points && v.points > 0) {
    credit(db, ctx, {
      memberId: id,
      kind: 'adjust',
      points: v.points,
      reason: 'import',
      detail: { importId: options.importId, fileName: options.fileName },
      ...openingLot(db, ctx),
    });
  }
  if (options.tiers === 'file' && v.tier) setFileTier(db, ctx, id, v.tier);
  return id;
}

/**
 * The lot every opening balance of a slice forms: one rule, one instant, so one expiry, worked
 * out in the zone once a slice rather than once a member (70 µs each, like the registration
 * day's start below: together a tenth of a members import's time).
 */
let lastLot: { rules: RulesInForce['rules']; now: string; zone: string; lot: ReturnType<typeof grantLot> } | null = null;

function openingLot(db: DB, ctx: Ctx) {
  const rules = rulesAt(db, ctx.now).rules;
  const zone = timeZone(db);
  if (lastLot?.rules !== rules || lastLot.now !== ctx.now || lastLot.zone !== zone)
    lastLot = { rules, now: ctx.now, zone, lot: grantLot(db, ctx, rules) };
  return lastLot.lot;
}

/** Registration dates repeat (a few thousand days for any number of members): each day's start in the zone once. */
const dayStarts = new Map<string, string>();

function dayStart(date: string, zone: string): string {
  const key = `${zone} ${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= 100_000) dayStarts.clear();
    dayStarts.set(key, (start = startOfLocalDate(date, zone)));
  }
  return start;
}

/** A member the exported list shows as merged comes in as a deactivated one: the one they were merged into is another row. */
const statusOf = (status: StagedMember['status']): MemberRow['status'] | undefined => (status === 'merged' ? 'inactive' : status);

function setFileTier(db: DB, ctx: Ctx, memberId: string, name: string): void {
  const tierId = importLookups(db).tierIdByName(name);
  if (!tierId) return;
  const config = tierConfig(db);
  const tier = config.tiers.find((t) => t.id === tierId);
  if (!tier) return;
  // As a move up would: the lowest tier has nothing to review, any other is reviewed `reviewMonths` on.
  const reviewAt = tier.rank === config.tiers[0].rank ? null : addMonths(new Date(ctx.now), config.reviewMonths).toISOString();
  tierQueries(db).setMemberTier(memberId, tierId, ctx.now, reviewAt);
}

function updatable(m: StoredMember): Updatable {
  const {
    name,
    py_initials,
    py_full,
    gender,
    birthday,
    email,
    address,
    notes,
    status,
    consent_marketing,
    consent_marketing_at,
    consent_marketing_by,
  } = m;
  return {
    name,
    py_initials,
    py_full,
    gender,
    birthday,
    email,
    address,
    notes,
    status,
    consent_marketing,
    consent_marketing_at,
    consent_marketing_by,
  };
}

function updateMember(db: DB, ctx: Ctx, options: MemberImportOptions, memberId: string, v: StagedMember) {
  const members = memberQueries(db);
  const member = members.byId(memberId);
  if (!member || member.merged_into) return null;
  const before = { ...updatable(member), tags: members.tags(memberId) };
  const py = v.name ? namePinyin(v.name) : { initials: member.py_initials, full: member.py_full };
  // Only what the file says: an empty cell keeps what the store has. Marketing consent changes
  // only where the file has a column that says so.
  const marketing = v.consentMarketing === undefined ? member.consent_marketing === 1 : v.consentMarketing;
  const changedConsent = marketing !== (member.consent_marketing === 1);
  members.update({
    ...member,
    name: v.name ?? member.name,
    py_initials: py.initials,
    py_full: py.full,
    gender: v.gender ?? member.gender,
    birthday: v.birthday ?? member.birthday,
    email: v.email ?? member.email,
    address: v.address ?? member.address,
    notes: v.notes ?? member.notes,
    status: statusOf(v.status) ?? member.status,
    consent_marketing: marketing ? 1 : 0,
    consent_marketing_at: changedConsent ? (marketing ? options.consentAt : null) : member.consent_marketing_at,
    consent_marketing_by: changedConsent ? (marketing ? options.consentBy : null) : member.consent_marketing_by,
    updated_at: ctx.now,
    updated_by: options.consentBy,
  });
  for (const tag of v.tags ?? []) if (!before.tags.includes(tag)) members.addTag(memberId, tag);
  return { writtenId: memberId, before };
}

/** Puts a member an import updated back as they were. */
export function restoreMember(db: DB, ctx: Ctx, memberId: string, before: Updatable & { tags: string[] }): void {
  const members = memberQueries(db);
  const member = members.byId(memberId);
  if (!member) return;
  const { tags, ...fields } = before;
  members.update({ ...member, ...fields, updated_at: ctx.now, updated_by: ctx.caller?.id ?? null });
  members.setTags(memberId, tags);
}
