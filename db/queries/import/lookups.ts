import type { DB } from '../../connection';
import { perDatabase } from '../prepared';

/** A member as a preview compares a row with them. */
export interface KnownMember {
  id: string;
  name: string;
  phone: string;
  card_no: string;
  birthday: string | null;
  points_balance: number;
  created_at: string;
  status: 'active' | 'inactive';
  /** opening points came from an import (a members file) */
  imported_points: 0 | 1;
}

const COLUMNS = `m.id, m.name, m.phone, m.card_no, m.birthday, m.points_balance, m.created_at, m.status,
  EXISTS (SELECT 1 FROM points_ledger l WHERE l.member_id = m.id AND l.kind = 'adjust' AND l.reason = 'import') AS imported_points`;

/** Who a row of a file is already in the store, by the keys duplicates.ts names. Merged members are followed to who they became. */
export const importLookups = perDatabase((db: DB) => {
  const byPhone = db.prepare<[string], KnownMember>(`SELECT ${COLUMNS} FROM members m WHERE m.phone = ? AND m.merged_into IS NULL LIMIT 1`);
  const byCard = db.prepare<[string], KnownMember>(`SELECT ${COLUMNS} FROM members m WHERE m.card_no = ? AND m.merged_into IS NULL`);
  const cardTaken = db.prepare<[string], number>('SELECT count(*) FROM members WHERE card_no = ?').pluck();
  const byNameBirthday = db.prepare<[string, string], KnownMember>(
    `SELECT ${COLUMNS} FROM members m WHERE m.name = ? AND m.birthday = ? AND m.merged_into IS NULL ORDER BY m.created_at LIMIT 1`,
  );
  const byId = db.prepare<[string], KnownMember>(`SELECT ${COLUMNS} FROM members m WHERE m.id = ?`);
  const receiptTaken = db
    .prepare<[string, string], number>("SELECT count(*) FROM purchases WHERE branch_id = ? AND receipt_no = ? AND kind = 'sale'")
    .pluck();
  const tierIdByName = db.prepare<[string], string>('SELECT id FROM tiers WHERE name = ? COLLATE NOCASE AND retired_at IS NULL').pluck();
  return {
    byPhone: (phone: string) => byPhone.get(phone) ?? null,
    byCard: (cardNo: string) => byCard.get(cardNo) ?? null,
    /** a card number any member holds, merged ones too (the column is unique) */
    cardTaken: (cardNo: string) => (cardTaken.get(cardNo) ?? 0) > 0,
    byNameBirthday: (name: string, birthday: string) => byNameBirthday.get(name, birthday) ?? null,
    byId: (id: string) => byId.get(id) ?? null,
    receiptTaken: (branchId: string, receiptNo: string) => (receiptTaken.get(branchId, receiptNo) ?? 0) > 0,
    tierIdByName: (name: string) => tierIdByName.get(name) ?? null,
  };
});
