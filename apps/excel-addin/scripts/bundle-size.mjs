// Prints the gzip size of the pane's initial JavaScript (the chunks taskpane.html loads) and fails
// the build above the 150 kB budget (issue 12).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('taskpane.html', dist), 'utf8');
const scripts = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+\.js)/g)].map((m) => m[1]).filter((s) => !/^https?:/.test(s));
let raw = 0;
let gz = 0;
for (const s of scripts) {
  const buf = readFileSync(new URL(s, dist));
  raw += buf.length;
  gz += gzipSync(buf, { level: 9 }).length;
}
console.log(`pane initial JS: ${scripts.join(', ')}: ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip (budget ${BUDGET / 1024} kB)`);
if (gz > BUDGET) { console.error('over the initial JS budget'); process.exit(1); }
