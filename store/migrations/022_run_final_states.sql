-- A closed run's last state, as its workflow answered getState when the run's closing event was stored
-- (activities/events.ts). The run's page reads it instead of asking Temporal, which for a closed run replays the
-- whole history on a worker (185–240 ms for an onboarding of 300 Verfahren), and still shows the steps after the
-- namespace's retention has removed the run. Not derived from the event log: a rebuild of the projections keeps it.
CREATE TABLE run_final_states (
  run_id text PRIMARY KEY,
  state jsonb NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);
