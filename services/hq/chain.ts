import { randomInt } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { DB } from '../../db/connection';
import type { StoreKey } from '../../db/cipher';
import { branchQueries, type BranchRow } from '../../db/queries/core/branch';
import { exportPassphraseQueries } from '../../db/queries/hq/export-passphrase';
import { requireSelfBranch } from '../core/branch';

/** Letters and digits a person reads aloud over the phone without confusing them (no I, O, 0, 1). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `BD-XXXX-XXXX`: HQ's chain code, given to each branch once. ~40 bits: two chains never share one. */
export function newChainCode(): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `BD-${pick()}-${pick()}`;
}

export function chainCodeOf(db: DB): string | null {
  return branchQueries(db).setting('chain_code');
}

/**
 * The chain's export passphrase as a key (docs/hq.md "Encrypted export files"): a branch encrypts
 * its export files with it, HQ opens encrypted files with it. Null: none set here.
 */
export function exportKey(db: DB): StoreKey | null {
  const passphrase = exportPassphraseQueries(db).get();
  return passphrase === null ? null : { passphrase };
}

/** The branch this database is, refusing an HQ database (or the reverse, with `kind: 'hq'`). */
export function requireKind(db: DB, kind: 'branch' | 'hq'): BranchRow {
  const self = requireSelfBranch(db);
  if (self.kind !== kind) {
    throw new AppError('WRONG_MODE', kind === 'hq' ? 'Only an HQ database merges export files' : 'Only a branch database exports', {
      needed: kind,
      kind: self.kind,
    });
  }
  return self;
}
