// Opaque keyset cursors: the sort key of the last item of a page, as base64url JSON. Clients only hand them back.
import { InvalidCursorError } from './errors';

export function encodeCursor(key: (string | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key of `length` entries, each a string or (where `nullable`) null; anything else is a forged cursor. */
export function decodeCursor(cursor: string, length: number, nullable: boolean[] = []): (string | null)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(key) || key.length !== length) throw new InvalidCursorError();
  key.forEach((v, i) => {
    if (!(typeof v === 'string' || (v === null && nullable[i]))) throw new InvalidCursorError();
  });
  return key as (string | null)[];
}

/** ISO timestamp from a cursor: parseable, or the cursor was not ours. */
export function cursorTime(value: string | null): string | null {
  if (value !== null && Number.isNaN(Date.parse(value))) throw new InvalidCursorError();
  return value;
}
