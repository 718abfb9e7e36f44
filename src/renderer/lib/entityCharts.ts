import type { ClusterSeries } from '../../core/query/clusterSeries';
import { escapeHtml, formatAxisTime, formatCount, formatTime, zoneLabel, type Zone } from './format';
import type { ChartTheme } from './histogramOption';

/**
 * ECharts options of the entity views. ECharts sets tooltips as HTML: every piece of text in them
 * is escaped, because the names (users, verbs, resources, clusters) come from the logs.
 */

const CLUSTER_COLORS = ['#4f8ff7', '#f0a43a', '#22b8a8', '#d946ef', '#3fb950', '#e5484d', '#8d86c9', '#8b949e'];

const tooltipBase = (theme: ChartTheme): Record<string, unknown> => ({
  confine: true,
  backgroundColor: theme.panel,
  borderColor: theme.border,
  textStyle: { color: theme.text, fontSize: 12 },
});

/** Horizontal bars, the largest on top: verbs or resources of a user. */
export function barListOption(rows: { label: string; value: number }[], color: string, theme: ChartTheme, animate: boolean): Record<string, unknown> {
  const ordered = [...rows].reverse();
  return {
    animation: animate,
    animationDuration: 150,
    grid: { left: 8, right: 48, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'item',
      formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}: <b>${escapeHtml(formatCount(p.value))}</b>`,
    },
    xAxis: { type: 'value', show: false },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { color: theme.muted, fontSize: 11, width: 120, overflow: 'truncate' },
      axisLine: { show: false },
      axisTick: { show: false },
    },
    series: [{
      type: 'bar',
      data: ordered.map((r) => r.value),
      itemStyle: { color },
      barMaxWidth: 14,
      label: { show: true, position: 'right', color: theme.muted, fontSize: 11, formatter: (p: { value: number }) => formatCount(p.value) },
    }],
  };
}

const DAY_MS = 86_400_000;

/** Hour of day (x) by day (y): when the identity is active, and when it is not usually. */
export function heatmapOption(cells: { day: number; hour: number; events: number }[], theme: ChartTheme, animate: boolean): Record<string, unknown> {
  const days = [...new Set(cells.map((c) => c.day))].sort((a, b) => a - b);
  const first = days[0] ?? 0;
  const allDays = days.length ? Array.from({ length: days[days.length - 1] - first + 1 }, (_, i) => first + i) : [];
  const dayLabel = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
  const max = Math.max(1, ...cells.map((c) => c.events));
  return {
    animation: animate,
    grid: { left: 80, right: 12, top: 6, bottom: 46 },
    tooltip: {
      ...tooltipBase(theme),
      formatter: (p: { value: [number, number, number] }) =>
        `${escapeHtml(dayLabel(allDays[p.value[1]]))} ${String(p.value[0]).padStart(2, '0')}:00–${String(p.value[0] + 1).padStart(2, '0')}:00: <b>${escapeHtml(formatCount(p.value[2]))}</b> events`,
    },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')), axisLabel: { color: theme.muted, fontSize: 10 } },
    yAxis: { type: 'category', data: allDays.map(dayLabel), axisLabel: { color: theme.muted, fontSize: 10 } },
    visualMap: {
      min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80, itemWidth: 10,
      textStyle: { color: theme.muted, fontSize: 10 }, inRange: { color: ['#1b2a44', '#4f8ff7', '#f0a43a'] },
    },
    series: [{ type: 'heatmap', data: cells.map((c) => [c.hour, c.day - first, c.events]), emphasis: { itemStyle: { borderColor: theme.text, borderWidth: 1 } } }],
  };
}

/** Events per cluster over time, one line each, on shared buckets. */
export function clusterSeriesOption(s: ClusterSeries, zone: Zone, theme: ChartTheme, animate: boolean): Record<string, unknown> {
  const categories = Array.from({ length: s.buckets }, (_, i) => String(s.start + i * s.bucketMs));
  const name = (c: string | null): string => c ?? '(no cluster)';
  return {
    animation: animate,
    animationDuration: 150,
    color: CLUSTER_COLORS,
    grid: { left: 48, right: 12, top: 28, bottom: 22 },
    legend: { top: 0, textStyle: { color: theme.text, fontSize: 11 }, data: s.series.map((x) => name(x.cluster)) },
    tooltip: {
      ...tooltipBase(theme),
      trigger: 'axis',
      formatter: (items: { dataIndex: number; seriesName: string; value: number; color: string }[]) => {
        if (!items.length) return '';
        const head = `${escapeHtml(formatTime(s.start + items[0].dataIndex * s.bucketMs, zone))} ${escapeHtml(zoneLabel(zone))}`;
        return `<div style="font-weight:600">${head}</div>` + items.map((i) => `<div>${escapeHtml(i.seriesName)}: <b>${escapeHtml(formatCount(Number(i.value)))}</b></div>`).join('');
      },
    },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { color: theme.muted, fontSize: 11, hideOverlap: true, formatter: (v: string) => formatAxisTime(Number(v), s.bucketMs, zone) },
      axisLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.muted, fontSize: 11 }, splitLine: { lineStyle: { color: theme.grid, opacity: 0.6 } } },
    series: s.series.map((x) => ({ type: 'line', name: name(x.cluster), data: x.counts, showSymbol: false, step: 'middle', lineStyle: { width: 1.5 } })),
  };
}
