-- Counting a person's work (the inbox's "Mein Team", issue 19) without reading a task per entry: task_roles keeps
-- whether the task is work by the scope alone (workByScope in domain/policy.ts: open, no incident, no approvals
-- given, no named roles to cover). Only the other tasks are then read and ruled by isWorkFor. policy.test.ts checks
-- the rule; store/task-list.test.ts checks this column against it on both backends.
ALTER TABLE task_roles ADD COLUMN by_scope boolean NOT NULL DEFAULT false;

CREATE OR REPLACE FUNCTION tasks_sync_roles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_roles WHERE task_id = NEW.id;
  INSERT INTO task_roles (task_id, role, state, root_id, due_sort, by_scope)
    SELECT DISTINCT NEW.id, r, NEW.state, NEW.root_id, NEW.due_sort,
      NEW.state = 'open' AND NEW.incident IS NULL AND coalesce(NEW.approvals->'given', '[]'::jsonb) = '[]'::jsonb
        AND coalesce(NEW.approvals->'roles', 'null'::jsonb) = 'null'::jsonb
    FROM unnest(NEW.candidate_roles) AS r;
  RETURN NULL;
END
$$;

UPDATE task_roles r SET by_scope = (t.state = 'open' AND t.incident IS NULL AND coalesce(t.approvals->'given', '[]'::jsonb) = '[]'::jsonb
    AND coalesce(t.approvals->'roles', 'null'::jsonb) = 'null'::jsonb)
  FROM tasks t WHERE t.id = r.task_id;

-- the count reads the flag from the inbox's index, without visiting the table
DROP INDEX task_roles_inbox;
CREATE INDEX task_roles_inbox ON task_roles (role, state, due_sort, task_id) INCLUDE (by_scope);
