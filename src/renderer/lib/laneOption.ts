import type { Histogram } from '../../core/query/timeline';
import { escapeHtml, formatAxisTime, formatCount, formatTime, zoneLabel, type Zone } from './format';
import type { ChartTheme } from './histogramOption';
import { SERIES_LABELS, seriesColor } from './palette';

/** Lanes by source, so that an SSH login and the API calls after it line up on one time axis. */
export const LANES: { key: string; label: string; series: string[] }[] = [
  { key: 'api', label: 'API calls', series: ['read', 'write', 'delete', 'other'] },
  { key: 'ssh', label: 'SSH', series: ['ssh'] },
  { key: 'database', label: 'Database', series: ['database'] },
  { key: 'platform', label: 'Platform', series: ['platform'] },
];

const GRID_LEFT = 44;
const GRID_RIGHT = 12;
const TOP = 10;
const BOTTOM = 22;
const GAP = 14;

/** The lanes that have events in this (activity-stacked) histogram. */
export function lanesOf(h: Histogram): typeof LANES {
  const present = new Set(h.series.map((s) => s.key));
  return LANES.filter((l) => l.series.some((k) => present.has(k)));
}

/** One grid per lane, sharing the buckets (and the brush); only the bottom one labels the time axis. */
export function laneOption(h: Histogram, zone: Zone, theme: ChartTheme, animate: boolean, heightPx: number): Record<string, unknown> {
  const lanes = lanesOf(h);
  const n = Math.max(1, lanes.length);
  const laneHeight = Math.max(20, (heightPx - TOP - BOTTOM - GAP * (n - 1)) / n);
  const categories = Array.from({ length: h.buckets }, (_, i) => String(h.start + i * h.bucketMs));
  const grids = lanes.map((_, i) => ({ left: GRID_LEFT, right: GRID_RIGHT, top: TOP + i * (laneHeight + GAP), height: laneHeight }));
  return {
    animation: animate,
    animationDuration: 150,
    grid: grids,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      backgroundColor: theme.panel,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12 },
      formatter: (items: { dataIndex: number; seriesName: string; value: unknown }[]) => {
        if (!items.length) return '';
        const head = `${escapeHtml(formatTime(h.start + items[0].dataIndex * h.bucketMs, zone))} ${escapeHtml(zoneLabel(zone))}`;
        const lines = items.filter((i) => Number(i.value) > 0).map((i) => `<div>${escapeHtml(SERIES_LABELS[i.seriesName] ?? i.seriesName)}: <b>${escapeHtml(formatCount(Number(i.value)))}</b></div>`);
        return `<div style="font-weight:600">${head}</div>${lines.join('')}`;
      },
    },
    xAxis: lanes.map((_, i) => ({
      type: 'category',
      gridIndex: i,
      data: categories,
      axisLabel: { show: i === n - 1, color: theme.muted, fontSize: 11, hideOverlap: true, formatter: (v: string) => formatAxisTime(Number(v), h.bucketMs, zone) },
      axisLine: { lineStyle: { color: theme.grid } },
      axisTick: { show: i === n - 1 },
    })),
    yAxis: lanes.map((lane, i) => ({
      type: 'value',
      gridIndex: i,
      minInterval: 1,
      name: lane.label,
      nameLocation: 'end',
      nameGap: 2,
      nameTextStyle: { color: theme.muted, fontSize: 10, align: 'left' },
      splitNumber: 2,
      axisLabel: { color: theme.muted, fontSize: 10 },
      splitLine: { lineStyle: { color: theme.grid, opacity: 0.6 } },
    })),
    brush: {
      xAxisIndex: 'all',
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      brushStyle: { color: 'rgba(94, 162, 255, 0.18)', borderColor: theme.accent, borderWidth: 1 },
      outOfBrush: { colorAlpha: 0.3 },
    },
    series: h.series.flatMap((s) => {
      const lane = lanes.findIndex((l) => l.series.includes(s.key));
      if (lane < 0) return [];
      return [{ type: 'bar', name: s.key, stack: `lane${lane}`, xAxisIndex: lane, yAxisIndex: lane, data: s.counts, barCategoryGap: '12%', itemStyle: { color: seriesColor(s.key) }, emphasis: { disabled: true } }];
    }),
  };
}
