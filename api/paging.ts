// One paging convention for every list the API answers (as /openapi.json documents it): `?limit=` (1–500, default 50) and
// `?cursor=` — the `nextCursor` of the page before, opaque to clients — answered as `{ items, nextCursor }`, with
// `nextCursor` null on the last page. Every list route takes `pageQuery` (extended by its own filters, which the
// OpenAPI document is generated from) and builds its answer with `pageOf` (lists held in memory: catalogs, demo
// users) or `pageFromRows` (lists read from the database by key, one row more than the page to see if more follow).
// A cursor the API did not hand out is a 400 (InvalidCursorError, api/app.ts).
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '../store/cursor';
import { InvalidCursorError } from '../store/errors';

export const PAGE_LIMIT = { default: 50, max: 500 } as const;

export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT.max).default(PAGE_LIMIT.default)
    .describe(`Einträge je Seite (1–${PAGE_LIMIT.max}, Standard ${PAGE_LIMIT.default})`),
  cursor: z.string().max(2000).optional().describe('`nextCursor` der vorigen Seite (sonst: die erste Seite)'),
});

export type PageQuery = z.output<typeof pageQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The cursor after a numeric key: a position, an event's seq, a row id. */
export function numberCursor(n: number): string {
  return encodeCursor([String(n)]);
}

/** The numeric key of a cursor from `numberCursor`, at most `max` (the key column's range); undefined without one. */
export function cursorNumber(cursor: string | undefined, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (cursor === undefined) return undefined;
  const [key] = decodeCursor(cursor, 1);
  if (!/^\d{1,16}$/.test(key ?? '') || Number(key) > max) throw new InvalidCursorError();
  return Number(key);
}

/** A page of a list held in memory; its cursor is the position after the page (the lists are fixed per process). */
export function pageOf<T>(all: readonly T[], q: PageQuery): Page<T> {
  const start = cursorNumber(q.cursor) ?? 0;
  const end = start + q.limit;
  return { items: all.slice(start, end), nextCursor: end < all.length ? numberCursor(end) : null };
}

/** A page from rows read with `limit + 1`: the extra row only tells that another page follows. */
export function pageFromRows<T>(rows: readonly T[], limit: number, cursorAfter: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorAfter(items[items.length - 1]) : null };
}
