// How one pull or download under faults ended. Exact and typed are the only good outcomes:
// anything else (a short or reordered result without an error, or an error that does not say
// which page and which correlation id) is what the suite exists to catch.
import { UsageApiError } from '@meterbook/sdk';

export type Outcome =
  | { kind: 'exact' }
  | { kind: 'typed'; errorKind: string }
  | { kind: 'silent'; detail: string }
  | { kind: 'untyped'; detail: string };

/** A typed error must name the correlation id, and the page when it came from a paged walk. */
export function classifyError(error: unknown, paged: boolean): Outcome {
  if (!(error instanceof UsageApiError)) {
    return { kind: 'untyped', detail: `${error instanceof Error ? error.name : typeof error}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}` };
  }
  const missing = [!error.correlationId && 'correlationId', paged && typeof error.page !== 'number' && 'page'].filter(Boolean);
  if (missing.length > 0) return { kind: 'untyped', detail: `${error.name} (${error.kind}) without ${missing.join(' and ')}: ${error.message.slice(0, 200)}` };
  return { kind: 'typed', errorKind: error.kind };
}

export class Tally {
  readonly outcomes: { label: string; outcome: Outcome }[] = [];

  add(label: string, outcome: Outcome): void {
    this.outcomes.push({ label, outcome });
  }

  count(kind: Outcome['kind']): number {
    return this.outcomes.filter((o) => o.outcome.kind === kind).length;
  }

  /** Typed errors by kind, e.g. { server: 2, network: 1 }. */
  errorKinds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const { outcome } of this.outcomes) if (outcome.kind === 'typed') out[outcome.errorKind] = (out[outcome.errorKind] ?? 0) + 1;
    return out;
  }

  /** `resilience: 40 pulls, 36 exact, 4 typed errors, 0 silent, 0 untyped`. */
  line(what: string): string {
    return `resilience: ${this.outcomes.length} ${what}, ${this.count('exact')} exact, ${this.count('typed')} typed errors ${JSON.stringify(this.errorKinds())}, ${this.count('silent')} silent, ${this.count('untyped')} untyped`;
  }

  /** The bad outcomes, one line each. */
  problems(): string[] {
    return this.outcomes
      .filter((o) => o.outcome.kind === 'silent' || o.outcome.kind === 'untyped')
      .map((o) => `${o.label}: ${o.outcome.kind} ${'detail' in o.outcome ? o.outcome.detail : ''}`);
  }
}

/** Runs tasks with at most `parallel` at once, stopping new ones once the time budget is spent. */
export async function runBounded(tasks: (() => Promise<void>)[], parallel: number, budgetMs: number): Promise<number> {
  const deadline = Date.now() + budgetMs;
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length && Date.now() < deadline) {
      const task = tasks[next++] as () => Promise<void>;
      await task();
      done++;
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return done;
}
