// Starting the helper scripts of a benchmark in their own Node process (through tsx), so their
// memory is measured alone: the server's never counts towards a download's.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  process: ChildProcess;
  /** The first line the script prints on stdout, parsed as JSON. */
  firstLine: Promise<unknown>;
  /** Resolves when the process ends; rejects on a non-zero exit. */
  exited: Promise<void>;
}

export function startChild(script: URL, args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script.pathname, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const firstLine = new Promise<unknown>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`${script.pathname} printed ${line.slice(0, 200)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`${script.pathname} exited (${code}) before printing its result`)));
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => (code === 0 || signal === 'SIGTERM' ? resolve() : reject(new Error(`${script.pathname} exited with ${code ?? signal}`))));
  });
  firstLine.catch(() => undefined);
  exited.catch(() => undefined);
  return { process: child, firstLine, exited };
}

/** Runs a script to the end and returns the JSON it printed. */
export async function runChild<T>(script: URL, args: string[]): Promise<T> {
  const child = startChild(script, args);
  const [result] = await Promise.all([child.firstLine, child.exited]);
  return result as T;
}
