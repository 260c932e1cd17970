// CommonJS for `require` callers, written after tsc. Node >= 20.19 can require() an ES module,
// so each entry's .cjs hands over the ES module itself: CommonJS and ESM callers share one copy
// (one ApiError class). TypeScript gets .d.cts twins of the declarations, because with
// moduleResolution node16 a CommonJS file may not see the types of an ES module.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

type Target = string | { import?: { default?: string }; require?: { default?: string } };

const dist = new URL('../dist/', import.meta.url);
const { exports } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, Target> };

for (const target of Object.values(exports)) {
  if (typeof target === 'string') continue;
  const cjs = target.require?.default;
  const esm = target.import?.default?.replace('./dist/', './');
  if (cjs === undefined || esm === undefined) continue;
  writeFileSync(new URL(cjs.replace('./dist/', './'), dist), `'use strict';\nmodule.exports = require('${esm}');\n`);
}

for (const file of readdirSync(dist, { recursive: true })) {
  if (typeof file !== 'string' || !file.endsWith('.d.ts')) continue;
  const text = readFileSync(new URL(file, dist), 'utf8');
  // Relative imports point at the CommonJS twins, so the types stay in one module system.
  const twin = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.js(['"])/g, '$1$2.cjs$3');
  writeFileSync(new URL(file.replace(/\.d\.ts$/, '.d.cts'), dist), twin);
}
