// The gateway's HTTPS identity: a certificate given as PEM files or text, or a self-signed
// development certificate for localhost. The latter is made with `selfsigned` without prompts and
// kept on disk, so that a user who chose to trust it once keeps the same one across restarts.
// (office-addin-dev-certs was not used: its `install` adds a CA to the system trust store, which
// asks for a password or a confirmation, and it reports usage data unless switched off.)
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsOption } from './options.js';

export interface TlsIdentity {
  cert: string;
  key: string;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(?:\.\d{1,3}){3})$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

export async function resolveTls(option: TlsOption | undefined, host: string, devCertDir: string, extraNames: string[] = []): Promise<TlsIdentity | undefined> {
  if (option === undefined || option === false) {
    // A browser on another machine would send the access key and tokens in clear text.
    if (!isLoopback(host)) throw new Error(`Plain HTTP is only allowed on a loopback address, not ${host}: give --cert and --key, or use --tls dev.`);
    return undefined;
  }
  if (option === 'dev') return devCertificate(devCertDir, extraNames);
  if ('certFile' in option) {
    const [cert, key] = await Promise.all([readFile(option.certFile, 'utf8'), readFile(option.keyFile, 'utf8')]);
    return { cert, key };
  }
  return { cert: option.cert, key: option.key };
}

async function devCertificate(dir: string, extraNames: string[]): Promise<TlsIdentity> {
  const names = [...new Set(['localhost', ...extraNames.filter((n) => !/^[\d.:[\]]+$/.test(n))])];
  const certPath = join(dir, 'localhost.crt');
  const keyPath = join(dir, 'localhost.key');
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const x509 = new X509Certificate(cert);
    const fresh = Date.parse(x509.validTo) - Date.now() > 7 * 86_400_000;
    if (fresh && names.every((n) => x509.checkHost(n) !== undefined)) return { cert, key };
  } catch {
    // absent or unreadable: make a new one below
  }
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }, { name: 'organizationName', value: 'Meterbook gateway (development)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  return { cert: pems.cert, key: pems.private };
}
