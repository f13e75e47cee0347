import type { TFunction } from 'i18next';
import type { RfmScores } from '../../../shared/contract/reports';
import { formatYuan } from '../../../shared/money';

// Why a member has the R, F and M scores they have, from the branch's edges and mean scores
// (docs/reports.md, "Scores 1–5 by quintile"): the same arithmetic as the service, read backwards.

export type RfmLetter = 'r' | 'f' | 'm';

export interface Edges {
  recencyDays: number[];
  frequency: number[];
  monetaryFen: number[];
}

export interface Means {
  r: number;
  f: number;
  m: number;
}

const EDGE_KEY = { r: 'recencyDays', f: 'frequency', m: 'monetaryFen' } as const satisfies Record<RfmLetter, keyof Edges>;

/** The quintile edges a value sits between: the percentile and value of the one below and above it. */
export type Band =
  | { kind: 'atMost'; p: number; edge: number }
  | { kind: 'above'; p: number; edge: number }
  | { kind: 'between'; p1: number; e1: number; p2: number; e2: number };

/**
 * F and M score 1 + the edges the value is above; R scores 5 minus the edges its days are above
 * (fewer days is better). So the score says how many edges lie below the value, and which two
 * edges bound it: edge k (1-based) is the k×20th percentile.
 */
export function bandOf(letter: RfmLetter, score: number, edges: readonly number[]): Band | null {
  if (edges.length !== 4 || score < 1 || score > 5) return null;
  const below = letter === 'r' ? 5 - score : score - 1;
  if (below === 0) return { kind: 'atMost', p: 20, edge: edges[0] };
  if (below === 4) return { kind: 'above', p: 80, edge: edges[3] };
  return { kind: 'between', p1: below * 20, e1: edges[below - 1], p2: (below + 1) * 20, e2: edges[below] };
}

export function edgesOf(letter: RfmLetter, edges: Edges): number[] {
  return edges[EDGE_KEY[letter]];
}

/** A value in its own unit: days, sales, or money. */
export function rfmValueText(t: TFunction, letter: RfmLetter, value: number): string {
  if (letter === 'm') return formatYuan(Math.round(value));
  return t(letter === 'r' ? 'reports.rfm.reason.days' : 'reports.rfm.reason.times', { count: value });
}

/** "21 / 43 / 78 / 148 天" for the page's edge lines. */
export function edgesText(t: TFunction, letter: RfmLetter, edges: Edges): string {
  const values = edgesOf(letter, edges);
  if (values.length === 0) return t('reports.rfm.noEdges');
  return values.map((v) => rfmValueText(t, letter, v)).join(' / ');
}

export const meanText = (mean: number) => mean.toFixed(2);

function bandText(t: TFunction, letter: RfmLetter, band: Band): string {
  const v = (n: number) => rfmValueText(t, letter, n);
  switch (band.kind) {
    case 'atMost':
      return t('reports.rfm.reason.atMost', { p: band.p, edge: v(band.edge) });
    case 'above':
      return t('reports.rfm.reason.above', { p: band.p, edge: v(band.edge) });
    case 'between':
      return t('reports.rfm.reason.between', { p1: band.p1, e1: v(band.e1), p2: band.p2, e2: v(band.e2) });
  }
}

/** One sentence per letter: the value, the edges around it, the score, and high or low against the mean. */
export function reasonLines(
  t: TFunction,
  scores: RfmScores,
  edges: Edges,
  means: Means,
): { letter: RfmLetter; text: string; high: boolean }[] {
  const values = { r: scores.recencyDays, f: scores.frequency, m: scores.monetaryFen };
  return (['r', 'f', 'm'] as const).map((letter) => {
    const score = scores[letter];
    const band = bandOf(letter, score, edgesOf(letter, edges));
    const high = score > means[letter];
    const value =
      letter === 'r'
        ? values.r === 0
          ? t('reports.rfm.reason.sameDay')
          : t('reports.rfm.reason.daysAgo', { count: values.r })
        : rfmValueText(t, letter, values[letter]);
    const text = t(`reports.rfm.reason.${letter}`, {
      score,
      value,
      band: band ? bandText(t, letter, band) : '',
      mean: t(high ? 'reports.rfm.reason.high' : 'reports.rfm.reason.low', { mean: meanText(means[letter]) }),
    });
    return { letter, text, high };
  });
}

/** 高 / 低 for each of R, F and M of a segment, from its name (important = M high; value = R and F high …). */
export function segmentLevels(segment: string): { r: boolean; f: boolean; m: boolean } {
  const [weight, kind] = segment.split('_');
  return { m: weight === 'important', r: kind === 'value' || kind === 'develop', f: kind === 'value' || kind === 'keep' };
}
