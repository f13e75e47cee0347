import type { DB } from '../../db/connection';
import { hqErasureQueries } from '../../db/queries/hq/erasure';

// An erasure reaching HQ (docs/hq.md "Erased members"). The tombstone is the member's own row:
// the branch anonymised it and set erased_at, and its next export sends it like any changed
// member, so a newer file replaces HQ's copy with it. What the row does not cover is cleared
// here: the tags, the notes of the card's sales and ledger, its complaints' and callbacks' text
// and the conflicts its values made. A file of that branch merged later, older than the
// tombstone (or the older one merged again), only adds rows HQ lacks and cannot replace the
// erased row; the rows it adds for the card are cleared the same way before the merge commits.

/** Clears, inside the merge, what the attached file brings of the branch's erased cards; answers how many cards. */
export function eraseTombstonedCards(db: DB, branchId: string): number {
  const q = hqErasureQueries(db);
  const cards = q.erasedInFile(branchId);
  for (const id of cards) q.clearCard(id);
  return cards.length;
}
