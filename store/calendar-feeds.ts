// The secret of each person's calendar feed (table calendar_feeds). The token itself is shown once, at renewal;
// the table keeps only its hash.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db';

export interface FeedOwner {
  id: string;
  name: string;
  roles: string[];
  gemeinden: string[];
}

export interface CalendarFeedStore {
  /** a new secret for the person (the previous one stops working) */
  renew(owner: FeedOwner): Promise<string>;
  /** whose feed a secret opens */
  ownerOf(token: string): Promise<FeedOwner | undefined>;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export function calendarFeedStore(db: Db): CalendarFeedStore {
  return {
    async renew(owner) {
      const token = randomBytes(32).toString('base64url');
      await db.query(
        `INSERT INTO calendar_feeds (user_id, token_sha256, principal) VALUES ($1, $2, $3::text::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET token_sha256 = EXCLUDED.token_sha256, principal = EXCLUDED.principal, renewed_at = now()`,
        [owner.id, hash(token), JSON.stringify(owner)],
      );
      return token;
    },
    async ownerOf(token) {
      if (!/^[\w-]{20,100}$/.test(token)) return undefined;
      const { rows } = await db.query<{ principal: FeedOwner }>('SELECT principal FROM calendar_feeds WHERE token_sha256 = $1', [hash(token)]);
      return rows[0]?.principal;
    },
  };
}
