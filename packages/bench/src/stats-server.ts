// The parent side of stats-server-child.ts: start it, ask it for its request counts, stop it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface ServerCounts {
  requests: number;
  maxInFlight: number;
}

export interface StatsServer {
  url: string;
  token: string;
  /** The counts since the last reset, and (with `reset`) a fresh start. */
  stats(reset?: boolean): Promise<ServerCounts>;
  close(): Promise<void>;
}

const script = new URL('./stats-server-child.ts', import.meta.url);

export async function startStatsServer(latencyMs: number): Promise<StatsServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script.pathname, String(latencyMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done) throw new Error(`${script.pathname} stopped before answering`);
    return JSON.parse(line.value) as unknown;
  };
  const { url, token } = (await nextLine()) as { url: string; token: string };
  return {
    url,
    token,
    async stats(reset = false) {
      child.stdin.write(reset ? 'reset\n' : 'stats\n');
      return (await nextLine()) as ServerCounts;
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
