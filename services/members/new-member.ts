import { namePinyin } from '../../shared/pinyin';
import { phoneTailKey } from '../../shared/phone';
import type { MemberRow } from '../../db/queries/members/members';

/** Card numbers: the branch code, then eight digits; printable as a Code 128 barcode. */
export function cardNumber(branchCode: string, seq: number): string {
  return `${branchCode}${String(seq).padStart(8, '0')}`;
}

/** What a new member is registered with; the input is already checked (the contract, or the demo's own making). */
export interface NewMember {
  id: string;
  branch: { id: string; code: string };
  /** the branch's next card number (branchQueries.nextNumber('card_no')) */
  cardSeq: number;
  name: string;
  /** E.164 */
  phone: string;
  gender: MemberRow['gender'];
  birthday: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  consentMarketing: boolean;
  status: MemberRow['status'];
  /** when they registered, consenting to their data being kept */
  at: string;
  /** the staff member who registered them */
  by: string;
}

/**
 * A new member's row with the keys the counter finds them by: the card number, the name's
 * pinyin initials and full pinyin, the phone's tail key. The rest of the keys (a name's middle, a
 * card's last digits: member_keys) are made from this row by migration 0012's triggers when it is
 * inserted. Registration and the demo data (and so the bench's million) both build their rows
 * here, so a demo member can never be found by keys a registered one would not have.
 */
export function newMemberRow(m: NewMember): MemberRow {
  const py = namePinyin(m.name);
  return {
    id: m.id,
    branch_id: m.branch.id,
    home_branch_id: m.branch.id,
    card_no: cardNumber(m.branch.code, m.cardSeq),
    name: m.name,
    py_initials: py.initials,
    py_full: py.full,
    phone: m.phone,
    phone_rev: phoneTailKey(m.phone),
    gender: m.gender,
    birthday: m.birthday,
    email: m.email,
    address: m.address,
    notes: m.notes,
    consent_data_at: m.at,
    consent_data_by: m.by,
    consent_marketing: m.consentMarketing ? 1 : 0,
    consent_marketing_at: m.consentMarketing ? m.at : null,
    consent_marketing_by: m.consentMarketing ? m.by : null,
    status: m.status,
    created_at: m.at,
    created_by: m.by,
    updated_at: m.at,
    updated_by: m.by,
    version: 1,
  };
}
