// Fault injection. Grammar of `X-Mock-Fault` (or `?mockFault=`): `;`-separated directives,
//   latency=<ms> | status=<400-599> | retry-after=<value> | reset | truncate | invalid-json
//   | slow-body=<ms> | empty-page | times=<n>
// e.g. `status=429;retry-after=2;times=1`. Per-request faults only apply in test mode.
import { mulberry32 } from './data/random.js';

export interface Fault {
  latencyMs?: number;
  status?: number;
  retryAfter?: string;
  reset?: boolean;
  truncate?: boolean;
  invalidJson?: boolean;
  slowBodyMs?: number;
  /** 200 with the page's envelope as it is (total included) but no items: pages that do not add up. */
  emptyPage?: boolean;
  /** Only the first N requests that share an X-Request-ID get the fault. */
  times?: number;
}

export interface RandomFaults {
  seed?: number;
  /** Probability in [0, 1] that an API request gets a fault. */
  rate: number;
  /** Fault specs (same grammar) to pick from; a default mix when absent. */
  kinds?: string[];
}

export const DEFAULT_RANDOM_KINDS = ['status=503', 'status=429;retry-after=1', 'status=500', 'reset', 'truncate', 'invalid-json', 'latency=100'];
const MAX_MS = 120_000;

export function parseFault(text: string): Fault | { error: string } {
  const fault: Fault = {};
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : part.slice(eq + 1).trim();
    const int = (min: number, max: number): number | undefined => {
      const n = value !== undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
      return n >= min && n <= max ? n : undefined;
    };
    const flag = (): boolean | undefined => (value === undefined ? true : undefined);
    let ok: unknown;
    switch (key) {
      case 'latency': ok = fault.latencyMs = int(0, MAX_MS); break;
      case 'slow-body': ok = fault.slowBodyMs = int(1, MAX_MS); break;
      case 'status': ok = fault.status = int(400, 599); break;
      case 'times': ok = fault.times = int(1, 1_000_000); break;
      case 'retry-after': ok = fault.retryAfter = value || undefined; break;
      case 'reset': ok = fault.reset = flag(); break;
      case 'truncate': ok = fault.truncate = flag(); break;
      case 'invalid-json': ok = fault.invalidJson = flag(); break;
      case 'empty-page': ok = fault.emptyPage = flag(); break;
      default: return { error: `unknown fault "${key}"` };
    }
    if (ok === undefined) return { error: `bad value in "${part}"` };
  }
  return fault;
}

export class FaultPlanner {
  private readonly seen = new Map<string, number>();
  private readonly random?: { next: () => number; rate: number; kinds: Fault[] };

  constructor(private readonly testMode: boolean, random?: RandomFaults) {
    if (random && random.rate > 0) {
      const kinds = (random.kinds ?? DEFAULT_RANDOM_KINDS).map((k) => {
        const f = parseFault(k);
        if ('error' in f) throw new Error(`faults.kinds: ${k}: ${f.error}`);
        return f;
      });
      this.random = { next: mulberry32(random.seed ?? 1), rate: random.rate, kinds };
    }
  }

  /**
   * The fault for one request, or an error text for a malformed spec.
   * `api` is false for the token endpoint, which only gets faults asked for by header.
   */
  plan(spec: string | undefined, requestId: string | undefined, api: boolean): Fault | { error: string } | undefined {
    if (spec !== undefined && this.testMode) {
      const fault = parseFault(spec);
      if ('error' in fault) return fault;
      if (fault.times !== undefined) {
        // Keyed by request id and spec, so a client's retries (same X-Request-ID) get through after N.
        const key = `${requestId ?? ''}\u0000${spec}`;
        const n = (this.seen.get(key) ?? 0) + 1;
        this.seen.set(key, n);
        if (n > fault.times) return undefined;
      }
      return fault;
    }
    if (api && this.random) {
      const r = this.random;
      if (r.next() < r.rate) return r.kinds[Math.floor(r.next() * r.kinds.length)];
    }
    return undefined;
  }
}
