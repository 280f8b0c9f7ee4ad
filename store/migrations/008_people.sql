-- The people the engine can assign, mail and name, shared by every API replica and the worker. Filled from the
-- organisation's directory (LDAP sync) or, without one, from verified sign-in tokens. Nobody is deleted: people who
-- left are deactivated, because the audit trail still names them.
CREATE TABLE people (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL DEFAULT '',
  roles text[] NOT NULL DEFAULT '{}',
  gemeinden text[] NOT NULL DEFAULT '{}',
  -- where the person's roles come from: 'directory' (LDAP) or 'token' (their last sign-in)
  source text NOT NULL CHECK (source IN ('directory', 'token')),
  active boolean NOT NULL DEFAULT true,
  last_seen_at timestamptz,
  synced_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- team lookups: the active holders of a role
CREATE INDEX people_roles ON people USING gin (roles) WHERE active;

-- One row per directory sync (schedule or admin), for the admin view: when, triggered by whom, and how it went.
CREATE TABLE directory_syncs (
  id bigserial PRIMARY KEY,
  trigger text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  ok boolean NOT NULL,
  people integer NOT NULL DEFAULT 0,
  added integer NOT NULL DEFAULT 0,
  deactivated integer NOT NULL DEFAULT 0,
  -- a short cause without secrets (LDAP error code and text)
  error text
);
