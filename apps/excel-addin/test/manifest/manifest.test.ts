// Offline manifest checks: what a store review or sideload would reject. The online validator
// (`office-addin-manifest validate`) posts the file to a Microsoft service; it is a manual step
// (README). These checks use office-addin-manifest's own reader plus a plain look at the XML,
// and fail if anything tries to reach the network.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OfficeAddinManifest } from 'office-addin-manifest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const path = `${root}manifest.xml`;
const xml = readFileSync(path, 'utf8');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const attrs = (tag: string, attr: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, 'g'))].map((m) => m[1] as string);
const texts = (tag: string): string[] => [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => (m[1] as string).trim());

describe('manifest.xml (offline)', () => {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    globalThis.fetch = vi.fn(() => Promise.reject(new Error('network is not allowed in manifest checks')));
  });
  afterAll(() => { globalThis.fetch = realFetch; });

  it('reads with office-addin-manifest and has the basics right', async () => {
    const info = await OfficeAddinManifest.readManifestFile(path);
    expect(info.manifestType).toBe('xml');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(GUID);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.displayName?.length).toBeGreaterThan(0);
    expect(info.displayName!.length).toBeLessThanOrEqual(125);
    expect(info.description!.length).toBeLessThanOrEqual(250);
    for (const u of [info.iconUrl, info.highResolutionIconUrl, info.supportUrl, info.defaultSettings?.sourceLocation]) expect(u).toMatch(/^https:\/\//);
    expect(globalThis.fetch).not.toHaveBeenCalled();
  });

  it('uses https for every URL', () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:\/\/[^"]*)"/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
  });

  it('lists the API and account hosts as app domains', () => {
    // readManifestFile returns only the first AppDomain (a quirk), so the XML is read directly too.
    expect(texts('AppDomain')).toEqual(['https://usage.bam.api.here.com', 'https://account.api.here.com']);
  });

  it('asks for ExcelApi 1.13 (table.resize), SharedRuntime 1.1 (refresh on open) and nothing unknown', () => {
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.13"\/>/);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1\.1"\/>/);
    expect(attrs('Set', 'Name')).toEqual(['ExcelApi', 'SharedRuntime']);
  });

  it('declares one long-lived shared runtime, first in the Host, with the same resid everywhere', () => {
    // Microsoft's shared-runtime guide: <Runtimes> comes first inside <Host>, lifetime "long" (so
    // the add-in can load with the workbook), and the runtime does not load if the resid differs
    // between the Runtime, the task pane's SourceLocation and the FunctionFile.
    const host = /<Host xsi:type="Workbook">\s*(?:<!--[\s\S]*?-->\s*)*<Runtimes>\s*<Runtime\b([^>]*)\/>\s*<\/Runtimes>\s*<DesktopFormFactor>/.exec(xml);
    expect(host, 'Runtimes right after <Host>, before DesktopFormFactor').not.toBeNull();
    expect(attrs('Runtime', 'lifetime')).toEqual(['long']);
    const [resid] = attrs('Runtime', 'resid');
    expect(resid).toBe('Taskpane.Url');
    expect(resid!.length).toBeLessThanOrEqual(32);
    expect(attrs('FunctionFile', 'resid')).toEqual([resid]);
    const paneSource = /<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]+)"\/>/.exec(xml);
    expect(paneSource?.[1]).toBe(resid);
    // The resid names the pane's page, the same page as DefaultSettings/SourceLocation.
    const url = new RegExp(`<bt:Url id="${resid!.replace('.', '\\.')}" DefaultValue="([^"]+)"`).exec(xml)?.[1];
    expect(url).toBe(attrs('SourceLocation', 'DefaultValue')[0]);
    expect(url).toMatch(/\/taskpane\.html$/);
  });

  it('covers what Summarize needs: PivotTables (ExcelApi 1.8), charts (1.1) and category names (1.7)', () => {
    const min = /<Set Name="ExcelApi" MinVersion="(\d+)\.(\d+)"\/>/.exec(xml)!;
    expect(Number(min[1]) * 100 + Number(min[2])).toBeGreaterThanOrEqual(108);
    expect(xml).toMatch(/Summarize: PivotTables need ExcelApi 1\.8/);
  });

  it('has a Home-tab button that shows the task pane', () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it('declares 16/32/80 ribbon icons and 32/64 app icons, all present with the right size', () => {
    const sizes = attrs('bt:Image', 'size');
    expect(new Set(sizes)).toEqual(new Set(['16', '32', '80']));
    const iconUrls = [...attrs('bt:Image', 'DefaultValue'), ...attrs('IconUrl', 'DefaultValue'), ...attrs('HighResolutionIconUrl', 'DefaultValue')];
    for (const u of iconUrls) {
      const m = /\/assets\/icon-(\d+)\.png$/.exec(u);
      expect(m, u).not.toBeNull();
      const file = `${root}assets/icon-${m![1]}.png`;
      expect(existsSync(file), file).toBe(true);
      const png = readFileSync(file);
      expect(png.readUInt32BE(16)).toBe(Number(m![1]));
      expect(png.readUInt32BE(20)).toBe(Number(m![1]));
    }
  });

  it('every resid points at a declared resource', () => {
    const declared = new Set(attrs('bt:(?:Image|Url|String)', 'id'));
    for (const id of attrs('[A-Za-z:]+', 'resid')) expect(declared.has(id), id).toBe(true);
  });

  it('names pages that the build emits', () => {
    const sources: Record<string, string> = { 'taskpane.html': 'src/taskpane/taskpane.html', 'help.html': 'src/taskpane/help.html' };
    for (const url of [...xml.matchAll(/localhost:3000\/([a-z]+\.html)/g)].map((m) => m[1] as string)) {
      expect(sources[url], url).toBeDefined();
      expect(existsSync(`${root}${sources[url]}`), url).toBe(true);
    }
  });
});
