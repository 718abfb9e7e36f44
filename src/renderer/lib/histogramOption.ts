import type { Histogram } from '../../core/query/timeline';
import { escapeHtml, formatAxisTime, formatCount, formatTime, zoneLabel, type Zone } from './format';
import { SERIES_LABELS, seriesColor } from './palette';

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  panel: string;
  border: string;
  accent: string;
}

/** The theme's colors, read from the CSS variables so that the chart follows dark and light. */
export function readChartTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const v = (name: string): string => style.getPropertyValue(name).trim();
  return { text: v('--text'), muted: v('--muted'), grid: v('--border'), panel: v('--panel-2'), border: v('--border'), accent: v('--accent') };
}

const BUCKET_NAMES: [number, string][] = [
  [86_400_000, 'day'], [3_600_000, 'h'], [60_000, 'min'], [1_000, 's'],
];

/** "10 min", "1 h", "1 day". */
export function bucketLabel(ms: number): string {
  for (const [unit, name] of BUCKET_NAMES) {
    if (ms >= unit && ms % unit === 0) return `${ms / unit} ${name}${name === 'day' && ms / unit > 1 ? 's' : ''}`;
  }
  return `${ms} ms`;
}

/** Totals per series, in stack order: the numbers behind the chart. */
export function seriesTotals(h: Histogram): { key: string; total: number }[] {
  return h.series.map((s) => ({ key: s.key, total: s.counts.reduce((a, b) => a + b, 0) }));
}

interface TooltipItem {
  dataIndex: number;
  seriesName: string;
  value: unknown;
  color: unknown;
}

/**
 * The tooltip as HTML (ECharts sets it as innerHTML): every piece of text is escaped. Its text is
 * ours (times, class names), but nothing here trusts that to stay true.
 */
function tooltipHtml(h: Histogram, zone: Zone, items: TooltipItem[]): string {
  if (items.length === 0) return '';
  const start = h.start + items[0].dataIndex * h.bucketMs;
  const head = `${escapeHtml(formatTime(start, zone))} + ${escapeHtml(bucketLabel(h.bucketMs))} ${escapeHtml(zoneLabel(zone))}`;
  let total = 0;
  const lines = items
    .filter((item) => Number(item.value) > 0)
    .map((item) => {
      total += Number(item.value);
      const color = escapeHtml(String(item.color));
      const label = escapeHtml(SERIES_LABELS[item.seriesName] ?? item.seriesName);
      return `<div><span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}"></span>${label}: <b>${escapeHtml(formatCount(Number(item.value)))}</b></div>`;
    });
  return `<div style="font-weight:600;margin-bottom:2px">${head}</div>${lines.join('')}<div>Total: <b>${escapeHtml(formatCount(total))}</b></div>`;
}

/** The ECharts option for a stacked bar histogram, with a horizontal brush for zooming. */
export function histogramOption(h: Histogram, zone: Zone, theme: ChartTheme, animate: boolean): Record<string, unknown> {
  const categories = Array.from({ length: h.buckets }, (_, i) => String(h.start + i * h.bucketMs));
  return {
    animation: animate,
    animationDuration: 150,
    animationDurationUpdate: 150,
    grid: { left: 44, right: 12, top: 10, bottom: 22 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      backgroundColor: theme.panel,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12 },
      formatter: (items: TooltipItem[]) => tooltipHtml(h, zone, items),
    },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { color: theme.muted, fontSize: 11, hideOverlap: true, formatter: (value: string) => formatAxisTime(Number(value), h.bucketMs, zone) },
      axisLine: { lineStyle: { color: theme.grid } },
      axisTick: { alignWithLabel: true, lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: theme.muted, fontSize: 11 },
      splitLine: { lineStyle: { color: theme.grid, opacity: 0.6 } },
    },
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      brushStyle: { color: 'rgba(94, 162, 255, 0.18)', borderColor: theme.accent, borderWidth: 1 },
      outOfBrush: { colorAlpha: 0.3 },
    },
    series: h.series.map((s) => ({
      type: 'bar',
      name: s.key,
      stack: 'events',
      data: s.counts,
      barCategoryGap: '12%',
      itemStyle: { color: seriesColor(s.key) },
      emphasis: { disabled: true },
    })),
  };
}
