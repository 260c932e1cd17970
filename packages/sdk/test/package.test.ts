// The package as a user meets it: `pnpm pack`, installed from the tarball into a fresh project
// (offline: its dependencies come from the pnpm store), then loaded by an ES module, by CommonJS
// `require`, and type-checked by TypeScript with moduleResolution node16 (ESM and CommonJS files)
// and bundler. Needs the SDK built (turbo runs `build` before this package's tests).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let project: string;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, DO_NOT_TRACK: '1', npm_config_update_notifier: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sdk-consumer-'));
  execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: root, stdio: 'ignore' });
  const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');
  // The SDK comes from its tarball; its dependencies are linked from the store, where the
  // workspace's install put them, so nothing is fetched (pnpm --offline needs registry metadata).
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const overrides = Object.fromEntries(Object.keys(dependencies).map((name) => [name, `link:${realpathSync(join(root, 'node_modules', name))}`]));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true, dependencies: { '@meterbook/sdk': `file:./${tarball}` }, pnpm: { overrides } }));
  run('pnpm', ['install', '--offline', '--ignore-scripts']);
}, 120_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

const entries = { '@meterbook/sdk': 'createUsageClient', '@meterbook/sdk/acronis': 'createAcronisClient', '@meterbook/sdk/history': 'planHistory', '@meterbook/sdk/credentials': 'hereCredentials', '@meterbook/sdk/node': 'readHereCredentials' };

describe('the packed SDK in a fresh project', () => {
  it('loads every entry from an ES module', () => {
    const code = Object.entries(entries).map(([entry, name], i) => `import { ${name} as f${i} } from '${entry}'; if (typeof f${i} !== 'function') throw new Error('${entry}');`).join('\n');
    writeFileSync(join(project, 'esm.mjs'), `${code}\nconsole.log('esm ok');\n`);
    expect(run('node', ['esm.mjs']).trim()).toBe('esm ok');
  });

  it('loads every entry from CommonJS require, as the same module an import gets', () => {
    const code = [
      ...Object.entries(entries).map(([entry, name]) => `if (typeof require('${entry}').${name} !== 'function') throw new Error('${entry}');`),
      // One copy for both: an error thrown by a required client is the class an importer checks for.
      `import('@meterbook/sdk').then((m) => { if (m.ApiError !== require('@meterbook/sdk').ApiError) throw new Error('two copies'); console.log('cjs ok'); });`,
    ].join('\n');
    writeFileSync(join(project, 'cjs.cjs'), `${code}\n`);
    expect(run('node', ['cjs.cjs']).trim()).toBe('cjs ok');
  });

  const consumer = [
    "import { createUsageClient, type UsageClient } from '@meterbook/sdk';",
    "import { createAcronisClient } from '@meterbook/sdk/acronis';",
    "import { readHereCredentials } from '@meterbook/sdk/node';",
    "import { planHistory, type HistoryPlan } from '@meterbook/sdk/history';",
    "import { hereCredentials, parseCredentialsProperties, type HereCredentials } from '@meterbook/sdk/credentials';",
    "const usage: UsageClient = createUsageClient({ token: 'my-token' });",
    "const plan: HistoryPlan = planHistory({ rule: { kind: 'rolling', months: 3 }, windows: [], now: new Date() });",
    "const credentials: HereCredentials = parseCredentialsProperties('here.access.key.id = KEY\\nhere.access.key.secret = secret\\nhere.token.endpoint.url = https://account.api.here.com/oauth2/token');",
    "const signedIn: UsageClient = createUsageClient({ token: hereCredentials(credentials) });",
    "const acronis = createAcronisClient({ baseUrl: 'https://eu2-cloud.acronis.com/api/2', token: 'my-token' });",
    'void readHereCredentials;',
    // Types that resolved to `any` would make this expectation unused, which is an error.
    "// @ts-expect-error: the option is misspelt",
    "createUsageClient({ tokn: 'x' });",
    'export { usage, acronis, plan, signedIn };',
  ].join('\n');

  function typeCheck(files: Record<string, string>, options: ts.CompilerOptions): string[] {
    const paths = Object.entries(files).map(([name, code]) => {
      writeFileSync(join(project, name), code);
      return join(project, name);
    });
    const program = ts.createProgram(paths, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: false, skipDefaultLibCheck: true, ...options });
    return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  }

  it('type-checks with moduleResolution node16, from an ES module and from CommonJS', { timeout: 90_000 }, () => {
    expect(typeCheck({ 'node16-esm.mts': consumer, 'node16-cjs.cts': consumer }, { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 })).toEqual([]);
  });

  it('type-checks with moduleResolution bundler', { timeout: 90_000 }, () => {
    expect(typeCheck({ 'bundler.ts': consumer }, { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler })).toEqual([]);
  });
});
