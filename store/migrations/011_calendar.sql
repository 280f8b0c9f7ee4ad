-- Personal calendar feeds: a secret URL per person (GET /api/v1/calendar/<token>.ics, no bearer token, as calendar
-- programs subscribe). Only the token's SHA-256 is kept; renewing replaces it, so the old URL stops working. The
-- person's roles and Gemeinden are kept as of the renewal: the feed shows what they saw then.
CREATE TABLE calendar_feeds (
  user_id text PRIMARY KEY,
  token_sha256 text NOT NULL UNIQUE,
  principal jsonb NOT NULL,
  renewed_at timestamptz NOT NULL DEFAULT now()
);
