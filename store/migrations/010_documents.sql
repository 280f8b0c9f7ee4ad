-- Documents of a run (uploaded papers and generated PDFs): kept here with the audit trail, never in Temporal, so
-- they follow the audit trail's retention. Workflow history and events carry only the id and the SHA-256.
CREATE TABLE documents (
  id text PRIMARY KEY,
  run_id text NOT NULL,
  -- the Gemeinde the run belongs to: every read is tenant-scoped by it
  ags text NOT NULL,
  task_id text,
  -- what the paper is (vertrag, avv, angebot, abnahmeprotokoll …); free text from the uploader or the generator
  kind text,
  name text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  deleted_by text,
  deleted_at timestamptz
);
CREATE INDEX documents_run ON documents (run_id, uploaded_at);

-- What happened to documents (uploaded, generated, deleted): append-only like the events table. The run's own event
-- stream is numbered by its workflow, so these live beside it rather than inside it.
CREATE TABLE document_events (
  id bigserial PRIMARY KEY,
  document_id text NOT NULL,
  run_id text NOT NULL,
  type text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX document_events_run ON document_events (run_id, id);
CREATE TRIGGER document_events_no_update_delete BEFORE UPDATE OR DELETE ON document_events
  FOR EACH ROW EXECUTE FUNCTION events_append_only();
