// The worker process's own figures: the Temporal SDK Core's histograms on its /metrics (docs/metrics.md), scraped
// before and after a phase, so that a phase reads only its own samples. A series is a histogram summed over its label
// sets, kept apart only by the operation (a request to the server) or the activity type.
import { randomBytes } from 'node:crypto';
import { freePort } from '../free-port';

export interface WorkerMetrics {
  url: string;
  token: string;
}

interface Series {
  sum: number;
  count: number;
  /** cumulative count per bucket bound */
  buckets: Map<number, number>;
}
export type Scrape = Map<string, Series>;

/** `name`, or `name{operation=X}` / `name{activity_type=X}` for a series of one request or activity type */
export const seriesKey = (name: string, label?: { operation?: string; activity_type?: string }): string => {
  const [k, v] = Object.entries(label ?? {})[0] ?? [];
  return k ? `${name}{${k}=${v}}` : name;
};

const LINE = /^(\w+?)_(bucket|sum|count)\{([^}]*)\} (\S+)$/;

export async function scrape(m: WorkerMetrics): Promise<Scrape> {
  const res = await fetch(m.url, { headers: { Authorization: `Bearer ${m.token}` } });
  if (res.status !== 200) throw new Error(`worker metrics: ${res.status}`);
  const out: Scrape = new Map();
  for (const line of (await res.text()).split('\n')) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, name, part, labelText, value] = match;
    const labels = Object.fromEntries([...labelText.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const keys = [name];
    if (labels.operation) keys.push(seriesKey(name, { operation: labels.operation }));
    if (labels.activity_type) keys.push(seriesKey(name, { activity_type: labels.activity_type }));
    for (const key of keys) {
      const s = out.get(key) ?? { sum: 0, count: 0, buckets: new Map<number, number>() };
      if (part === 'sum') s.sum += Number(value);
      else if (part === 'count') s.count += Number(value);
      else {
        const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
        s.buckets.set(le, (s.buckets.get(le) ?? 0) + Number(value));
      }
      out.set(key, s);
    }
  }
  return out;
}

/** The mean of the samples between two scrapes (the buckets are too coarse for a median: 1, 10, 20, 50 … ms). */
export function meanBetween(before: Scrape, after: Scrape, key: string): { meanMs: number; n: number } {
  const a = after.get(key);
  const b = before.get(key);
  const n = (a?.count ?? 0) - (b?.count ?? 0);
  return { meanMs: n > 0 ? Math.round((((a?.sum ?? 0) - (b?.sum ?? 0)) / n) * 10) / 10 : NaN, n };
}

/** p95 of the samples between two scrapes: the smallest bucket bound holding 95 % of them. */
export function p95Between(before: Scrape, after: Scrape, key: string): { p95: number; n: number } {
  const a = after.get(key);
  if (!a) return { p95: NaN, n: 0 };
  const b = before.get(key);
  const n = a.count - (b?.count ?? 0);
  for (const le of [...a.buckets.keys()].sort((x, y) => x - y)) {
    if (a.buckets.get(le)! - (b?.buckets.get(le) ?? 0) >= 0.95 * n) return { p95: le, n };
  }
  return { p95: NaN, n };
}

/** A metrics port and token for a worker process: the environment that opens them, and where to read. */
export async function workerMetricsEnv(): Promise<{ env: Record<string, string>; metrics: WorkerMetrics }> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  return { env: { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: token }, metrics: { url: `http://127.0.0.1:${port}/metrics`, token } };
}
