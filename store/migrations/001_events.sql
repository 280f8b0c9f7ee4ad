-- The audit trail: what happened in each run, in order, kept for years after Temporal has forgotten the run.
-- `run` and `task` hold the snapshots after the change, so the projections can be rebuilt from this table alone.
CREATE TABLE events (
  run_id text NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  at timestamptz NOT NULL,
  type text NOT NULL,
  actor text,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  run jsonb,
  task jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, seq)
);

-- An audit trail that can be edited is no audit trail: only INSERT is allowed, whatever the client.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
