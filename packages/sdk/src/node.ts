// Node-only helpers, kept out of the browser entry point.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseCredentialsProperties, type HereCredentials } from './usage/credentials.js';

/** The default place the HERE platform's credentials file is kept. */
export function defaultCredentialsPath(): string {
  return join(homedir(), '.here', 'credentials.properties');
}

/** Reads `~/.here/credentials.properties` (or the given file) into credentials for `hereCredentials`. */
export async function readHereCredentials(path: string = defaultCredentialsPath()): Promise<HereCredentials> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Cannot read the HERE credentials file ${path}${code ? ` (${code})` : ''}: download it from the platform portal (Access Manager > Apps > Create credentials) and save it there, or pass another path.`);
  }
  return parseCredentialsProperties(text);
}

/**
 * The text with every given secret removed in every form it may travel in (as is, URL-encoded,
 * base64 or base64url of `id:secret`), also inside a longer string: for a server's logs and answers.
 */
export { scrub as redactSecrets } from './core/redact.js';

/** `redactSecrets` prepared once for many texts: `secretRedactor(secrets)(line)`. */
export { redactor as secretRedactor } from './core/redact.js';
