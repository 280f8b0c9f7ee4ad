// Collects query parameters while a statement is assembled from optional filters.
export class Params {
  readonly values: unknown[] = [];

  /** the placeholder for `value` */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** Parameters that start as these, for a statement that extends one with the same leading filters. */
  copy(): Params {
    const c = new Params();
    c.values.push(...this.values);
    return c;
  }
}

export const MAX_LIMIT = 1000;

export function clampLimit(limit: number | undefined, fallback = 50): number {
  const n = limit === undefined || !Number.isFinite(limit) ? fallback : Math.floor(limit);
  return Math.min(Math.max(n, 1), MAX_LIMIT);
}
