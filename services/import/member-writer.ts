import { addMonths } from 'date-fns';
import { namePinyin } from '../../shared/pinyin';
import { phoneTailKey } from '../../shared/phone';
import type { DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { importQueries, type StagedRow } from '../../db/queries/import/imports';
import { importLookups } from '../../db/queries/import/lookups';
import { memberQueries, type MemberRow, type StoredMember } from '../../db/queries/members/members';
import { consentQueries, type ConsentKind } from '../../db/queries/privacy/consent';
import { importUndoQueries } from '../../db/queries/import/undo';
import { tierQueries } from '../../db/queries/loyalty/tiers';
import type { Ctx } from '../core/context';
import { requireSelfBranch, timeZone } from '../core/branch';
import { credit } from '../loyalty/ledger';
import { grantLot, rulesAt } from '../loyalty/points';
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
  /** the privacy notice in force when the manager declared it, which the consent rows name (null: none) */
  noticeVersion: number | null;
  tiers: 'file' | 'computed';
  /** read once for a slice of rows (a lot's expiry alone is 100 µs of time-zone arithmetic) */
  branch: { id: string; code: string };
  timeZone: string;
  /** the lot opening points form: available now, expiring under the rule in force from today */
  openingLot: { availableAt: string; expiresAt: string | null };
}

/** The options every row of a slice shares, read once. */
export function memberImportOptions(
  db: DB,
  ctx: Ctx,
  given: Pick<MemberImportOptions, 'importId' | 'fileName' | 'consentBy' | 'consentAt' | 'noticeVersion' | 'tiers'>,
): MemberImportOptions {
  const branch = requireSelfBranch(db);
  return {
    ...given,
    branch: { id: branch.id, code: branch.code },
    timeZone: timeZone(db),
    openingLot: grantLot(db, ctx, rulesAt(db, ctx.now).rules),
  };
}

/** The member fields an update takes from the file (never the phone, the card, the points or the tier). */
const UPDATABLE = [
  'name',
  'py_initials',
  'py_full',
  'gender',
  'birthday',
  'email',
  'address',
  'notes',
  'status',
  'consent_marketing',
  'consent_marketing_at',
  'consent_marketing_by',
] as const satisfies readonly (keyof MemberRow)[];
type Updatable = Pick<MemberRow, (typeof UPDATABLE)[number]>;

/**
 * What an undo needs of a member an import updated: their values before, the version the import
 * left them at, and the consent rows it wrote for them (absent: none, or written before they were).
 */
export type MemberBefore = Updatable & { tags: string[]; version: number; consentIds?: string[] };

/**
 * What writing a row did: the member made or updated (with what an undo needs), `unchanged` for
 * a member who already had every value the row gives (nothing written: the same file imported
 * again changes nothing, not even a version), `refused` for a new member whose phone or card
 * someone took after the preview (the counter registered them meanwhile), or null for a row
 * left out.
 */
export type MemberWritten =
  | { writtenId: string; before: MemberBefore | null }
  | 'unchanged'
  | { refused: 'phone.taken' | 'card.taken'; field: 'phone' | 'cardNo'; value: string }
  | null;

/**
 * Writes one staged member row: a new member with their opening points as an `adjust` entry of
 * the ledger (reason "import", the file named) forming a lot that expires under the store's rule
 * from today, or an update of the member the row matched. Answers what the undo needs.
 */
export function writeMemberRow(db: DB, ctx: Ctx, options: MemberImportOptions, staged: StagedRow): MemberWritten {
  const v = JSON.parse(staged.values_json ?? '{}') as StagedMember;
  if (staged.action === 'create') return createMember(db, ctx, options, v);
  if (staged.action === 'update' && staged.member_id) return updateMember(db, ctx, options, staged.member_id, v);
  return null;
}

/**
 * The card a new member gets: the file's, or the store's next number. A file's card in the
 * store's own numbering (a member list exported from a branch with the same code) moves the
 * counter past it, so the counter's next registration does not get it again; a number the
 * counter gives that a member already holds is passed over.
 */
function cardFor(db: DB, branchCode: string, fileCard: string | undefined): string {
  const lookups = importLookups(db);
  if (fileCard) {
    const digits = fileCard.startsWith(branchCode) ? fileCard.slice(branchCode.length) : '';
    if (/^\d{8}$/.test(digits)) importQueries(db).raiseCounter('card_no', Number(digits));
    return fileCard;
  }
  for (;;) {
    const card = cardNumber(branchCode, branchQueries(db).nextNumber('card_no'));
    if (!lookups.cardHolder(card)) return card;
  }
}

