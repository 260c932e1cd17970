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

describe('minified bundle', () => {
  it('keeps every error class its name (minifiers rename classes; callers log error.name)', async () => {
    const out = await build({ entryPoints: [resolve(root, 'src/index.ts')], bundle: true, minify: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    const code = out.outputFiles[0]?.text ?? '';
    const sdk = (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
    const details = { kind: 'http', api: 'HERE Usage API', operation: 'getUsage', reason: 'test' } as const;
    const named = Object.entries(sdk).filter(([key, value]) => typeof value === 'function' && /Error$/.test(key) && !key.startsWith('Usage'));
    expect(named.length).toBeGreaterThanOrEqual(13);
    for (const [key, ErrorClass] of named) {
      const error = key === 'ValidationError'
        ? new (ErrorClass as new (op: string, issues: unknown[]) => Error)('getUsage', [{ field: 'x', message: 'x' }])
        : new (ErrorClass as new (d: typeof details) => Error)(details);
      expect(error.name, key).toBe(key);
    }
  }, 60_000);
});

describe('split bundle', () => {
  // A bundler that splits (webpack, Rollup, Vite, esbuild) loads the CSV reader only when a report
  // is first downloaded: it is a dynamic import of reports.download in both APIs.
  it.each(['src/index.ts', 'src/acronis.ts'])('%s keeps the CSV reader out of what loads at once', async (entry) => {
    const out = await build({ entryPoints: [resolve(root, entry)], bundle: true, splitting: true, outdir: resolve(root, 'split-out'), platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
    const outputs = out.metafile.outputs;
    const firstPath = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === entry);
    // What loads at once: the entry's chunk and every chunk it imports statically (esbuild puts
    // code shared between the entry and a lazy chunk, or between lazy chunks, in chunks of its own).
    const atOnce = new Set<string>();
    const visit = (path: string | undefined): void => {
      if (path === undefined || atOnce.has(path)) return;
      atOnce.add(path);
      for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
    };
    visit(firstPath);
    const inputsOf = (paths: string[]) => paths.flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
    const later = Object.keys(outputs).filter((path) => !atOnce.has(path));
    expect(inputsOf([...atOnce])).toContain('src/core/transport.ts');
    expect(inputsOf([...atOnce])).not.toContain('src/core/csv-parse.ts');
    expect(inputsOf(later)).toContain('src/core/csv-parse.ts');
    expect((outputs[firstPath ?? '']?.imports ?? []).filter((i) => i.kind === 'dynamic-import').length).toBeGreaterThan(0);
  });
});
