-- An append in one round trip (issue 19): the locks, the last seqs, the gap check, the insert and the projections
-- were up to seven statements (BEGIN to COMMIT), each a round trip from the worker or the API and a parse in the
-- server. They are now one call, which is also its own transaction. The projections' statements live here too, so an
-- append and a rebuild (store/rebuild.ts) still run the same ones: a rebuilt read model cannot differ from one built
-- event by event.

-- The latest run (p_kind 'run') or task ('task') snapshot per id among the events of `scope` ([{runId, after}]: the
-- events of runId with seq > after), with the seq of its event.
CREATE FUNCTION latest_snapshots(p_scope jsonb, p_kind text) RETURNS TABLE (snapshot jsonb, seq integer)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (x.snapshot->>'id') x.snapshot, e.seq
  FROM jsonb_to_recordset(p_scope) AS s("runId" text, after integer)
  JOIN events e ON e.run_id = s."runId" AND e.seq > s.after
  CROSS JOIN LATERAL (SELECT CASE p_kind WHEN 'run' THEN e.run ELSE e.task END AS snapshot) x
  WHERE x.snapshot IS NOT NULL
  ORDER BY x.snapshot->>'id', e.seq DESC
$$;

-- Runs and tasks as of their latest snapshot in `scope`, upserted only over an older one, so replays and late
-- deliveries never move a projection backwards. `r` is the run snapshot, `t` the task snapshot (jsonb, camelCase keys
-- of RunSnapshot / TaskSnapshot). A column added to runs or tasks later comes with a CREATE OR REPLACE of this function
-- in the same migration.
CREATE FUNCTION apply_projections(p_scope jsonb, p_runs boolean, p_tasks boolean) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF p_runs THEN
    INSERT INTO runs (id, process, title, status, parent_id, root_id, ags, gemeinde_name, phase, phase_title, progress,
                      health, target_go_live, projected_go_live, project_lead, started_at, completed_at, next_milestones,
                      health_reasons, last_seq)
    SELECT r->>'id', r->>'process', coalesce(r->>'title', ''), r->>'status', r->>'parentId', coalesce(r->>'rootId', r->>'id'),
           r->>'ags', coalesce(r->>'gemeindeName', ''), coalesce(r->>'phase', ''), coalesce(r->>'phaseTitle', ''),
           coalesce((r->>'progress')::double precision, 0), coalesce(r->>'health', 'green'), (r->>'targetGoLive')::date,
           (r->>'projectedGoLive')::date, r->>'projectLead', (r->>'startedAt')::timestamptz, (r->>'completedAt')::timestamptz,
           nullif(r->'nextMilestones', 'null'::jsonb), nullif(r->'healthReasons', 'null'::jsonb), l.seq
    FROM latest_snapshots(p_scope, 'run') AS l(r, seq)
    ON CONFLICT (id) DO UPDATE SET
      process = EXCLUDED.process, title = EXCLUDED.title, status = EXCLUDED.status, parent_id = EXCLUDED.parent_id,
      root_id = EXCLUDED.root_id, ags = EXCLUDED.ags, gemeinde_name = EXCLUDED.gemeinde_name, phase = EXCLUDED.phase,
      phase_title = EXCLUDED.phase_title, progress = EXCLUDED.progress, health = EXCLUDED.health,
      target_go_live = EXCLUDED.target_go_live, projected_go_live = EXCLUDED.projected_go_live,
      project_lead = EXCLUDED.project_lead, started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at,
      next_milestones = EXCLUDED.next_milestones, health_reasons = EXCLUDED.health_reasons, last_seq = EXCLUDED.last_seq
    WHERE runs.last_seq < EXCLUDED.last_seq;
  END IF;
  IF p_tasks THEN
    INSERT INTO tasks (id, run_id, root_id, step_id, process, title, description, kind, state, candidate_roles, ags,
                       gemeinde_name, assignee, opened_at, due_at, completed_at, completed_by, approvals, form_id, comments,
                       return_reason, submission, reviews, incident, last_seq)
    SELECT t->>'id', t->>'runId', coalesce(t->>'rootId', t->>'runId'), t->>'stepId', t->>'process', coalesce(t->>'title', ''),
           coalesce(t->>'description', ''), t->>'kind', t->>'state',
           ARRAY(SELECT jsonb_array_elements_text(coalesce(t->'candidateRoles', '[]'::jsonb))), t->>'ags',
           coalesce(t->>'gemeindeName', ''), t->>'assignee', (t->>'openedAt')::timestamptz, (t->>'dueAt')::timestamptz,
           (t->>'completedAt')::timestamptz, t->>'completedBy', coalesce(t->'approvals', '{"required": 1, "given": []}'::jsonb),
           t->>'formId', coalesce(nullif(t->'comments', 'null'::jsonb), '[]'::jsonb), t->>'returnReason',
           nullif(t->'submission', 'null'::jsonb), coalesce(nullif(t->'reviews', 'null'::jsonb), '[]'::jsonb),
           nullif(t->'incident', 'null'::jsonb), l.seq
    FROM latest_snapshots(p_scope, 'task') AS l(t, seq)
    ON CONFLICT (id) DO UPDATE SET
      run_id = EXCLUDED.run_id, root_id = EXCLUDED.root_id, step_id = EXCLUDED.step_id, process = EXCLUDED.process,
      title = EXCLUDED.title, description = EXCLUDED.description, kind = EXCLUDED.kind, state = EXCLUDED.state,
      candidate_roles = EXCLUDED.candidate_roles, ags = EXCLUDED.ags, gemeinde_name = EXCLUDED.gemeinde_name,
      assignee = EXCLUDED.assignee, opened_at = EXCLUDED.opened_at, due_at = EXCLUDED.due_at,
      completed_at = EXCLUDED.completed_at, completed_by = EXCLUDED.completed_by, approvals = EXCLUDED.approvals,
      form_id = EXCLUDED.form_id, comments = EXCLUDED.comments, return_reason = EXCLUDED.return_reason,
      submission = EXCLUDED.submission, reviews = EXCLUDED.reviews, incident = EXCLUDED.incident,
      last_seq = EXCLUDED.last_seq
    WHERE tasks.last_seq < EXCLUDED.last_seq;
  END IF;
