// `pnpm dev` / `pnpm start`: builds the pane and serves it with the embedded Usage API server, so
// the pane and the API share one origin (the pane defaults its base URL to <origin>/v2).
//   --port <n>     port of the server (default 8787)
//   --no-build     serve the existing dist/
// Plain HTTP is for the in-browser preview. Office needs HTTPS: see README ("Sideload into Excel").
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const port = Number(portFlag >= 0 ? args[portFlag + 1] : process.env.PORT || 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (got ${args[portFlag + 1]})`);
  process.exit(2);
}
const here = fileURLToPath(new URL('..', import.meta.url));

spawnSync(process.execPath, ['scripts/usage-data-off.mjs'], { cwd: here, stdio: 'inherit' });
if (!args.includes('--no-build')) {
  const r = spawnSync(process.execPath, ['node_modules/webpack/bin/webpack.js', '--mode', 'production'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { startServer } = await import('@meterbook/usage-server');
const server = await startServer({ port, host: '127.0.0.1', staticDir: `${here}dist`, mode: 'test' });
const pane = server.origin.replace('127.0.0.1', 'localhost');
console.log(`
Meterbook pane:     ${pane}/taskpane.html   (open in a browser: runs against the in-page workbook preview)
Usage API:          ${server.url}
Realms:             ${server.realms.join(', ')}
Dev access token:   ${server.token}
Dev credentials:    accessKeyId=${server.credentials.accessKeyId}  tokenEndpointUrl=${server.credentials.tokenEndpointUrl}

Sideload into Excel (needs HTTPS on https://localhost:3000, the URLs in manifest.xml):
  1. once: npx office-addin-dev-certs install   (asks to trust a local CA; cannot run without a prompt)
  2. MB_API_ORIGIN=${server.origin} pnpm --filter @meterbook/excel-addin dev-server
  3. Excel desktop: npx office-addin-debugging start manifest.xml desktop
     Excel on the web: Home > Add-ins > More add-ins > Upload My Add-in > manifest.xml
Press Ctrl+C to stop.`);

// A first taste without Excel: the SDK pulls the last 7 days from the server that just started.
const { createUsageClient } = await import('@meterbook/sdk');
const client = createUsageClient({ baseUrl: server.url, token: server.token });
const endDate = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const startDate = new Date(endDate.getTime() - 7 * 86_400_000);
const started = Date.now();
const records = await client.usage.all({ realmId: 'org123456789', startDate, endDate });
const byItem = new Map();
for (const r of records) byItem.set(`${r.name} (${r.valueDriver})`, (byItem.get(`${r.name} (${r.valueDriver})`) ?? 0) + (r.usageValue ?? 0));
console.log(`\nSDK demo: ${records.length} usage records of org123456789 for the last 7 days in ${Date.now() - started} ms. Top charge items:`);
for (const [item, value] of [...byItem].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`  ${value.toFixed(4).padStart(18)}  ${item}`);

const stop = async () => { await server.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
