-- Notifications (mail, outbound webhooks) and inbound events.

-- One row per message a stored domain event calls for. The key makes a retried delivery activity find the jobs of
-- its first attempt instead of adding new ones; `lease_until` keeps two overlapping attempts from sending one job
-- twice. `payload` is fixed when the job is queued, so every attempt sends the same bytes (and the same signature).
CREATE TABLE notification_deliveries (
  run_id text NOT NULL,
  seq integer NOT NULL,
  channel text NOT NULL CHECK (channel IN ('mail', 'webhook')),
  -- mail: the address; webhook: the subscription id
  recipient text NOT NULL,
  event_type text NOT NULL,
  payload jsonb NOT NULL,
  -- pending → sent; webhooks may end `given_up` (past their retry window) or `cancelled` (subscription deleted)
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'given_up', 'cancelled')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  lease_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (run_id, seq, channel, recipient)
);
CREATE INDEX notification_deliveries_pending ON notification_deliveries (created_at) WHERE state = 'pending';

-- Mail captured instead of sent (embedded mode without SMTP): what GET /api/v1/dev/mail lists. Unique per
-- delivery, so capturing is as idempotent as sending.
CREATE TABLE captured_mail (
  id bigserial PRIMARY KEY,
  delivery_key text NOT NULL UNIQUE,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  run_id text,
  event_type text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX captured_mail_to ON captured_mail (lower(to_address), id DESC);

-- Outbound webhook subscriptions. The secret is kept because every delivery is signed with it; the API returns it
-- once, in the answer to the POST that created it. Deleting keeps the row (the delivery log still refers to it).
CREATE TABLE webhook_subscriptions (
  id text PRIMARY KEY,
  url text NOT NULL,
  event_types text[] NOT NULL,
  secret text NOT NULL,
  description text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);

-- Every attempt to deliver to a subscription, successful or not: the delivery log admins read.
CREATE TABLE webhook_attempts (
  id bigserial PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES webhook_subscriptions (id),
  event_id text NOT NULL,
  event_type text NOT NULL,
  attempt integer NOT NULL,
  status_code integer,
  error text,
  duration_ms integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_subscription ON webhook_attempts (subscription_id, id DESC);

-- Inbound events accepted from other systems, by their id: a repeat is answered with the first result.
CREATE TABLE inbound_events (
  id text PRIMARY KEY,
  sender text NOT NULL,
  subject text NOT NULL,
  type text NOT NULL,
  result jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
