import { useEffect, useRef } from 'react';
import { Box, useTheme } from '@mui/material';
import type { Chart, ChartConfiguration } from 'chart.js';
import { levelAxisTitles } from './axisTitles';
import { CHART_CLASS } from './print';

/** A plain chart.js configuration: `{ type, data, options }`. Memoise it: a new object redraws the chart. */
export type ReportChartConfig = ChartConfiguration;

type ChartModule = typeof import('chart.js/auto');
let chartModule: Promise<ChartModule> | null = null;

/** chart.js is fetched with the first report, not with the counter's start-up bundle. */
function loadChartJs(fontFamily: string): Promise<ChartModule> {
  chartModule ??= import('chart.js/auto').then((mod) => {
    mod.Chart.defaults.font.family = fontFamily;
    return mod;
  });
  return chartModule;
}

/**
 * The chart fills its box and redraws at print resolution: the canvas is scaled down to the A4
 * width when printed, so at least twice the screen's pixels keep lines and labels sharp on paper.
 */
function withFrameDefaults(config: ReportChartConfig): ReportChartConfig {
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
    ...config.options,
  };
  return { ...config, options } as ReportChartConfig;
}

export interface ReportChartProps {
  config: ReportChartConfig;
  /** Height on screen in px; in print the chart keeps its proportions at the page's width. */
  height?: number;
  /** What a screen reader says instead of the picture; the table is the accessible version. */
  label: string;
}

export function ReportChart({ config, height = 280, label }: ReportChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useTheme();
  const fontFamily = theme.typography.fontFamily ?? 'sans-serif';
  const titleColor = theme.palette.text.secondary;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let chart: Chart | null = null;
    let disposed = false;
    void loadChartJs(fontFamily).then(({ Chart }) => {
      if (!disposed) chart = new Chart(canvas, withFrameDefaults(levelAxisTitles(config, { fontFamily, color: titleColor })));
    });
    // chart.js holds listeners and a resize observer on the canvas: destroy it on every redraw and unmount.
    return () => {
      disposed = true;
      chart?.destroy();
    };
  }, [config, fontFamily, titleColor]);

  return (
    <Box className={CHART_CLASS} sx={{ position: 'relative', height, mb: 2 }}>
      <canvas ref={canvasRef} role="img" aria-label={label} />
    </Box>
  );
}
