-- Mail people want: per person and kind of mail immediately, in the daily digest, or not at all.

-- A person's own choices; kinds without a row follow the defaults of domain/mail-preferences.ts.
CREATE TABLE mail_preferences (
  user_id text NOT NULL,
  kind text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('immediately', 'digest', 'none')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, kind)
);

-- Mails held for the daily digest, keyed like the deliveries (run, seq, recipient) so a retried delivery adds each
-- once. The digest run that takes an item writes its day; a digest is one mail per (recipient, day).
CREATE TABLE mail_digest_items (
  run_id text NOT NULL,
  seq integer NOT NULL,
  recipient text NOT NULL,
  recipient_name text,
  kind text NOT NULL,
  subject text NOT NULL,
  link text,
  created_at timestamptz NOT NULL DEFAULT now(),
  digest_day date,
  sent_at timestamptz,
  PRIMARY KEY (run_id, seq, recipient)
);
CREATE INDEX mail_digest_items_open ON mail_digest_items (digest_day, recipient) WHERE sent_at IS NULL;
