// Draws a preview chart (clustered columns: one group per month, one bar per category) as SVG,
// with a value axis (gridlines, compact numbers) and a legend that wraps, so it reads like Excel's.
// Built with createElementNS, setAttribute and textContent only: labels come from the data and
// are never parsed as markup.

import type { PreviewChart } from './preview-workbook.js';

const SVG = 'http://www.w3.org/2000/svg';

export interface ChartSize {
  width: number;
  height: number;
}

function el(doc: Document, name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const node = doc.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A round step for about four gridlines up to `max` (1, 2 or 5 times a power of ten). */
export function axisStep(max: number): number {
  if (!(max > 0)) return 1;
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const LEGEND_ROW = 16;

/** Legend entries laid out in rows that fit the width: x and row of each. */
function legendLayout(names: readonly string[], width: number, left: number): { x: number; row: number }[] {
  let x = left;
  let row = 0;
  return names.map((name) => {
    const w = 24 + Math.min(160, name.length * 6);
    if (x > left && x + w > width) { x = left; row += 1; }
    const at = { x, row };
    x += w;
    return at;
  });
}

/** The chart as an `<svg>` element, with a `<title>` per bar giving its exact value. */
export function drawChart(doc: Document, chart: PreviewChart, size: ChartSize = { width: 420, height: 240 }): SVGElement {
  const { width } = size;
  const legend = legendLayout(chart.series.map((s) => s.name), width, 8);
  const legendRows = 1 + Math.max(0, ...legend.map((l) => l.row));
  const height = size.height + (legendRows - 1) * LEGEND_ROW;
  const top = 32;
  const bottom = 24 + legendRows * LEGEND_ROW;
  const left = 48;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const svg = el(doc, 'svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': chart.title, class: 'mb-chart' });
  svg.appendChild(el(doc, 'text', { x: 8, y: 18, 'font-size': 13, 'font-weight': 600 }, chart.title));
  const peak = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const step = axisStep(peak);
  const max = peak > 0 ? Math.ceil(peak / step) * step : 1;
  for (let v = 0; v <= max + step / 2; v += step) {
    const y = top + plotH - (v / max) * plotH;
    svg.appendChild(el(doc, 'line', { x1: left, x2: left + plotW, y1: y, y2: y, stroke: '#e0e0e0', 'stroke-width': 1 }));
    svg.appendChild(el(doc, 'text', { x: left - 4, y: y + 4, 'font-size': 10, 'text-anchor': 'end', fill: '#616161' }, compact.format(v)));
  }
  const groups = Math.max(1, chart.categories.length);
  const groupW = plotW / groups;
  const barW = Math.max(1, (groupW * 0.8) / Math.max(1, chart.series.length));
  chart.categories.forEach((label, g) => {
    chart.series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      const h = (Math.max(0, v) / max) * plotH;
      const bar = el(doc, 'rect', { x: left + g * groupW + groupW * 0.1 + i * barW, y: top + plotH - h, width: barW, height: h, fill: s.color });
      bar.appendChild(el(doc, 'title', {}, `${s.name}, ${label}: ${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`));
      svg.appendChild(bar);
    });
    svg.appendChild(el(doc, 'text', { x: left + g * groupW + groupW / 2, y: top + plotH + 14, 'font-size': 11, 'text-anchor': 'middle' }, label));
  });
  chart.series.forEach((s, i) => {
    const at = legend[i]!;
    const y = height - (legendRows - at.row) * LEGEND_ROW;
    svg.appendChild(el(doc, 'rect', { x: at.x, y: y + 2, width: 10, height: 10, fill: s.color }));
    svg.appendChild(el(doc, 'text', { x: at.x + 14, y: y + 11, 'font-size': 11 }, s.name));
  });
  return svg;
}
