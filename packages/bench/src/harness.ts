// The shared harness: a warm-up, then baseline and ours alternating round by round (the order
// flips every round so neither always runs on a warmer process), medians, and the ratio.

/** One timed run of a variant, with the data it produced (compared, never kept) and extra figures. */
export interface Sample<T> {
  ms: number;
  data: T;
  metrics?: Record<string, number>;
}

export interface VariantSummary {
  label: string;
  medianMs: number;
  samplesMs: number[];
  /** Median of each extra figure over the rounds. */
  metrics: Record<string, number>;
}

export interface PairOptions<T> {
  rounds: number;
  warmup: number;
  baseline: { label: string; run: () => Promise<Sample<T>> };
  ours: { label: string; run: () => Promise<Sample<T>> };
  /** Undefined when both produced the same data, else what differs. */
  differ: (baseline: T, ours: T) => string | undefined;
  /** Told after each run, for progress output. */
  onRun?: (variant: 'baseline' | 'ours', round: number, sample: Sample<T>) => void;
}

export interface PairSummary {
  baseline: VariantSummary;
  ours: VariantSummary;
  /** Rounds in which both produced the same data (all of them, or the run throws). */
  sameDataRounds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds a figure for the JSON: enough digits to compare, no float noise. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function summarize(label: string, samples: Sample<unknown>[]): VariantSummary {
  const metrics: Record<string, number> = {};
  const names = new Set(samples.flatMap((s) => Object.keys(s.metrics ?? {})));
  for (const name of names) metrics[name] = round(median(samples.map((s) => s.metrics?.[name] ?? Number.NaN)));
  return { label, medianMs: round(median(samples.map((s) => s.ms))), samplesMs: samples.map((s) => round(s.ms)), metrics };
}

/**
 * Runs both variants `warmup` times (not measured), then `rounds` times alternating, and checks
 * that they produced the same data in every round; a difference is an error, not a figure.
 */
export async function comparePair<T>(options: PairOptions<T>): Promise<PairSummary> {
  for (let i = 0; i < options.warmup; i++) {
    await options.baseline.run();
    await options.ours.run();
  }
  const baseline: Sample<T>[] = [];
  const ours: Sample<T>[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? (['baseline', 'ours'] as const) : (['ours', 'baseline'] as const);
    const got: Partial<Record<'baseline' | 'ours', Sample<T>>> = {};
    for (const variant of order) {
      const sample = await options[variant].run();
      options.onRun?.(variant, round, sample);
      got[variant] = sample;
    }
    const b = got.baseline as Sample<T>;
    const o = got.ours as Sample<T>;
    const difference = options.differ(b.data, o.data);
    if (difference !== undefined) throw new Error(`round ${round + 1}: baseline and ours produced different data: ${difference}`);
    // Keep the figures only, so a round's data can be collected before the next one.
    baseline.push({ ms: b.ms, data: undefined as T, metrics: b.metrics });
    ours.push({ ms: o.ms, data: undefined as T, metrics: o.metrics });
  }
  return { baseline: summarize(options.baseline.label, baseline), ours: summarize(options.ours.label, ours), sameDataRounds: options.rounds };
}

/**
 * The median over rounds of `over` / `under` within each round (ours / baseline, say). On a
 * shared machine a slow spell slows every run of one round alike, so the per-round ratio holds
 * where separate medians drift.
 */
export function pairedRatio(over: VariantSummary, under: VariantSummary): number {
  return median(over.samplesMs.map((ms, i) => ms / (under.samplesMs[i] ?? Number.NaN)));
}

/** pairedRatio of two variants of a compareVariants result, by name, to 2 digits (NaN when one is missing). */
export function variantRatio(variants: Record<string, VariantSummary>, over: string, under: string): number {
  const o = variants[over];
  const u = variants[under];
  return o === undefined || u === undefined ? Number.NaN : round(pairedRatio(o, u), 2);
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export interface VariantsOptions<T> {
  rounds: number;
  warmup: number;
  variants: { name: string; label: string; run: () => Promise<Sample<T>> }[];
  /** Undefined when a variant's data agrees with the first variant's, else what differs. */
  differ: (first: T, other: T, name: string) => string | undefined;
  onRun?: (name: string, round: number, sample: Sample<T>) => void;
}

/**
 * comparePair for more than two variants: warm-up runs, then every variant once per round, the
 * order rotated each round so none always runs first; each round's data checked against the first.
 */
export async function compareVariants<T>(options: VariantsOptions<T>): Promise<Record<string, VariantSummary>> {
  const { variants } = options;
  for (let i = 0; i < options.warmup; i++) for (const v of variants) await v.run();
  const samples = new Map<string, Sample<unknown>[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    const got = new Map<string, T>();
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(round + k) % variants.length] as (typeof variants)[number];
      const sample = await v.run();
      options.onRun?.(v.name, round, sample);
      got.set(v.name, sample.data);
      samples.get(v.name)?.push({ ms: sample.ms, data: undefined, metrics: sample.metrics });
    }
    const first = variants[0] as (typeof variants)[number];
    for (const v of variants.slice(1)) {
      const difference = options.differ(got.get(first.name) as T, got.get(v.name) as T, v.name);
      if (difference !== undefined) throw new Error(`round ${round + 1}: ${first.name} and ${v.name} produced different data: ${difference}`);
    }
  }
  return Object.fromEntries(variants.map((v) => [v.name, summarize(v.label, samples.get(v.name) ?? [])]));
}
