/**
 * The sale categories a manager keeps (品类列表). The counter offers a sale's category from this
 * list, so one category is not recorded under two names (服装 and 衣服) that the by-category
 * report then shows apart. A sale still keeps its category as text: free text stays possible, and
 * removing a name from the list changes no sale. Names are unique ignoring letter case.
 *
 * A store that already sold gets its own list: the categories its sales use, most used first (at
 * most the list's 200). The list is the branch's own and does not travel to HQ.
 */
export const sql = /* sql */ `
CREATE TABLE sale_categories (
  name       TEXT PRIMARY KEY COLLATE NOCASE,
  position   INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES staff(id)
) WITHOUT ROWID;

-- OR IGNORE: two spellings that differ only in case keep the more used one (rows go in that order).
INSERT OR IGNORE INTO sale_categories (name, position, created_at)
SELECT TRIM(category), ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, TRIM(category)), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM purchases
 WHERE kind = 'sale' AND TRIM(COALESCE(category, '')) <> ''
   AND branch_id = (SELECT value FROM settings WHERE key = 'self_branch_id')
 GROUP BY TRIM(category)
 ORDER BY COUNT(*) DESC, TRIM(category)
 LIMIT 200;
`;
