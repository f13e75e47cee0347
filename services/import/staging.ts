import type { ImportCounts, ImportNotices } from '../../shared/contract/import';
import type { CleanRule } from '../../shared/import/cleaning';
import type { RowProblem, RowStep } from '../../shared/import/rows';
import type { StagedRow } from '../../db/queries/import/imports';

// What a preview adds up while it stages rows, and how a staged row is written. The row kinds'
// previews (member-preview.ts, sale-preview.ts) decide each row; this file keeps the tallies.

export interface DuplicateNote {
  bases: string[];
  certain: boolean;
  other: { kind: 'member'; memberId: string } | { kind: 'row'; row: number };
  choice: 'update' | 'skip' | 'create';
  choices: Array<'update' | 'skip' | 'create'>;
}

export interface Tally {
  counts: ImportCounts;
  notices: ImportNotices;
  cleaning: Map<CleanRule, { count: number; example: { before: string; after: string } }>;
  unknownTiers: Set<string>;
}

export function newTally(): Tally {
  return {
    counts: { rows: 0, valid: 0, invalid: 0, create: 0, update: 0, skip: 0, duplicatePairs: 0, possibleDuplicates: 0 },
    notices: {
      storedValueRows: 0,
      storedValueFen: 0,
      pointsRows: 0,
      points: 0,
      unknownTiers: [],
      salesOfImportedBalances: 0,
      alreadyImported: 0,
      repeatedReceipts: 0,
      firstSale: null,
      lastSale: null,
      salesFen: 0,
    },
    cleaning: new Map(),
    unknownTiers: new Set(),
  };
}

export function countSteps(tally: Tally, steps: readonly RowStep[]): void {
  for (const step of steps) {
    const seen = tally.cleaning.get(step.rule);
    if (seen) seen.count += 1;
    else tally.cleaning.set(step.rule, { count: 1, example: { before: step.before, after: step.after } });
  }
}

/** A staged row of `importId`: what the import does with it, and everything the preview's pages show of it. */
export function stagedRow(
  importId: string,
  row: number,
  cells: readonly string[],
  decided: {
    action: StagedRow['action'];
    values?: unknown;
    memberId?: string | null;
    problems?: readonly RowProblem[];
    steps?: readonly RowStep[];
    duplicate?: DuplicateNote | null;
    saleKey?: string | null;
  },
): StagedRow {
  return {
    import_id: importId,
    row,
    action: decided.action,
    member_id: decided.memberId ?? null,
    values_json: decided.values === undefined ? null : JSON.stringify(decided.values),
    cells_json: JSON.stringify(cells),
    problems_json: decided.problems && decided.problems.length > 0 ? JSON.stringify(decided.problems) : null,
    steps_json: decided.steps && decided.steps.length > 0 ? JSON.stringify(decided.steps) : null,
    duplicate_json: decided.duplicate ? JSON.stringify(decided.duplicate) : null,
    sale_key: decided.saleKey ?? null,
    written_id: null,
    before_json: null,
  };
}

/** Counts a decided row into the tallies. */
export function countRow(tally: Tally, row: StagedRow): void {
  tally.counts.rows += 1;
  if (row.action === 'invalid') tally.counts.invalid += 1;
  else {
    tally.counts.valid += 1;
    tally.counts[row.action] += 1;
  }
  if (row.duplicate_json) {
    tally.counts.duplicatePairs += 1;
    if (!(JSON.parse(row.duplicate_json) as DuplicateNote).certain) tally.counts.possibleDuplicates += 1;
  }
}

export function finishedTally(tally: Tally) {
  return {
    counts: tally.counts,
    notices: { ...tally.notices, unknownTiers: [...tally.unknownTiers].slice(0, 20) },
    cleaning: [...tally.cleaning.entries()].map(([rule, seen]) => ({ rule, ...seen })).sort((a, b) => b.count - a.count),
  };
}
