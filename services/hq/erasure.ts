import type { DB } from '../../db/connection';
import { hqErasureQueries } from '../../db/queries/hq/erasure';
import { redactJson } from '../members/erase-rows';

// An erasure reaching HQ (docs/hq.md "Erased members"). The tombstone is the member's own row:
// the branch anonymised it and set erased_at, and its next export sends it like any changed
// member, so a newer file replaces HQ's copy with it. What the row does not cover is cleared
// here: the tags, the notes of the card's sales and ledger, its complaints' and callbacks' text
// and the conflicts its values made. A file of that branch merged later, older than the
// tombstone (or the older one merged again), only adds rows HQ lacks and cannot replace the
// erased row; the rows it adds for the card are cleared the same way before the merge commits.
//
// The card's consent rows (branch_member_consents) stay, as they stay at the branch: a kind, given
// or withdrawn, a time, a notice version, a channel and a staff id, nothing of the person. They
// name the card by id only, and the erased card answers to no phone or name, so they join nobody.

/** Clears, inside the merge, what the attached file brings of the branch's erased cards; answers how many cards. */
export function eraseTombstonedCards(db: DB, branchId: string): number {
  const q = hqErasureQueries(db);
  const cards = q.erasedInFile(branchId);
  for (const id of cards) {
    q.clearCard(id);
    redactTravelledAudit(db, branchId, id);
  }
  return cards.length;
}

/**
 * The branch's audit rows about an erased card that reached HQ before the erasure (or arrive in
 * an older file after it), redacted as the branch redacted its own: every personal field's value,
 * by name. HQ no longer knows the person's values to look for them elsewhere in the text: the
 * erased row replaced them. Answers how many rows changed.
 */
function redactTravelledAudit(db: DB, branchId: string, memberId: string): number {
  const q = hqErasureQueries(db);
  let changed = 0;
  for (const row of q.travelledAudit(branchId, memberId)) {
    const [before, after] = [redactJson(row.before_json, [], true), redactJson(row.after_json, [], true)];
    if (before === row.before_json && after === row.after_json) continue;
    q.redactTravelled(branchId, row.id, before, after);
    changed += 1;
  }
  return changed;
}
