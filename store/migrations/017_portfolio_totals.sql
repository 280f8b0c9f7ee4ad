-- The portfolio's totals kept as runs change (issue 19): run counts per Gemeinde, process and status, and the
-- durations of completed runs per Gemeinde, year and process, so the portfolio sums a few hundred rows instead of
-- aggregating every run on each read. Statement triggers with transition tables: a bulk write (a rebuild batch, an
-- upsert of many snapshots) changes each total once, and the totals are locked in key order, one statement at a time.
-- A duration is in calendar days of Europe/Berlin from start to completion, the year that of the completion there.
CREATE TABLE run_counts (
  ags text NOT NULL,
  process text NOT NULL,
  status text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (ags, process, status)
);

CREATE TABLE run_durations (
  ags text NOT NULL,
  year integer NOT NULL,
  process text NOT NULL,
  count integer NOT NULL,
  sum_days bigint NOT NULL,
  min_days integer,
  max_days integer,
  PRIMARY KEY (ags, year, process)
);

-- one changed run for the totals: +1 when it now counts, -1 when it no longer does
CREATE TYPE run_total_change AS (ags text, process text, status text, started_at timestamptz, completed_at timestamptz, n integer);

-- the completed ones among changes, with their year and duration as the portfolio shows them
CREATE FUNCTION run_total_durations(changes run_total_change[])
  RETURNS TABLE (ags text, year integer, process text, n integer, days integer) LANGUAGE sql STABLE AS $$
  SELECT c.ags, extract(year FROM c.completed_at AT TIME ZONE 'Europe/Berlin')::integer, c.process, c.n,
         (c.completed_at AT TIME ZONE 'Europe/Berlin')::date - (c.started_at AT TIME ZONE 'Europe/Berlin')::date
  FROM unnest(changes) AS c WHERE c.status = 'completed' AND c.completed_at IS NOT NULL
$$;

CREATE FUNCTION runs_keep_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes run_total_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(SELECT ROW(ags, process, status, started_at, completed_at, 1)::run_total_change FROM new_rows);
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(SELECT ROW(ags, process, status, started_at, completed_at, -1)::run_total_change FROM old_rows);
  ELSE
    -- most updates are a newer snapshot of the same run (progress, phase, health): nothing the totals hold
    changes := ARRAY(
      SELECT c FROM old_rows o JOIN new_rows n USING (id),
        LATERAL (VALUES (ROW(o.ags, o.process, o.status, o.started_at, o.completed_at, -1)::run_total_change),
                        (ROW(n.ags, n.process, n.status, n.started_at, n.completed_at, 1)::run_total_change)) AS v(c)
      WHERE (o.ags, o.process, o.status, o.started_at, o.completed_at)
            IS DISTINCT FROM (n.ags, n.process, n.status, n.started_at, n.completed_at));
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN NULL;
  END IF;

  INSERT INTO run_counts AS t (ags, process, status, count)
    SELECT ags, process, status, sum(n) FROM unnest(changes)
    GROUP BY ags, process, status HAVING sum(n) <> 0 ORDER BY ags, process, status
  ON CONFLICT (ags, process, status) DO UPDATE SET count = t.count + EXCLUDED.count;
  DELETE FROM run_counts t USING unnest(changes) c
    WHERE t.count <= 0 AND (t.ags, t.process, t.status) = (c.ags, c.process, c.status);

  INSERT INTO run_durations AS t (ags, year, process, count, sum_days, min_days, max_days)
    SELECT ags, year, process, sum(n), sum(n * days), min(days) FILTER (WHERE n > 0), max(days) FILTER (WHERE n > 0)
    FROM run_total_durations(changes) GROUP BY ags, year, process ORDER BY ags, year, process
  ON CONFLICT (ags, year, process) DO UPDATE SET count = t.count + EXCLUDED.count, sum_days = t.sum_days + EXCLUDED.sum_days,
    min_days = least(t.min_days, EXCLUDED.min_days), max_days = greatest(t.max_days, EXCLUDED.max_days);
  -- a completed run that left a group (deleted, its completion or Gemeinde changed) may have been its shortest or
  -- longest: that group's extremes come from the runs again (rare: completed runs keep their figures)
  IF EXISTS (SELECT FROM run_total_durations(changes) WHERE n < 0) THEN
    DELETE FROM run_durations t USING run_total_durations(changes) d
      WHERE t.count <= 0 AND (t.ags, t.year, t.process) = (d.ags, d.year, d.process);
    UPDATE run_durations t SET min_days = r.min_days, max_days = r.max_days
      FROM (SELECT ags, year, process, min(days) AS min_days, max(days) AS max_days
            FROM run_total_durations(ARRAY(
              SELECT ROW(ags, process, status, started_at, completed_at, 1)::run_total_change FROM runs
              WHERE status = 'completed' AND completed_at IS NOT NULL
                AND (ags, process) IN (SELECT ags, process FROM run_total_durations(changes) WHERE n < 0)))
            GROUP BY ags, year, process) r
      WHERE (t.ags, t.year, t.process) = (r.ags, r.year, r.process)
        AND (t.ags, t.year, t.process) IN (SELECT ags, year, process FROM run_total_durations(changes) WHERE n < 0);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER runs_totals_insert AFTER INSERT ON runs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION runs_keep_totals();
