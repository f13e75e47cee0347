/**
 * Browsing members (会员 page) and two more kinds of counter search, at a million members.
 *
 * - `member_keys`: what a name's middle and a card's last digits are found by, one index range
 *   each. A name gives the rest of it from each character after the first (陈晓燕 → 晓燕), at
 *   most NAME_KEY_CHARS long, ASCII lowercased, two characters or more: typing 晓燕 is a prefix
 *   of one of them. The prefix from the first character is members_name's already. A card gives
 *   its characters reversed (SH0100000123 → 3210000010HS), so its last digits are a prefix too.
 *   Suffixes rather than character pairs: any length of text is one range scan, in key order,
 *   with no intersection of pairs and no second check.
 * - `members.last_sale_at`: when the member last bought, for the list's 最近消费 filter and
 *   sort (from ten million sales it could not be worked out per page).
 * - indexes for the list's filters and sorts (docs/members.md "Browsing members").
 *
 * Triggers keep both right on every path that writes members or sales: the counter, an edit, a
 * member merge (its sales move to the member who stays), demo data, the bench's seed, and any
 * import to come, without each one having to remember. HQ drops them (db/hq-layout.ts): its
 * member rows arrive with the branch's `last_sale_at`, and it has no counter to search.
 *
 * The backfill is set-based: one pass over the sales' member index, one insert in key order
 * (at a million members about 10 s for the keys on the build VM, docs/members.md).
 */
export const NAME_KEY_CHARS = 12;
/** Card numbers are reversed up to this many characters: a tail longer than that is a whole card. */
export const CARD_KEY_CHARS = 24;

/** Positions 2 to 40 (members.name is at most 40 characters). SQLite refuses WITH inside a trigger. */
const POSITIONS = JSON.stringify(Array.from({ length: 39 }, (_, i) => i + 2));

/** The name keys of `name` for the member `id`, as rows (kind, key, member_id). */
const nameKeys = (name: string, id: string) =>
  `SELECT DISTINCT 'name', substr(lower(${name}), p.value, ${NAME_KEY_CHARS}), ${id} FROM json_each('${POSITIONS}') p
    WHERE p.value < length(${name}) AND substr(${name}, p.value, 1) <> ' '`;

/** `card` reversed; SQLite has no reverse(), and a character past the start is ''. */
const reversed = (card: string) => Array.from({ length: CARD_KEY_CHARS }, (_, i) => `substr(${card}, ${-(i + 1)}, 1)`).join(' || ');

export const keysTable = /* sql */ `
-- No foreign key: the rows are the triggers' own, made from the member row itself, and
-- checking each key's member again took half of the backfill (10 of 20 s at a million members).
CREATE TABLE member_keys (
  kind      TEXT NOT NULL CHECK (kind IN ('name', 'card')),
  key       TEXT NOT NULL,
  member_id TEXT NOT NULL,
  PRIMARY KEY (kind, key, member_id)
) WITHOUT ROWID;
`;

export const schema = /* sql */ `${keysTable}
ALTER TABLE members ADD COLUMN last_sale_at TEXT;
`;

// The same keys as the triggers make, but each name's positions counted up to its own length
// (the triggers' fixed list of 39 would be 39 million rows to look at for a million members).
export const backfill = /* sql */ `
WITH RECURSIVE rest(id, name, p) AS (
  SELECT id, name, 2 FROM members WHERE length(name) > 2
  UNION ALL SELECT id, name, p + 1 FROM rest WHERE p + 1 < length(name)
)
INSERT INTO member_keys (kind, key, member_id)
  SELECT DISTINCT 'name', substr(lower(name), p, ${NAME_KEY_CHARS}), id FROM rest WHERE substr(name, p, 1) <> ' '
  UNION ALL SELECT 'card', ${reversed('card_no')}, id FROM members
  ORDER BY 1, 2, 3;
UPDATE members SET last_sale_at = s.at
  FROM (SELECT member_id, MAX(occurred_at) AS at FROM purchases p WHERE kind = 'sale'
           AND NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = p.id AND v.kind = 'void') GROUP BY member_id) s
 WHERE members.id = s.member_id;
`;

export const indexes = /* sql */ `
-- Never bought sorts as '' (first going up, last going down), so paging needs no NULL case.
CREATE INDEX members_last_sale ON members(ifnull(last_sale_at, ''));
CREATE INDEX members_tier ON members(tier_id) WHERE tier_id IS NOT NULL;
CREATE INDEX members_created ON members(created_at);
CREATE INDEX members_consent ON members(consent_marketing);
CREATE INDEX members_inactive ON members(status) WHERE status = 'inactive';
`;

export const triggers = /* sql */ `
CREATE TRIGGER member_keys_insert AFTER INSERT ON members BEGIN
  INSERT OR IGNORE INTO member_keys (kind, key, member_id) ${nameKeys('NEW.name', 'NEW.id')};
  INSERT OR IGNORE INTO member_keys (kind, key, member_id) VALUES ('card', ${reversed('NEW.card_no')}, NEW.id);
END;
CREATE TRIGGER member_keys_change AFTER UPDATE OF name, card_no ON members
  WHEN OLD.name IS NOT NEW.name OR OLD.card_no IS NOT NEW.card_no BEGIN
  DELETE FROM member_keys WHERE kind = 'name' AND member_id = OLD.id
     AND key IN (SELECT substr(lower(OLD.name), p.value, ${NAME_KEY_CHARS}) FROM json_each('${POSITIONS}') p WHERE p.value < length(OLD.name));
  DELETE FROM member_keys WHERE kind = 'card' AND key = ${reversed('OLD.card_no')} AND member_id = OLD.id;
  INSERT OR IGNORE INTO member_keys (kind, key, member_id) ${nameKeys('NEW.name', 'NEW.id')};
  INSERT OR IGNORE INTO member_keys (kind, key, member_id) VALUES ('card', ${reversed('NEW.card_no')}, NEW.id);
END;
CREATE TRIGGER members_last_sale_insert AFTER INSERT ON purchases WHEN NEW.kind = 'sale' BEGIN
  UPDATE members SET last_sale_at = NEW.occurred_at
   WHERE id = NEW.member_id AND (last_sale_at IS NULL OR last_sale_at < NEW.occurred_at);
END;
CREATE TRIGGER members_last_sale_move AFTER UPDATE OF member_id ON purchases
  WHEN NEW.kind = 'sale' AND OLD.member_id IS NOT NEW.member_id
   AND NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = NEW.id AND v.kind = 'void') BEGIN
  UPDATE members SET last_sale_at = NEW.occurred_at
   WHERE id = NEW.member_id AND (last_sale_at IS NULL OR last_sale_at < NEW.occurred_at);
END;
-- A voided sale never happened (docs/reports.md): the member's last sale is the one before it.
CREATE TRIGGER members_last_sale_void AFTER INSERT ON purchases WHEN NEW.kind = 'void' BEGIN
  UPDATE members SET last_sale_at = (
    SELECT MAX(s.occurred_at) FROM purchases s
     WHERE s.member_id = NEW.member_id AND s.kind = 'sale'
       AND NOT EXISTS (SELECT 1 FROM purchases v WHERE v.original_id = s.id AND v.kind = 'void'))
   WHERE id = NEW.member_id;
END;
`;

export const sql = schema + backfill + indexes + triggers;

/** The triggers this migration makes, which an HQ database drops (db/hq-layout.ts). */
export const TRIGGERS = [
  'member_keys_insert',
  'member_keys_change',
  'members_last_sale_insert',
  'members_last_sale_move',
  'members_last_sale_void',
] as const;
