-- Batches (Chargen) of an onboarding's rollouts, formed from the Gemeinde's devices (issue 14 item 2). A batch's id is
-- the run id of the child rollout that takes it; its devices are those whose devices.batch_run_id names it. The
-- project lead may move and exclude devices until the fan-out takes the batches (locked_at).
CREATE TABLE device_batches (
  id text PRIMARY KEY,
  -- the onboarding run whose rollout step fans out into these batches
  run_id text NOT NULL,
  ags text NOT NULL,
  name text NOT NULL,
  position integer NOT NULL,
  location text,
  max_size integer NOT NULL,
  locked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_batches_run ON device_batches (run_id, position);

-- devices the project lead took out of an onboarding's batches, with the reason
CREATE TABLE device_batch_exclusions (
  run_id text NOT NULL,
  device_id text NOT NULL,
  reason text NOT NULL,
  excluded_by text NOT NULL,
  excluded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, device_id)
);
