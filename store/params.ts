// Collects query parameters while a statement is assembled from optional filters.
export class Params {
  readonly values: unknown[] = [];

  /** the placeholder for `value` */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const MAX_LIMIT = 1000;

export function clampLimit(limit: number | undefined, fallback = 50): number {
  const n = limit === undefined || !Number.isFinite(limit) ? fallback : Math.floor(limit);
  return Math.min(Math.max(n, 1), MAX_LIMIT);
}
