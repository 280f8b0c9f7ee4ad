// Cursor paging over an ordered list: the cursor is the opaque offset of the next page.
import { problem } from './problem';

export function page<T>(rows: T[], limit: number, cursor?: string): { items: T[]; nextCursor: string | null } {
  let offset = 0;
  if (cursor) {
    offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw problem.badRequest('Ungültiger cursor.');
  }
  const items = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(String(offset + limit), 'utf8').toString('base64url') : null;
  return { items, nextCursor: next };
}
