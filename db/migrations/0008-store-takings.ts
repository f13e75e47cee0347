/**
 * The store's takings (门店营业额) per local date, typed in at day close from the till.
 * BranchDesk records members' sales only, so this is what their share of all sales is measured
 * against. One figure per branch and local date `YYYY-MM-DD` (branch time zone): (branch_id, date)
 * is unique across every branch, so HQ can merge the rows without renumbering, last writer wins by
 * updated_at. Overwrites keep their before/after in the audit log.
 */
export const sql = /* sql */ `
CREATE TABLE store_takings (
  branch_id  TEXT NOT NULL REFERENCES branches(id),
  date       TEXT NOT NULL,
  total_fen  INTEGER NOT NULL CHECK (total_fen >= 0),
  note       TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES staff(id),
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES staff(id),
  PRIMARY KEY (branch_id, date)
) WITHOUT ROWID;
`;
