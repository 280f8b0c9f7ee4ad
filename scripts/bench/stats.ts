// Percentiles over many samples: on a shared, noisy two-core machine a single timing says nothing, a p50 over a
// hundred says something, and a ratio against a baseline measured in the same run says the most.
import { performance } from 'node:perf_hooks';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** One line of the bench's table: what, the figure, its goal, and whether it was met (undefined: a diagnostic). */
export type Row = [measure: string, figure: string, goal: string, met: boolean | undefined];

export function percentiles(ms: number[]): Percentiles {
  if (ms.length === 0) return { n: 0, p50: NaN, p95: NaN, max: NaN };
  const s = [...ms].sort((a, b) => a - b);
  // nearest-rank percentiles: no interpolation between samples that never happened
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { n: s.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(s[s.length - 1]) };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Runs `fn` under a deadline so one stuck phase cannot hold the whole benchmark hostage. */
export async function withDeadline<T>(label: string, ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: not finished within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([fn(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
