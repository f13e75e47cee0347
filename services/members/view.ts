import type { Member, MergedInto } from '../../shared/contract/members';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import { memberQueries, type MemberRow, type MemberView } from '../../db/queries/members/members';

// A member as the contract shows it, shared by the member handlers and the merge.

/** A merge chain is a handful of steps at most; the bound only guards against a cycle written by hand. */
const MAX_CHAIN = 16;

/**
 * The member a merged one's history lives with now: the end of the chain when the survivor was
 * itself merged later (B into A, then A into C: B's hit opens C).
 */
export function survivorOf(db: DB, mergedInto: string): MergedInto {
  const q = memberQueries(db);
  let link = q.mergeLink(mergedInto);
  for (let steps = 0; link?.merged_into && steps < MAX_CHAIN; steps++) {
    const next = q.mergeLink(link.merged_into);
    if (!next) break;
    link = next;
  }
  if (!link) throw new Error(`member ${mergedInto} named by merged_into is missing`);
  return { id: link.id, name: link.name, cardNo: link.card_no };
}

export function memberFromView(db: DB, view: MemberView, tags: string[]): Member {
  return {
    id: view.id,
    cardNo: view.card_no,
    name: view.name,
    phone: view.phone,
    gender: view.gender,
    birthday: view.birthday,
    email: view.email,
    address: view.address,
    notes: view.notes,
    tags,
    consentData: { given: view.consent_data_at !== null, at: view.consent_data_at, byName: view.consent_data_by_name },
    consentMarketing: {
      given: view.consent_marketing === 1,
      at: view.consent_marketing_at,
      byName: view.consent_marketing_by_name,
    },
    status: view.status,
    homeBranch: { id: view.home_branch_id, code: view.home_branch_code, name: view.home_branch_name },
    createdAt: view.created_at,
    updatedAt: view.updated_at,
    createdByName: view.created_by_name,
    version: view.version,
    mergedInto: view.merged_into ? survivorOf(db, view.merged_into) : null,
    mergedAt: view.merged_at,
    erasedAt: view.erased_at,
  };
}

export function loadMember(db: DB, id: string): Member {
  const q = memberQueries(db);
  const view = q.view(id);
  if (!view) throw new AppError('NOT_FOUND', 'No such member', { entity: 'member', id });
  return memberFromView(db, view, q.tags(id));
}

/** The fields an audit row shows for a member (no derived search keys). */
export function auditable(row: MemberRow, tags: string[]) {
  const { py_initials: _i, py_full: _f, phone_rev: _r, ...rest } = row;
  return { ...rest, tags };
}

/** An erased member is kept for the books only: nothing about them changes, nothing is sold to them. */
export function refuseErased(row: { id: string; erased_at?: string | null }): void {
  if (row.erased_at) throw new AppError('MEMBER_ERASED', 'This member was erased; their data can no longer be used', { id: row.id });
}

/** A merged duplicate is a tombstone: nothing about it changes any more (edit the member it names). */
export function refuseMerged(db: DB, row: { id: string; merged_into: string | null }): void {
  if (row.merged_into) {
    throw new AppError('CONFLICT', 'This member was merged into another; open that member instead', {
      reason: 'already_merged',
      id: row.id,
      mergedInto: survivorOf(db, row.merged_into),
    });
  }
}