function createMember(db: DB, ctx: Ctx, options: MemberImportOptions, v: StagedMember): MemberWritten {
  const branch = options.branch;
  const members = memberQueries(db);
  if (v.phone && members.byPhone(v.phone)) return { refused: 'phone.taken', field: 'phone', value: v.phone };
  if (v.cardNo && importLookups(db).cardHolder(v.cardNo)) return { refused: 'card.taken', field: 'cardNo', value: v.cardNo };
  const id = ctx.newId();
  const py = namePinyin(v.name ?? '');
  const registered = v.registeredOn ? dayStart(v.registeredOn, options.timeZone) : ctx.now;
  const marketing = v.consentMarketing === true;
  const row: MemberRow = {
    id,
    branch_id: branch.id,
    home_branch_id: branch.id,
    card_no: cardFor(db, branch.code, v.cardNo),
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
  members.insert(row);
  recordImportConsent(db, ctx, options, id, 'data', true);
  if (marketing) recordImportConsent(db, ctx, options, id, 'marketing', true);
  for (const tag of v.tags ?? []) members.addTag(id, tag);
  if (v.points && v.points > 0) {
    credit(db, ctx, {
      memberId: id,
      kind: 'adjust',
      points: v.points,
      reason: 'import',
      detail: { importId: options.importId, fileName: options.fileName },
      ...options.openingLot,
    });
  }
  if (options.tiers === 'file' && v.tier) setFileTier(db, ctx, id, v.tier);
  return { writtenId: id, before: null };
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
  return Object.fromEntries(UPDATABLE.map((key) => [key, m[key]])) as Updatable;
}

function updateMember(db: DB, ctx: Ctx, options: MemberImportOptions, memberId: string, v: StagedMember): MemberWritten {
  const members = memberQueries(db);
  const member = members.byId(memberId);
  if (!member || member.merged_into) return null;
  const tags = members.tags(memberId);
  const py = v.name ? namePinyin(v.name) : { initials: member.py_initials, full: member.py_full };
  // Only what the file says: an empty cell keeps what the store has. Marketing consent changes
  // only where the file has a column that says so.
  const marketing = v.consentMarketing === undefined ? member.consent_marketing === 1 : v.consentMarketing;
  const changedConsent = marketing !== (member.consent_marketing === 1);
  const next: Updatable = {
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
  };
  const before = updatable(member);
  const newTags = (v.tags ?? []).filter((tag) => !tags.includes(tag));
  const same = (Object.keys(next) as Array<keyof Updatable>).every((key) => next[key] === before[key]);
  if (same && newTags.length === 0) return 'unchanged';
  members.update({ ...member, ...next, updated_at: ctx.now, updated_by: options.consentBy });
  const consentIds = changedConsent ? [recordImportConsent(db, ctx, options, memberId, 'marketing', marketing)] : [];
  for (const tag of newTags) members.addTag(memberId, tag);
  return { writtenId: memberId, before: { ...before, tags, version: member.version + 1, consentIds } };
}

/**
 * The member's consent history gets what the import's declaration gave them (channel `import`):
 * the manager's word and time, under the notice in force as they declared it. Answers the row's id.
 */
function recordImportConsent(
  db: DB,
  ctx: Ctx,
  options: MemberImportOptions,
  memberId: string,
  kind: ConsentKind,
  granted: boolean,
): string {
  const id = ctx.newId();
  consentQueries(db).insertConsent({
    id,
    member_id: memberId,
    kind,
    granted: granted ? 1 : 0,
    notice_version: options.noticeVersion,
    at: options.consentAt,
    by_staff: options.consentBy,
    channel: 'import',
  });
  return id;
}

/**
 * Puts a member an import updated back as they were, unless someone saved them since (their
 * version moved on): that edit is the store's, and the member stays as it left them. Answers
 * whether they were put back.
 */
export function restoreMember(db: DB, ctx: Ctx, memberId: string, before: MemberBefore): boolean {
  const members = memberQueries(db);
  const member = members.byId(memberId);
  if (!member || member.version !== before.version) return false;
  const { tags, version: _version, consentIds = [], ...fields } = before;
  members.update({ ...member, ...fields, updated_at: ctx.now, updated_by: ctx.caller?.id ?? null });
  members.setTags(memberId, tags);
  // The consent the import recorded goes with the value it set: the history says what the member has.
  importUndoQueries(db).deleteConsents(consentIds);
  return true;
}
