-- The conversation between a Gemeinde and its project lead, per run: messages both sides see. Kept here beside the
-- documents, never in workflow history (they hold personal matter); append-only like the audit trail.
CREATE TABLE run_messages (
  id text PRIMARY KEY,
  run_id text NOT NULL,
  -- the Gemeinde the run belongs to: every read is tenant-scoped by it
  ags text NOT NULL,
  author_id text NOT NULL,
  author_name text NOT NULL,
  -- which side wrote it: the Gemeinde's staff or the KU (project lead, admin); the mail goes to the other side
  side text NOT NULL CHECK (side IN ('gemeinde', 'ku')),
  text text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  -- the order they were written in, also within one clock tick
  seq bigserial NOT NULL
);
CREATE INDEX run_messages_run ON run_messages (run_id, seq);
CREATE TRIGGER run_messages_no_update_delete BEFORE UPDATE OR DELETE ON run_messages
  FOR EACH ROW EXECUTE FUNCTION events_append_only();

-- Mail can carry a run's document (the released offer's PDF goes to the Gemeinde): a captured mail notes which
-- (ids and file names; the bytes stay in `documents`).
ALTER TABLE captured_mail ADD COLUMN attachments jsonb;

-- A held mail about a task names it, so the digest can leave out tasks finished since (done or cancelled).
ALTER TABLE mail_digest_items ADD COLUMN task_id text;
