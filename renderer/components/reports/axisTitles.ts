import type { Chart, ChartConfiguration, Plugin } from 'chart.js';

// chart.js draws a vertical axis's title turned 90°: Chinese on its side (金额（元） read
// downwards) is hard to read, and a manager tilts their head to find the unit. Every report chart
// passes through here: a vertical axis's title is drawn level instead, small, above the top of
// its axis (left-aligned over a left axis, right-aligned over a right one). A horizontal axis's
// title is already level and stays as chart.js draws it.

/** A title moved off its vertical axis, to draw level above it. */
export interface LevelTitle {
  scaleId: string;
  text: string;
  side: 'left' | 'right';
}

export interface LevelTitleStyle {
  fontFamily: string;
  color: string;
  /** px */
  fontSize?: number;
}

/** What this file reads of a scale's options (the rest passes through untouched). */
interface ScaleLike {
  axis?: unknown;
  position?: unknown;
  title?: { display?: boolean; text?: string | string[] };
}

/** px between a title's baseline and the chart area, clear of the top tick's label */
const GAP = 8;

/** Which way a scale runs, as chart.js decides it: its `axis`, else its position, else its id's first letter. */
function isVertical(id: string, scale: ScaleLike): boolean {
  if (scale.axis === 'x' || scale.axis === 'y') return scale.axis === 'y';
  if (scale.position === 'left' || scale.position === 'right') return true;
  if (scale.position === 'top' || scale.position === 'bottom') return false;
  return id.startsWith('y');
}

/** The vertical axes' shown titles, and where each goes. */
export function levelTitlesOf(config: ChartConfiguration): LevelTitle[] {
  const scales = (config.options?.scales ?? {}) as unknown as Record<string, ScaleLike>;
  return Object.entries(scales).flatMap(([scaleId, scale]) => {
    const title = scale.title;
    if (!title?.display || !isVertical(scaleId, scale)) return [];
    const text = Array.isArray(title.text) ? title.text.join(' ') : (title.text ?? '');
    if (!text) return [];
    return [{ scaleId, text, side: scale.position === 'right' ? ('right' as const) : ('left' as const) }];
  });
}

/** Draws each title level, above the chart area, over its axis. */
export function levelTitlesPlugin(titles: readonly LevelTitle[], style: LevelTitleStyle): Plugin {
  const size = style.fontSize ?? 12;
  return {
    id: 'bdLevelAxisTitles',
    afterDraw(chart: Chart) {
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = `${size}px ${style.fontFamily}`;
      ctx.fillStyle = style.color;
      ctx.textBaseline = 'bottom';
      for (const title of titles) {
        const scale = chart.scales[title.scaleId];
        if (!scale) continue;
        ctx.textAlign = title.side;
        ctx.fillText(title.text, title.side === 'left' ? scale.left : scale.right, chartArea.top - GAP);
      }
      ctx.restore();
    },
  };
}

/** The top padding with room for one line of title above the chart area. */
function paddedTop(padding: unknown, room: number): unknown {
  if (padding === undefined) return { top: room };
  if (typeof padding === 'number') return { top: padding + room, right: padding, bottom: padding, left: padding };
  if (typeof padding === 'object' && padding !== null) {
    const top = (padding as { top?: unknown }).top;
    return { ...padding, top: (typeof top === 'number' ? top : 0) + room };
  }
  return padding; // scriptable: left as its author wrote it
}

/**
 * The chart with no title turned on its side: each vertical axis's title hidden and drawn level
 * above it by a plugin, the layout given a line of room for it. Unchanged when it has none.
 */
export function levelAxisTitles(config: ChartConfiguration, style: LevelTitleStyle): ChartConfiguration {
  const titles = levelTitlesOf(config);
  if (titles.length === 0) return config;
  const moved = new Set(titles.map((t) => t.scaleId));
  const scales = Object.fromEntries(
    Object.entries((config.options?.scales ?? {}) as unknown as Record<string, ScaleLike>).map(([id, scale]) => [
      id,
      moved.has(id) ? { ...scale, title: { ...scale.title, display: false } } : scale,
    ]),
  );
  const layout = config.options?.layout ?? {};
  const room = (style.fontSize ?? 12) + GAP + 6;
  const options = { ...config.options, scales, layout: { ...layout, padding: paddedTop(layout.padding, room) } };
  return { ...config, options, plugins: [...(config.plugins ?? []), levelTitlesPlugin(titles, style)] } as ChartConfiguration;
}
