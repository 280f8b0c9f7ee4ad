-- Year plan (issue 15): onboardings planned before they start, and each team's capacity for onboarding work.
-- A planned entry becomes a run when its onboarding starts (run ids are `onboarding-<AGS>`): run_id links them.
CREATE TABLE planned_onboardings (
  id text PRIMARY KEY,
  ags text NOT NULL,
  variant text NOT NULL,
  desired_go_live date NOT NULL,
  -- the expected Verfahren by catalogue id, or only how many (an Anfrage rarely names them)
  verfahren jsonb NOT NULL DEFAULT '[]',
  verfahren_count integer NOT NULL,
  workstations integer NOT NULL,
  status text NOT NULL,
  notes text,
  run_id text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX planned_onboardings_go_live ON planned_onboardings (desired_go_live);

-- People × hours per week each team gives to onboarding work (the rest goes to operations). The sample figures of
-- DOMAIN.md as a start; administrators change them in the Jahresplanung.
CREATE TABLE team_capacity (
  role text PRIMARY KEY,
  people integer NOT NULL,
  hours_per_week numeric NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO team_capacity (role, people, hours_per_week) VALUES
  ('projektleitung', 2, 20), ('bereichsleitung', 1, 6), ('netzwerk', 2, 16), ('arbeitsplatz', 4, 24),
  ('verfahren', 3, 20), ('datenschutz', 1, 6), ('isb', 1, 6), ('vorstand', 1, 2);

-- One person of a team away (leave, training), inclusive dates. No names: the plan needs only how many are away.
CREATE TABLE team_absences (
  id text PRIMARY KEY,
  role text NOT NULL,
  from_date date NOT NULL,
  to_date date NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
