-- Devices of a Gemeinde, one row each (issue 14): the inventory import stores them, a rollout batch (its run) takes
-- some of them, and each per-device step of the batch keeps its state here, not in the workflow history.
CREATE TABLE devices (
  id text PRIMARY KEY,
  ags text NOT NULL,
  hostname text NOT NULL,
  serial text NOT NULL,
  mac text NOT NULL,
  os text NOT NULL,
  model text NOT NULL,
  location text,
  user_name text,
  -- the run of the rollout batch the device belongs to
  batch_run_id text,
  status text NOT NULL DEFAULT 'inventarisiert',
  -- state per per-device step: { stepId: { state, reason?, by?, at?, data? } }
  steps jsonb NOT NULL DEFAULT '{}'::jsonb,
  imported_by_run text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- a serial number is unique within a Gemeinde, compared without case (as the import checks it)
CREATE UNIQUE INDEX devices_serial ON devices (ags, upper(serial));
CREATE INDEX devices_batch ON devices (batch_run_id) WHERE batch_run_id IS NOT NULL;
CREATE INDEX devices_location ON devices (ags, location);
