/**
 * 可能重复的会员 (docs/members.md "Possible duplicates"): members who may be one person registered
 * twice, by the import's rule (shared/import/duplicates.ts): the same name, as `nameKey` compares
 * names, and the same birthday. Phones and card numbers are unique in the table already.
 *
 * - `members_name_twins`: the active, unmerged members with a birthday, by birthday and then by
 *   their name as `nameKey` has it, so members who may be the same person sit side by side and
 *   one pass over the index (no table, no sort) finds every group: about 0.2 s at a million
 *   members, where grouping the table took 2.6 s. The expression is `nameKey` in SQL
 *   for every name made only of the characters it is exact for (ASCII, CJK ideographs, the
 *   dots and the ideographic space nameKey drops).
 * - `members_name_unusual`: the few names with any other character (full-width letters, accents,
 *   compatibility ideographs), which only nameKey itself reads right: the service looks each
 *   one's nameKey up in `members_name_twins` (one seek: a usual name's key is its nameKey) and
 *   compares them with one another in JavaScript.
 * - `member_duplicate_dismissals`: two members a manager said are not the same person, so the
 *   pair stops showing; the smaller id first.
 *
 * Both indexes and the table are the branch's own: HQ has no such page and drops the indexes
 * (db/hq-layout.ts). db/queries/members/duplicates.ts reads the expressions from here: a query
 * uses an index on an expression, or a partial one, only when it says the same (a test reads the
 * query plans).
 */
export const NAME_TWIN_KEY = `lower(replace(replace(replace(replace(replace(replace(name, ' ', ''), '.', ''), '·', ''), '•', ''), '・', ''), '　', ''))`;

/** Names with a character outside those NAME_TWIN_KEY is exact for. */
export const UNUSUAL_NAME = `name GLOB '*[^ -~·•・　㐀-䶿一-鿿𠀀-𮯯]*'`;

/** The members who can be merged: the index holds them alone. */
export const MERGEABLE = `birthday IS NOT NULL AND merged_into IS NULL AND status = 'active'`;

export const sql = /* sql */ `
CREATE INDEX members_name_twins ON members(birthday, ${NAME_TWIN_KEY}) WHERE ${MERGEABLE};
CREATE INDEX members_name_unusual ON members(birthday, name) WHERE ${MERGEABLE} AND ${UNUSUAL_NAME};

CREATE TABLE member_duplicate_dismissals (
  member_id    TEXT NOT NULL REFERENCES members(id),
  other_id     TEXT NOT NULL REFERENCES members(id),
  dismissed_at TEXT NOT NULL,
  dismissed_by TEXT REFERENCES staff(id),
  PRIMARY KEY (member_id, other_id),
  CHECK (member_id < other_id)
) WITHOUT ROWID;
`;
