/**
 * Demo data known for sure (docs/jobs.md `demo.remove`, README "First run").
 *
 * - `demo_members`: the members the first run's demo load made, one row each, written in the
 *   same transaction as the member. 删除演示数据 removes these members and everything recorded on
 *   them, and nothing else: without a mark a demo member looks like any registered one.
 * - A store that loaded demo data before this migration is given the mark by what can still be
 *   known: setup.init made the branch, then its admin, then the demo members, then the
 *   `demo.load` audit row, all in one transaction, with time-ordered ids (UUIDv7), so the demo
 *   members are exactly the members whose ids lie between the branch's and that audit row's and
 *   who were made by the admin that row names. A member registered, imported or merged in later
 *   has a later id. (Their creation times cannot tell: a demo member is dated up to three years
 *   back. Their row numbers cannot either: a VACUUM may renumber them.)
 */
export const sql = /* sql */ `
CREATE TABLE demo_members (
  member_id TEXT NOT NULL PRIMARY KEY REFERENCES members(id)
) WITHOUT ROWID;

INSERT INTO demo_members (member_id)
SELECT m.id
  FROM audit_log a
  JOIN members m ON m.id < a.id AND m.created_by IS a.staff_id
 WHERE a.action = 'demo.load'
   AND m.id > (SELECT value FROM settings WHERE key = 'self_branch_id');
`;
