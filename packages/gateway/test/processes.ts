// Real processes for the deployment tests: the gateway's CLI as its own process (as an operator
// runs it), Debian's nginx as a non-daemon child with its own prefix and configuration, and a
// throw-away CA with a server certificate made by openssl. Each is stopped by the test that
// started it, by its own pid.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX = '/usr/sbin/nginx';
export const HAS_NGINX = existsSync(NGINX);
const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Child {
  /** What it printed, line by line (stdout and stderr). */
  lines: string[];
  stop(): Promise<void>;
}

function watch(child: ChildProcess, lines: string[]): void {
  let rest = '';
  const take = (chunk: Buffer) => {
    const text = rest + chunk.toString('utf8');
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
}

/** The gateway CLI (from source, through tsx) with `args`; resolves once it listens. */
export async function spawnGateway(args: string[], env: Record<string, string> = {}): Promise<Child & { origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE, 'src/cli.ts'), ...args], {
    cwd: PACKAGE,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  watch(child, lines);
  const stop = stopper(child);
  const origin = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the gateway did not start within 20 s:\n${lines.join('\n')}`)), 20_000);
    const check = () => {
      const m = lines.map((l) => / listening on (\S+),/.exec(l)).find(Boolean);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the gateway exited (${code}):\n${lines.join('\n')}`));
    });
  });
  return { origin, lines, stop };
}

/** A loopback port that was free a moment ago (nginx needs one in its configuration). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * nginx in front of `upstreams` (host:port), round robin, on 127.0.0.1:<port>, in the foreground
 * with everything (pid, logs, temp files) under a fresh prefix. It passes the client's address
 * and the public origin the way an operator's configuration would.
 */
export async function startNginx(upstreams: string[]): Promise<Child & { origin: string; port: number }> {
  const prefix = mkdtempSync(join(tmpdir(), 'gw-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, `
daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log info;
events { worker_connections 256; }
http {
  access_log ${prefix}/logs/access.log;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream gateways {
${upstreams.map((u) => `    server ${u};`).join('\n')}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      # Report downloads stream through instead of being spooled to disk first.
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_read_timeout 120s;
    }
  }
}
`);
  const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs/error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  watch(child, lines);
  const stopChild = stopper(child);
  const stop = async () => {
    await stopChild();
    rmSync(prefix, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  // Ready when it answers (a 502 would still mean nginx itself is up).
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${lines.join('\n')} ${readLog(prefix)}`);
    try {
      await fetch(`${origin}/healthz`);
      break;
    } catch {
      if (Date.now() - started > 10_000) {
        await stop();
        throw new Error(`nginx did not answer within 10 s: ${readLog(prefix)}`);
      }
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  return { origin, port, lines, stop };
}

function readLog(prefix: string): string {
  try {
    return readFileSync(join(prefix, 'logs/error.log'), 'utf8');
  } catch {
    return '';
  }
}

/** A CA of its own and a certificate it signed for 127.0.0.1 and localhost (openssl). */
export function testCertificates(): { dir: string; caFile: string; cert: string; key: string; ca: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gw-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Meterbook test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'server.ext');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { dir, caFile: join(dir, 'ca.crt'), cert: read('server.crt'), key: read('server.key'), ca: read('ca.crt') };
}
