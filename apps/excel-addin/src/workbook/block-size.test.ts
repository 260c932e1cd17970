import { afterEach, describe, expect, it } from 'vitest';
import { createExcelMock } from '../../test/unit/excel-mock.js';
import { COLUMNS, usageRecords } from '../../test/unit/fixtures.js';
import { DESKTOP_MAX_CHUNK_BYTES, maxChunkBytesFor, officePlatform } from './block-size.js';
import { DEFAULT_MAX_CHUNK_BYTES } from './chunking.js';
import { OfficeWriter } from './office-writer.js';

const host = globalThis as { Office?: unknown };

/** Office as a host shows itself to the add-in: only the platform fields are faked. */
function runOn(context: unknown): void {
  host.Office = { context };
}

afterEach(() => {
  delete host.Office;
});

describe('block size by host', () => {
  it('keeps the safe 1 MB on Excel on the web (its 5 MB request cap)', () => {
    expect(maxChunkBytesFor('OfficeOnline')).toBe(DEFAULT_MAX_CHUNK_BYTES);
    expect(DEFAULT_MAX_CHUNK_BYTES).toBe(1_000_000);
  });

  it('takes blocks under 4 MB on desktop Excel for Windows', () => {
    expect(maxChunkBytesFor('PC')).toBe(DESKTOP_MAX_CHUNK_BYTES);
    expect(DESKTOP_MAX_CHUNK_BYTES).toBeLessThanOrEqual(4_000_000);
  });

  it('takes blocks under 4 MB on Excel for Mac', () => {
    expect(maxChunkBytesFor('Mac')).toBe(DESKTOP_MAX_CHUNK_BYTES);
  });

  it.each(['iOS', 'Android', 'Universal', 'SomethingNew', undefined])('keeps the safe default on %s', (platform) => {
    expect(maxChunkBytesFor(platform)).toBe(DEFAULT_MAX_CHUNK_BYTES);
  });

  it('reads the platform from Office.context.diagnostics, else Office.context.platform', () => {
    expect(officePlatform()).toBeUndefined();
    runOn({ diagnostics: { platform: 'Mac' }, platform: 'PC' });
    expect(officePlatform()).toBe('Mac');
    runOn({ platform: 'OfficeOnline' });
    expect(officePlatform()).toBe('OfficeOnline');
    host.Office = {
      get context(): never {
        throw new Error('Office is not ready');
      },
    };
    expect(officePlatform()).toBeUndefined();
  });

  it('sizes the writer by the host: far fewer syncs on desktop than on the web, none over 4 MB', async () => {
    const req = { sheetName: 'Usage', tablePrefix: 'MB_Usage', caption: 'Usage', columns: COLUMNS, records: usageRecords(30_000) };
    const syncs: Record<string, number> = {};
    for (const platform of ['OfficeOnline', 'PC']) {
      runOn({ diagnostics: { platform } });
      const m = createExcelMock();
      await new OfficeWriter(m.run).createTable(req);
      syncs[platform] = m.stats.syncs;
      expect(Math.max(...m.stats.payloads)).toBeLessThan(platform === 'PC' ? 4_000_000 : 1_100_000);
    }
    expect(syncs.PC).toBeLessThan(syncs.OfficeOnline as number);
    expect(syncs.PC).toBeLessThanOrEqual(5);
  });
});
