-- Idempotency keys of the API's POST actions: the first answer per (principal, request, key), so a client's retry
-- gets that answer instead of a second execution. `pending` marks a request still being processed (a concurrent
-- repeat answers 409); rows older than a day are purged by the API as it goes.
CREATE TABLE idempotency_keys (
  principal text NOT NULL,
  -- method and path of the request, e.g. `POST /api/v1/runs`
  scope text NOT NULL,
  key text NOT NULL,
  -- SHA-256 of the request body: the same key with another body is a client error (422), not a retry
  fingerprint text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  status integer,
  location text,
  body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, scope, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
