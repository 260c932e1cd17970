// Draws a preview chart (clustered columns: one group per month, one bar per category) as SVG.
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

/** The chart as an `<svg>` element, with a `<title>` per bar giving its exact value. */
export function drawChart(doc: Document, chart: PreviewChart, size: ChartSize = { width: 320, height: 220 }): SVGElement {
  const { width, height } = size;
  const top = 28;
  const bottom = 40;
  const left = 8;
  const plotH = height - top - bottom;
  const svg = el(doc, 'svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': chart.title, class: 'mb-chart' });
  svg.appendChild(el(doc, 'text', { x: left, y: 16, 'font-size': 13, 'font-weight': 600 }, chart.title));
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const groups = Math.max(1, chart.categories.length);
  const groupW = (width - 2 * left) / groups;
  const barW = Math.max(1, (groupW * 0.8) / Math.max(1, chart.series.length));
  chart.categories.forEach((label, g) => {
    chart.series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      const h = max > 0 ? (v / max) * plotH : 0;
      const bar = el(doc, 'rect', { x: left + g * groupW + groupW * 0.1 + i * barW, y: top + plotH - h, width: barW, height: h, fill: s.color });
      bar.appendChild(el(doc, 'title', {}, `${s.name}, ${label}: ${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`));
      svg.appendChild(bar);
    });
    svg.appendChild(el(doc, 'text', { x: left + g * groupW + groupW / 2, y: top + plotH + 14, 'font-size': 11, 'text-anchor': 'middle' }, label));
  });
  let x = left;
  for (const s of chart.series) {
    svg.appendChild(el(doc, 'rect', { x, y: height - 14, width: 10, height: 10, fill: s.color }));
    const name = el(doc, 'text', { x: x + 14, y: height - 5, 'font-size': 11 }, s.name);
    svg.appendChild(name);
    x += 24 + Math.min(120, s.name.length * 6);
  }
  return svg;
}
