import type { TFunction } from 'i18next';
import { EXPORT_TABLES, type MergeResult } from '../../../shared/contract/hq';
import type { ChosenFile } from '../../api/uploads';
import { formatTime } from '../../components/format';

// HQ's merge page: files merged one at a time, each with its own outcome, and the sentences that
// sum an outcome up. Kept apart from the page so the order and the counting are tested alone.

export type MergeState = 'waiting' | 'merging' | 'merged' | 'already' | 'refused';

export type MergeOutcome =
  { state: 'waiting' | 'merging' } | { state: 'merged' | 'already'; result: MergeResult } | { state: 'refused'; error: unknown };

type MergeCall = (input: { fileName: string; upload: string }) => Promise<MergeResult>;

/**
 * Merges the files in order, each stored as an upload and then merged by its token, one call
 * each (HQ merges a file in one transaction and answers for that file). A file refused, or that
 * could not be stored, is reported and the next one goes ahead.
 */
export async function mergeOneByOne(
  files: readonly ChosenFile[],
  merge: MergeCall,
  report: (index: number, outcome: MergeOutcome) => void,
): Promise<void> {
  for (const [index, file] of files.entries()) {
    report(index, { state: 'merging' });
    try {
      const stored = await file.upload();
      const result = await merge({ fileName: file.name, upload: stored.token });
      report(index, { state: result.alreadyMerged ? 'already' : 'merged', result });
    } catch (error) {
      report(index, { state: 'refused', error });
    }
  }
}

/** An export's own file name (services/hq/export.ts exportFileName): branch code and export number. */
const EXPORT_NAME = /^BranchDesk-(.+)-(\d{4,})-(?:full|incr)-\d{8}\.bdx$/;

/**
 * Files in the order HQ can take them: each branch's exports by number (an incremental export is
 * refused until the one it builds on is in, and a clerk picks files in whatever order the folder
 * shows them), branches by code; files not named as exported come last, as chosen.
 */
export function inExportOrder<T extends { name: string }>(files: readonly T[]): T[] {
  const keyed = files.map((file, index) => {
    const m = EXPORT_NAME.exec(file.name);
    return { file, index, code: m ? m[1] : null, seq: m ? Number(m[2]) : 0 };
  });
  keyed.sort((a, b) => {
    if (a.code === null || b.code === null) return a.code === b.code ? a.index - b.index : a.code === null ? 1 : -1;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : a.seq - b.seq || a.index - b.index;
  });
  return keyed.map((k) => k.file);
}

/** The same file chosen twice (same name, size and time) is listed once. */
export function sameFile(
  a: Pick<ChosenFile, 'name' | 'size' | 'lastModified'>,
  b: Pick<ChosenFile, 'name' | 'size' | 'lastModified'>,
): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

export type Totals = { added: number; updated: number; unchanged: number };

export function mergeTotals(result: Pick<MergeResult, 'tables'>): Totals {
  const totals = { added: 0, updated: 0, unchanged: 0 };
  for (const table of result.tables) {
    totals.added += table.added;
    totals.updated += table.updated;
    totals.unchanged += table.unchanged;
  }
  return totals;
}

/** The tables that held rows, in the order HQ merges them (an unknown one last, by name). */
export function tablesWithRows(result: Pick<MergeResult, 'tables'>): MergeResult['tables'] {
  const rank = (name: string) => {
    const i = (EXPORT_TABLES as readonly string[]).indexOf(name);
    return i < 0 ? EXPORT_TABLES.length : i;
  };
  return result.tables
    .filter((t) => t.added + t.updated + t.unchanged > 0)
    .sort((a, b) => rank(a.table) - rank(b.table) || a.table.localeCompare(b.table));
}

/** The name a table goes by on screen. */
export function tableName(t: TFunction, table: string): string {
  return t(`hq.tables.${table}`, { defaultValue: table });
}

/** What a merged file was and what it did, one sentence a line. */
export function resultLines(t: TFunction, result: MergeResult, locale: string): string[] {
  const lines = [
    t('hq.merge.fileLine', {
      branch: result.branch.name,
      code: result.branch.code,
      seq: result.seq,
      mode: t(`hq.modes.${result.mode}`),
      createdAt: formatTime(result.createdAt, locale),
    }),
  ];
  if (result.alreadyMerged) return [...lines, t('hq.merge.alreadyMerged')];
  lines.push(t('hq.merge.totals', mergeTotals(result)));
  if (result.conflicts > 0) lines.push(t('hq.merge.conflicts', { count: result.conflicts }));
  if (result.linked > 0) lines.push(t('hq.merge.linked', { count: result.linked }));
  return lines;
}

/** How a run ended: files merged, merged before, refused. */
export function runSummary(outcomes: readonly MergeOutcome[]): { merged: number; already: number; refused: number } {
  const count = (state: MergeState) => outcomes.filter((o) => o.state === state).length;
  return { merged: count('merged'), already: count('already'), refused: count('refused') };
}
