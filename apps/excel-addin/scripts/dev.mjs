// `pnpm dev` / `pnpm start`: builds the pane and serves it twice, both on localhost:
//   1. through the Meterbook gateway (port <n>) in credentials mode, holding the embedded server's
//      dev keys (HERE app key, Acronis API client), started with --demo: the pane's first-run
//      button fetches the access key from GET /api/demo, so a newcomer reaches demo data without
//      copying anything. Loopback only; see packages/gateway README ("Local demo").
//   2. by the embedded Usage API server itself (port <n+1>), same origin as its APIs, to try a
//      token, app keys or an Acronis API client by hand (printed below, all local-only).
//   --port <n>     port of the gateway (default 8787); the embedded server takes n+1
//   --no-build     serve the existing dist/
//   --dist <dir>   serve this build instead of dist/ (tests)
// Plain HTTP is for the in-browser preview. Office needs HTTPS: see README ("Sideload into Excel").
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const portFlag = args.indexOf('--port');
const port = Number(portFlag >= 0 ? args[portFlag + 1] : process.env.PORT || 8787);
if (!Number.isInteger(port) || port < 1 || port > 65534) {
  console.error(`--port must be a number from 1 to 65534 (got ${args[portFlag + 1]})`);
  process.exit(2);
}
const here = fileURLToPath(new URL('..', import.meta.url));
const distFlag = args.indexOf('--dist');
const dist = distFlag >= 0 ? args[distFlag + 1] : `${here}dist`;

spawnSync(process.execPath, ['scripts/usage-data-off.mjs'], { cwd: here, stdio: 'inherit' });
if (!args.includes('--no-build')) {
  const r = spawnSync(process.execPath, ['node_modules/webpack/bin/webpack.js', '--mode', 'production'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { startServer } = await import('@meterbook/usage-server');
const { startGateway } = await import('@meterbook/gateway');
const REALM = 'org123456789';
const server = await startServer({ port: port + 1, host: '127.0.0.1', staticDir: dist, mode: 'test' });
// Every URL printed is on localhost: a page at localhost calling 127.0.0.1 is another site (CORS).
const direct = server.origin.replace('127.0.0.1', 'localhost');
const gatewayUrl = `http://localhost:${port}`;
const gateway = await startGateway({
  port, host: '127.0.0.1', tls: false, publicUrl: gatewayUrl, allowedOrigins: [gatewayUrl, `http://127.0.0.1:${port}`],
  paneDir: dist, auth: 'credentials', demo: true, demoRealm: REALM,
  // A new access key at each start: it only ever opens these dev credentials, on this computer.
  accessKey: randomBytes(24).toString('base64url'),
  upstreams: { usage: server.url, 'here-account': server.origin, acronis: server.acronis.baseUrl },
  credentials: server.credentials,
  acronisCredentials: { clientId: server.acronis.clientId, clientSecret: server.acronis.clientSecret },
});
const { accessKeyId, accessKeySecret } = server.credentials;
const a = server.acronis;
console.log(`
Meterbook demo. Everything below is a development credential of the embedded server: LOCAL ONLY,
never a real one, never for production.

Open the pane:      ${gatewayUrl}/taskpane.html
                    Press "Try it with demo data": it connects HERE and Acronis through the local gateway
                    (its access key is handed to this page by GET /api/demo, loopback only).

To try the other ways to sign in, open the pane from the embedded server instead:
                    ${direct}/taskpane.html   (Connection tab, Route "Direct")
  HERE Usage API    base URL ${direct}/v2   realms ${server.realms.join(', ')}
    token           ${server.token}   (local only)
    app key         id ${accessKeyId}   secret ${accessKeySecret}   (local only)
                    token endpoint URL ${direct}/oauth2/token
  Acronis           data center URL ${direct}/acronis
    API client      id ${a.clientId}   secret ${a.clientSecret}   (local only)
    token           ${a.token}   (local only)

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
const records = await client.usage.all({ realmId: REALM, startDate, endDate });
const byItem = new Map();
for (const r of records) byItem.set(`${r.name} (${r.valueDriver})`, (byItem.get(`${r.name} (${r.valueDriver})`) ?? 0) + (r.usageValue ?? 0));
console.log(`\nSDK demo: ${records.length} usage records of ${REALM} for the last 7 days in ${Date.now() - started} ms. Top charge items:`);
for (const [item, value] of [...byItem].sort((x, y) => y[1] - x[1]).slice(0, 5)) console.log(`  ${value.toFixed(4).padStart(18)}  ${item}`);

const stop = async () => { await gateway.close(); await server.close(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
