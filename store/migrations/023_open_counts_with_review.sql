-- The portfolio's open tasks count the tasks in review too (four eyes: submitted, a second person still has to
-- approve), as the inbox's "open" and the run page do (store/task-queries.ts). Migration 017 counted state 'open' only,
-- so a run whose last work waited for approval showed "0 offen" on the Übersicht beside three open tasks on its page.
CREATE OR REPLACE FUNCTION tasks_keep_open_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes jsonb;
BEGIN
  -- (root, roles, +1/-1) of each task that became or stopped being open (or in review); a newer snapshot of a task
  -- that stays open for the same roles below the same root changes nothing (open → review included)
  IF TG_OP = 'INSERT' THEN
    changes := (SELECT jsonb_agg(jsonb_build_array(root_id, candidate_roles, 1)) FROM new_rows WHERE state IN ('open', 'review'));
  ELSIF TG_OP = 'DELETE' THEN
    changes := (SELECT jsonb_agg(jsonb_build_array(root_id, candidate_roles, -1)) FROM old_rows WHERE state IN ('open', 'review'));
  ELSE
    changes := (
      SELECT jsonb_agg(c) FROM old_rows o JOIN new_rows n USING (id),
        LATERAL (SELECT jsonb_build_array(o.root_id, o.candidate_roles, -1) WHERE o.state IN ('open', 'review')
                 UNION ALL SELECT jsonb_build_array(n.root_id, n.candidate_roles, 1) WHERE n.state IN ('open', 'review')) AS v(c)
      WHERE (o.state IN ('open', 'review') OR n.state IN ('open', 'review'))
        AND (o.state IN ('open', 'review'), o.root_id, o.candidate_roles) IS DISTINCT FROM (n.state IN ('open', 'review'), n.root_id, n.candidate_roles));
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

-- the counts of the tasks there are, review included
DELETE FROM open_task_counts;
INSERT INTO open_task_counts (root_id, role, open)
  SELECT root_id, '', count(*) FROM tasks WHERE state IN ('open', 'review') GROUP BY root_id
  UNION ALL
  SELECT root_id, role, count(*) FROM task_roles WHERE state IN ('open', 'review') GROUP BY root_id, role;
