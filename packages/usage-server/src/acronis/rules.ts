// The spec's generic body rules (`x-meterbook-rules.bodyDateRange` and `.forbiddenWhen`), applied
// by JSON Pointer: nothing here knows Acronis's field names.

export interface BodyDateRangeRule {
  start: string;
  end: string;
  notInFuture: boolean;
  allowEqual: boolean;
  maxDays?: number;
}

export interface ForbiddenWhenRule {
  path: string;
  when: { path: string; equals: unknown };
}

export interface BodyRules {
  bodyDateRange?: BodyDateRangeRule;
  forbiddenWhen: ForbiddenWhenRule[];
}

export interface RuleViolation {
  /** The field, dotted (`parameters.period.end`). */
  name: string;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the rules; malformed ones fail loudly rather than being dropped. */
export function readBodyRules(raw: unknown): BodyRules {
  const rules: BodyRules = { forbiddenWhen: [] };
  if (!isObject(raw)) return rules;
  const range = raw.bodyDateRange;
  if (range !== undefined) {
    if (!isObject(range) || typeof range.start !== 'string' || typeof range.end !== 'string') {
      throw new Error('openapi spec: x-meterbook-rules.bodyDateRange needs start and end pointers');
    }
    rules.bodyDateRange = {
      start: range.start, end: range.end, notInFuture: range.notInFuture === true, allowEqual: range.allowEqual === true,
      ...(typeof range.maxDays === 'number' ? { maxDays: range.maxDays } : {}),
    };
  }
  const forbidden = raw.forbiddenWhen;
  if (forbidden !== undefined) {
    if (!Array.isArray(forbidden)) throw new Error('openapi spec: x-meterbook-rules.forbiddenWhen must be a list');
    for (const entry of forbidden as unknown[]) {
      if (!isObject(entry) || typeof entry.path !== 'string' || !isObject(entry.when) || typeof entry.when.path !== 'string') {
        throw new Error('openapi spec: x-meterbook-rules.forbiddenWhen entries need path and when.path');
      }
      rules.forbiddenWhen.push({ path: entry.path, when: { path: entry.when.path, equals: entry.when.equals } });
    }
  }
  return rules;
}

/** The value at an RFC 6901 pointer, or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

export function pointerToName(pointer: string): string {
  return pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

const DAY_MS = 86_400_000;

function parseDay(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? undefined : ms;
}

/** Every rule the body breaks. `today` is `yyyy-mm-dd` (UTC). */
export function checkBodyRules(rules: BodyRules, body: unknown, today: string): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const rule of rules.forbiddenWhen) {
    const trigger = atPointer(body, rule.when.path);
    if (trigger === rule.when.equals && atPointer(body, rule.path) !== undefined) {
      out.push({
        name: pointerToName(rule.path),
        message: `must be absent when ${pointerToName(rule.when.path)} is ${String(rule.when.equals)}`,
      });
    }
  }
  const range = rules.bodyDateRange;
  if (range) {
    const rawStart = atPointer(body, range.start);
    const rawEnd = atPointer(body, range.end);
    if (rawStart !== undefined && rawEnd !== undefined) {
      const startName = pointerToName(range.start);
      const endName = pointerToName(range.end);
      const start = parseDay(rawStart);
      const end = parseDay(rawEnd);
      if (start === undefined) out.push({ name: startName, message: 'must be a real date (yyyy-mm-dd)' });
      if (end === undefined) out.push({ name: endName, message: 'must be a real date (yyyy-mm-dd)' });
      if (start !== undefined && end !== undefined) {
        const todayMs = parseDay(today) ?? Date.now();
        if (range.notInFuture && start > todayMs) out.push({ name: startName, message: `must not be in the future (after ${today})` });
        if (range.notInFuture && end > todayMs) out.push({ name: endName, message: `must not be in the future (after ${today})` });
        if (range.allowEqual ? start > end : start >= end) {
          out.push({ name: endName, message: `must be ${range.allowEqual ? 'on or ' : ''}after ${startName}` });
        } else if (range.maxDays !== undefined && (end - start) / DAY_MS > range.maxDays) {
          out.push({ name: endName, message: `must be at most ${range.maxDays} days after ${startName}` });
        }
      }
    }
  }
  return out;
}
