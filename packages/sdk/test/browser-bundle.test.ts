// The default entry must run in a browser unchanged: it bundles for the browser platform with
// no Node built-in, while the Node-only helpers stay behind '@meterbook/sdk/node'.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function bundle(entry: string): Promise<{ ok: boolean; errors: string[] }> {
  try {
    await build({ entryPoints: [resolve(root, entry)], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    return { ok: true, errors: [] };
  } catch (error) {
    return { ok: false, errors: ((error as { errors?: { text: string }[] }).errors ?? []).map((e) => e.text) };
  }
}

describe('browser bundle', () => {
  it('bundles the default entry for the browser without Node built-ins', async () => {
    expect(await bundle('src/index.ts')).toEqual({ ok: true, errors: [] });
  });

  it('would notice a Node import (the Node entry does not bundle for the browser)', async () => {
    const result = await bundle('src/node.ts');
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/node:/);
  });
});