END $$;

-- Appends events ([{runId, seq, at, type, actor, data, run, task}], each (runId, seq) once, in any order):
-- idempotent on (run, seq), contiguous per run, projections in the same transaction. Returns how many were new.
-- A batch whose first new event of a run does not follow that run's last one raises 'event_gap' (DETAIL: JSON of
-- runId, expected, got) and stores nothing.
CREATE FUNCTION append_events(p_events jsonb, p_lock_namespace integer, p_projection_lock integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  v_runs text[];
  v_run text;
  v_last jsonb;
  v_fresh jsonb;
  v_gap record;
  v_appended integer;
  v_scope jsonb;
  v_touch_runs boolean;
  v_touch_tasks boolean;
BEGIN
  -- The projection lock first (shared; a rebuild takes it exclusively), then one per run in a fixed order, so two
  -- batches never lock the same runs in opposite order.
  SELECT array_agg(r ORDER BY r COLLATE "C") INTO v_runs
  FROM (SELECT DISTINCT e->>'runId' AS r FROM jsonb_array_elements(p_events) e) runs;
  IF v_runs IS NULL THEN
    RETURN 0;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(p_lock_namespace, p_projection_lock);
  FOREACH v_run IN ARRAY v_runs LOOP
    PERFORM pg_advisory_xact_lock(p_lock_namespace, hashtext(v_run));
  END LOOP;
  -- Read once the locks are held: each statement of a function reads as of its own start, so this one sees every
  -- earlier append of these runs.
  SELECT jsonb_object_agg(r, coalesce((SELECT max(seq) FROM events x WHERE x.run_id = r), 0)) INTO v_last
  FROM unnest(v_runs) AS r;
  -- the events these runs do not have yet
  SELECT jsonb_agg(e) INTO v_fresh FROM jsonb_array_elements(p_events) e
  WHERE (e->>'seq')::integer > (v_last->>(e->>'runId'))::integer;
  IF v_fresh IS NULL THEN
    RETURN 0;
  END IF;
  SELECT f.run_id, f.expected, f.got INTO v_gap
  FROM (
    SELECT e->>'runId' AS run_id, (e->>'seq')::integer AS got,
           (v_last->>(e->>'runId'))::integer + row_number() OVER (PARTITION BY e->>'runId' ORDER BY (e->>'seq')::integer) AS expected
    FROM jsonb_array_elements(v_fresh) e
  ) f
  WHERE f.got <> f.expected
  ORDER BY f.run_id COLLATE "C", f.got
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'event_gap' USING DETAIL = json_build_object('runId', v_gap.run_id, 'expected', v_gap.expected, 'got', v_gap.got)::text;
  END IF;
  INSERT INTO events (run_id, seq, at, type, actor, data, run, task)
  SELECT e->>'runId', (e->>'seq')::integer, (e->>'at')::timestamptz, e->>'type', e->>'actor',
         coalesce(nullif(e->'data', 'null'::jsonb), '{}'::jsonb), nullif(e->'run', 'null'::jsonb), nullif(e->'task', 'null'::jsonb)
  FROM jsonb_array_elements(v_fresh) e
  ON CONFLICT (run_id, seq) DO NOTHING;
  GET DIAGNOSTICS v_appended = ROW_COUNT;
  SELECT bool_or(nullif(e->'run', 'null'::jsonb) IS NOT NULL), bool_or(nullif(e->'task', 'null'::jsonb) IS NOT NULL)
  INTO v_touch_runs, v_touch_tasks
  FROM jsonb_array_elements(v_fresh) e;
  SELECT jsonb_agg(jsonb_build_object('runId', key, 'after', value::integer)) INTO v_scope FROM jsonb_each_text(v_last);
  PERFORM apply_projections(v_scope, v_touch_runs, v_touch_tasks);
  RETURN v_appended;
END $$;
