import { describe, expect, it } from 'vitest';
import { axisStep, drawChart } from './preview-chart.js';

/** Just enough of a DOM to see what drawChart builds; setting innerHTML would throw. */
class FakeNode {
  children: FakeNode[] = [];
  attrs: Record<string, string> = {};
  textContent = '';
  constructor(readonly ns: string, readonly name: string) {}
  setAttribute(k: string, v: string) { this.attrs[k] = v; }
  appendChild(c: FakeNode) { this.children.push(c); return c; }
  set innerHTML(_v: string) { throw new Error('innerHTML used'); }
  all(): FakeNode[] { return [this, ...this.children.flatMap((c) => c.all())]; }
}
const doc = { createElementNS: (ns: string, name: string) => new FakeNode(ns, name) } as unknown as Document;

describe('preview chart', () => {
  it('draws one bar per category and month, with data labels as text only', () => {
    const svg = drawChart(doc, {
      name: 'c', sheet: 's', title: 'Billable quantity by month', row: 0, col: 0, categories: ['Nov 2026', 'Dec 2026'],
      series: [{ name: '<img src=x onerror=alert(1)>', color: '#0F6CBD', values: [10, 20] }, { name: 'Pipelines', color: '#C239B3', values: [5, 0] }],
    }) as unknown as FakeNode;
    const nodes = svg.all();
    expect(nodes.every((x) => x.ns === 'http://www.w3.org/2000/svg')).toBe(true);
    const bars = nodes.filter((x) => x.name === 'rect' && x.children.length === 1);
    expect(bars).toHaveLength(4);
    expect(bars.map((b) => b.children[0]!.textContent)).toEqual(['<img src=x onerror=alert(1)>, Nov 2026: 10', 'Pipelines, Nov 2026: 5', '<img src=x onerror=alert(1)>, Dec 2026: 20', 'Pipelines, Dec 2026: 0']);
    expect(Number(bars[2]!.attrs.height)).toBeGreaterThan(Number(bars[0]!.attrs.height));
    expect(nodes.map((x) => x.textContent)).toContain('Billable quantity by month');
  });
});

describe('preview chart axis and legend', () => {
  it('steps the value axis in round numbers and wraps a long legend onto more rows', () => {
    expect([axisStep(104_318_948), axisStep(8), axisStep(0)]).toEqual([50_000_000, 2, 1]);
    const series = ['Data Transfer', 'Location Services', 'Pipelines', 'Platform', 'Storage', 'Other'].map((name) => ({ name, color: '#0F6CBD', values: [1] }));
    const svg = drawChart(doc, { name: 'c', sheet: 's', title: 't', row: 0, col: 0, categories: ['Nov 2026'], series }, { width: 300, height: 200 }) as unknown as FakeNode;
    const names = svg.all().filter((x) => x.name === 'text' && series.some((s) => s.name === x.textContent));
    expect(names).toHaveLength(6);
    expect(names.every((n) => Number(n.attrs.x) + n.textContent.length * 6 <= 300 + 24)).toBe(true);
    expect(new Set(names.map((n) => n.attrs.y)).size).toBeGreaterThan(1);
    expect(Number(svg.attrs.height)).toBeGreaterThan(200);
  });
});
