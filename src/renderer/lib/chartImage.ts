import type { EChartsType } from 'echarts/core';
import { downloadParts } from './download';

/**
 * Saves a chart as a PNG at twice its size, on the panel's color. The image comes out of ECharts
 * as a data URL; it is decoded here, so that the download is a Blob (no data: navigation).
 */
export function saveChartPng(chart: EChartsType, host: HTMLElement, label: string): void {
  const background = getComputedStyle(host).getPropertyValue('--panel').trim() || '#151a21';
  const url = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background });
  const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  downloadParts([bytes], `${label.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'chart'}.png`, 'image/png');
}
