import type { DB } from '../../connection';
import { perDatabase } from '../prepared';
import { MERGEABLE, NAME_TWIN_KEY } from '../../migrations/0017-member-duplicates';
import { nameKey } from '../../../shared/import/duplicates';

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
  merged_into: string | null;
}

const COLUMNS = 'm.id, m.name, m.phone, m.card_no, m.birthday, m.points_balance, m.created_at, m.status, m.merged_into';

/** Merges a chain may hold at most: a member merged into one later merged into another, and so on. */
const MAX_CHAIN = 20;

/**
 * Who a row of a file is already in the store, by the keys duplicates.ts names. A merged
 * registration keeps its phone and card on its tombstone: a row (or a till's sale) with them is
 * the member they were merged into, followed to the end of the chain.
 */
export const importLookups = perDatabase((db: DB) => {
  const byPhone = db.prepare<[string], KnownMember>(
    `SELECT ${COLUMNS} FROM members m WHERE m.phone = ? ORDER BY m.merged_into IS NOT NULL LIMIT 1`,
  );
  const byCard = db.prepare<[string], KnownMember>(`SELECT ${COLUMNS} FROM members m WHERE m.card_no = ?`);
  const cardHolder = db.prepare<[string], string>('SELECT id FROM members WHERE card_no = ?').pluck();
  // The possible duplicates page's index (migration 0017): the name as nameKey compares it, so
  // "Li Na" in a file finds "LI NA" in the store. One seek.
  const byNameBirthday = db.prepare<[string, string], KnownMember>(
    `SELECT ${COLUMNS} FROM members m WHERE m.birthday = ? AND ${NAME_TWIN_KEY} = ? AND ${MERGEABLE} ORDER BY m.created_at LIMIT 1`,
  );
  const byId = db.prepare<[string], KnownMember>(`SELECT ${COLUMNS} FROM members m WHERE m.id = ?`);
  const receiptTaken = db
    .prepare<[string, string], number>("SELECT count(*) FROM purchases WHERE branch_id = ? AND receipt_no = ? AND kind = 'sale'")
    .pluck();
  // Read only where it matters (a sale of a valid row): it scans the member's ledger.
  const importedPoints = db
    .prepare<[string], number>("SELECT EXISTS (SELECT 1 FROM points_ledger WHERE member_id = ? AND kind = 'adjust' AND reason = 'import')")
    .pluck();
  const tierIdByName = db.prepare<[string], string>('SELECT id FROM tiers WHERE name = ? COLLATE NOCASE AND retired_at IS NULL').pluck();
  const survivor = (found: KnownMember | undefined): KnownMember | null => {
    let member = found;
    for (let i = 0; member?.merged_into && i < MAX_CHAIN; i++) member = byId.get(member.merged_into);
    return member && !member.merged_into ? member : null;
  };
  return {
    byPhone: (phone: string) => survivor(byPhone.get(phone)),
    byCard: (cardNo: string) => survivor(byCard.get(cardNo)),
    /** whoever holds a card number, merged members too (the column is unique) */
    cardHolder: (cardNo: string) => cardHolder.get(cardNo) ?? null,
    byNameBirthday: (name: string, birthday: string) => byNameBirthday.get(birthday, nameKey(name)) ?? null,
    byId: (id: string) => byId.get(id) ?? null,
    /** the member with this id, or the one they were merged into */
    current: (id: string) => survivor(byId.get(id)),
    receiptTaken: (branchId: string, receiptNo: string) => (receiptTaken.get(branchId, receiptNo) ?? 0) > 0,
    /** the member's opening points came from an import (a members file) */
    importedPoints: (id: string) => importedPoints.get(id) === 1,
    tierIdByName: (name: string) => tierIdByName.get(name) ?? null,
  };
});
