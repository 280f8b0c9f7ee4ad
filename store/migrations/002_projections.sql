-- Read model: the latest snapshot of every run and task, each stamped with the seq of the event that carried it
-- (last_seq), so an older snapshot arriving late never overwrites a newer one.
CREATE TABLE runs (
  id text PRIMARY KEY,
  process text NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  parent_id text,
  root_id text NOT NULL,
  ags text NOT NULL,
  gemeinde_name text NOT NULL,
  phase text NOT NULL,
  phase_title text NOT NULL,
  progress double precision NOT NULL,
  health text NOT NULL,
  target_go_live date,
  projected_go_live date,
  project_lead text,
  started_at timestamptz NOT NULL,
  completed_at timestamptz,
  next_milestones jsonb,
  last_seq integer NOT NULL
);

-- run lists are newest first, optionally narrowed to one process, status, Gemeinde or parent
CREATE INDEX runs_started ON runs (started_at DESC, id DESC);
CREATE INDEX runs_process_started ON runs (process, started_at DESC, id DESC);
CREATE INDEX runs_status_started ON runs (status, started_at DESC, id DESC);
CREATE INDEX runs_ags_started ON runs (ags, started_at DESC, id DESC);
CREATE INDEX runs_parent_started ON runs (parent_id, started_at DESC, id DESC) WHERE parent_id IS NOT NULL;
-- the portfolio: running onboardings, counts by process and status, durations of completed runs; all from here
CREATE INDEX runs_status_process ON runs (status, process) INCLUDE (ags, started_at, completed_at);

CREATE TABLE tasks (
  id text PRIMARY KEY,
  run_id text NOT NULL,
  root_id text NOT NULL,
  step_id text NOT NULL,
  process text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  kind text NOT NULL,
  state text NOT NULL,
  candidate_roles text[] NOT NULL,
  ags text NOT NULL,
  gemeinde_name text NOT NULL,
  assignee text,
  opened_at timestamptz NOT NULL,
  due_at timestamptz,
  -- task lists run by due date with undated tasks last; a non-null sort key lets keyset pagination use a plain
  -- row comparison, which a btree answers in order
  due_sort timestamptz NOT NULL GENERATED ALWAYS AS (coalesce(due_at, 'infinity'::timestamptz)) STORED,
  completed_at timestamptz,
  completed_by text,
  approvals jsonb NOT NULL,
  form_id text,
  comments jsonb NOT NULL DEFAULT '[]'::jsonb,
  return_reason text,
  last_seq integer NOT NULL
);

-- every filter of the task list leads an index that is already in list order (state, due_sort, id)
CREATE INDEX tasks_state_due ON tasks (state, due_sort, id);
CREATE INDEX tasks_ags_state_due ON tasks (ags, state, due_sort, id);
CREATE INDEX tasks_root_state_due ON tasks (root_id, state, due_sort, id);
CREATE INDEX tasks_assignee_state_due ON tasks (assignee, state, due_sort, id) WHERE assignee IS NOT NULL;
-- `root` means the run and its descendants: the root's tasks by root_id, a child run's own tasks by run_id
CREATE INDEX tasks_run_state_due ON tasks (run_id, state, due_sort, id);

-- One row per candidate role of a task, kept in step with tasks by a trigger: "open tasks for my team, soonest
-- due first" is then an ordered index range instead of a GIN lookup followed by a sort, and the portfolio counts
-- open work per team from an index without joining tasks.
CREATE TABLE task_roles (
  task_id text NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  role text NOT NULL,
  state text NOT NULL,
  root_id text NOT NULL,
  due_sort timestamptz NOT NULL,
  PRIMARY KEY (task_id, role)
);
CREATE INDEX task_roles_inbox ON task_roles (role, state, due_sort, task_id);
CREATE INDEX task_roles_root ON task_roles (root_id, state, role, due_sort);

CREATE FUNCTION tasks_sync_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_roles WHERE task_id = NEW.id;
  INSERT INTO task_roles (task_id, role, state, root_id, due_sort)
    SELECT DISTINCT NEW.id, r, NEW.state, NEW.root_id, NEW.due_sort FROM unnest(NEW.candidate_roles) AS r;
  RETURN NULL;
END
$$;

CREATE TRIGGER tasks_roles AFTER INSERT OR UPDATE ON tasks
  FOR EACH ROW EXECUTE FUNCTION tasks_sync_roles();