CREATE TRIGGER runs_totals_update AFTER UPDATE ON runs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION runs_keep_totals();
CREATE TRIGGER runs_totals_delete AFTER DELETE ON runs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION runs_keep_totals();

-- a rebuild empties the read model with TRUNCATE, which fires no row or statement trigger of INSERT/UPDATE/DELETE
CREATE FUNCTION runs_clear_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM run_counts;
  DELETE FROM run_durations;
  RETURN NULL;
END
$$;
CREATE TRIGGER runs_totals_truncate AFTER TRUNCATE ON runs FOR EACH STATEMENT EXECUTE FUNCTION runs_clear_totals();

-- the totals of the runs there are
INSERT INTO run_counts (ags, process, status, count)
  SELECT ags, process, status, count(*) FROM runs GROUP BY ags, process, status;
INSERT INTO run_durations (ags, year, process, count, sum_days, min_days, max_days)
  SELECT ags, year, process, count(*), sum(days), min(days), max(days)
  FROM run_total_durations(ARRAY(SELECT ROW(ags, process, status, started_at, completed_at, 1)::run_total_change FROM runs))
  GROUP BY ags, year, process;

-- Open tasks per root run, in total (role '') and per candidate role (a task open for two roles counts for both
-- teams, once in the total): the portfolio's open figures without counting each task on every read. Whether an open
-- task is overdue depends on the hour of the read; that count stays an index range over the overdue tasks alone.
CREATE TABLE open_task_counts (
  root_id text NOT NULL,
  role text NOT NULL,
  open integer NOT NULL,
  PRIMARY KEY (root_id, role)
);

CREATE FUNCTION tasks_keep_open_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  -- (root, roles, +1/-1) of each task that became or stopped being open; a newer snapshot of a task that stays open
  -- for the same roles below the same root changes nothing
  IF TG_OP = 'INSERT' THEN
    changes := (SELECT jsonb_agg(jsonb_build_array(root_id, candidate_roles, 1)) FROM new_rows WHERE state = 'open');
  ELSIF TG_OP = 'DELETE' THEN
    changes := (SELECT jsonb_agg(jsonb_build_array(root_id, candidate_roles, -1)) FROM old_rows WHERE state = 'open');
  ELSE
    changes := (
      SELECT jsonb_agg(c) FROM old_rows o JOIN new_rows n USING (id),
        LATERAL (SELECT jsonb_build_array(o.root_id, o.candidate_roles, -1) WHERE o.state = 'open'
                 UNION ALL SELECT jsonb_build_array(n.root_id, n.candidate_roles, 1) WHERE n.state = 'open') AS v(c)
      WHERE (o.state = 'open' OR n.state = 'open')
        AND (o.state, o.root_id, o.candidate_roles) IS DISTINCT FROM (n.state, n.root_id, n.candidate_roles));
  END IF;
  IF changes IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO open_task_counts AS t (root_id, role, open)
    SELECT root_id, role, sum(n) FROM (
      SELECT c->>0 AS root_id, r.role, (c->>2)::integer AS n
      FROM jsonb_array_elements(changes) AS c,
        LATERAL (SELECT '' UNION SELECT jsonb_array_elements_text(c->1)) AS r(role)
    ) d
    GROUP BY root_id, role HAVING sum(n) <> 0 ORDER BY root_id, role
  ON CONFLICT (root_id, role) DO UPDATE SET open = t.open + EXCLUDED.open;
  DELETE FROM open_task_counts t USING jsonb_array_elements(changes) AS c
    WHERE t.open <= 0 AND t.root_id = c->>0;
  RETURN NULL;
END
$$;

CREATE TRIGGER tasks_open_counts_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_keep_open_counts();
CREATE TRIGGER tasks_open_counts_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_keep_open_counts();
CREATE TRIGGER tasks_open_counts_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tasks_keep_open_counts();

CREATE FUNCTION tasks_clear_open_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM open_task_counts;
  RETURN NULL;
END
$$;
CREATE TRIGGER tasks_open_counts_truncate AFTER TRUNCATE ON tasks FOR EACH STATEMENT EXECUTE FUNCTION tasks_clear_open_counts();

INSERT INTO open_task_counts (root_id, role, open)
  SELECT root_id, '', count(*) FROM tasks WHERE state = 'open' GROUP BY root_id
  UNION ALL
  SELECT root_id, role, count(*) FROM task_roles WHERE state = 'open' GROUP BY root_id, role;
