// Runs and tasks as of the latest snapshot in the event log. The same statements serve a fresh append (scope: the
// runs just appended to, after their previous last seq) and a rebuild (scope: every run, from the start), so a
// rebuilt read model cannot differ from one built event by event.
import type { Queryable } from './db';

/** the events of `runId` with seq > `after` */
export interface ProjectionScope {
  runId: string;
  after: number;
}

type Columns = [column: string, expression: string][];

// `r` is the run snapshot, `t` the task snapshot (jsonb, camelCase keys of RunSnapshot / TaskSnapshot)
const RUN_COLUMNS: Columns = [
  ['id', `r->>'id'`],
  ['process', `r->>'process'`],
  ['title', `coalesce(r->>'title', '')`],
  ['status', `r->>'status'`],
  ['parent_id', `r->>'parentId'`],
  ['root_id', `coalesce(r->>'rootId', r->>'id')`],
  ['ags', `r->>'ags'`],
  ['gemeinde_name', `coalesce(r->>'gemeindeName', '')`],
  ['phase', `coalesce(r->>'phase', '')`],
  ['phase_title', `coalesce(r->>'phaseTitle', '')`],
  ['progress', `coalesce((r->>'progress')::double precision, 0)`],
  ['health', `coalesce(r->>'health', 'green')`],
  ['target_go_live', `(r->>'targetGoLive')::date`],
  ['projected_go_live', `(r->>'projectedGoLive')::date`],
  ['project_lead', `r->>'projectLead'`],
  ['started_at', `(r->>'startedAt')::timestamptz`],
  ['completed_at', `(r->>'completedAt')::timestamptz`],
  ['next_milestones', `nullif(r->'nextMilestones', 'null'::jsonb)`],
  ['health_reasons', `nullif(r->'healthReasons', 'null'::jsonb)`],
];

const TASK_COLUMNS: Columns = [
  ['id', `t->>'id'`],
  ['run_id', `t->>'runId'`],
  ['root_id', `coalesce(t->>'rootId', t->>'runId')`],
  ['step_id', `t->>'stepId'`],
  ['process', `t->>'process'`],
  ['title', `coalesce(t->>'title', '')`],
  ['description', `coalesce(t->>'description', '')`],
  ['kind', `t->>'kind'`],
  ['state', `t->>'state'`],
  ['candidate_roles', `ARRAY(SELECT jsonb_array_elements_text(coalesce(t->'candidateRoles', '[]'::jsonb)))`],
  ['ags', `t->>'ags'`],
  ['gemeinde_name', `coalesce(t->>'gemeindeName', '')`],
  ['assignee', `t->>'assignee'`],
  ['opened_at', `(t->>'openedAt')::timestamptz`],
  ['due_at', `(t->>'dueAt')::timestamptz`],
  ['completed_at', `(t->>'completedAt')::timestamptz`],
  ['completed_by', `t->>'completedBy'`],
  ['approvals', `coalesce(t->'approvals', '{"required": 1, "given": []}'::jsonb)`],
  ['form_id', `t->>'formId'`],
  ['comments', `coalesce(nullif(t->'comments', 'null'::jsonb), '[]'::jsonb)`],
  ['return_reason', `t->>'returnReason'`],
  ['submission', `nullif(t->'submission', 'null'::jsonb)`],
  ['reviews', `coalesce(nullif(t->'reviews', 'null'::jsonb), '[]'::jsonb)`],
  ['incident', `nullif(t->'incident', 'null'::jsonb)`],
];

/**
 * Latest snapshot per row within the scope, upserted only over an older one: replays and late deliveries never
 * move a projection backwards.
 */
function upsertSql(table: string, snapshot: 'run' | 'task', alias: string, key: string, columns: Columns): string {
  const all = [...columns, ['last_seq', 'e.seq']];
  return `
    WITH scope AS (SELECT * FROM jsonb_to_recordset($1::text::jsonb) AS s("runId" text, after integer))
    INSERT INTO ${table} (${all.map(([c]) => c).join(', ')})
    SELECT DISTINCT ON (${key}) ${all.map(([, expr]) => expr).join(', ')}
    FROM scope s
    JOIN events e ON e.run_id = s."runId" AND e.seq > s.after
    CROSS JOIN LATERAL (SELECT e.${snapshot} AS ${alias}) snap
    WHERE e.${snapshot} IS NOT NULL
    ORDER BY ${key}, e.seq DESC
    ON CONFLICT (id) DO UPDATE SET ${all.slice(1).map(([c]) => `${c} = EXCLUDED.${c}`).join(', ')}
    WHERE ${table}.last_seq < EXCLUDED.last_seq`;
}

const UPSERT_RUNS = upsertSql('runs', 'run', 'r', `r->>'id'`, RUN_COLUMNS);
const UPSERT_TASKS = upsertSql('tasks', 'task', 't', `t->>'id'`, TASK_COLUMNS);

/** `touches` leaves out the statement of a table no event of the scope carries a snapshot for (an append knows) */
export async function applyProjections(
  tx: Queryable, scope: ProjectionScope[], touches: { runs: boolean; tasks: boolean } = { runs: true, tasks: true },
): Promise<void> {
  if (scope.length === 0) return;
  const param = JSON.stringify(scope);
  if (touches.runs) await tx.query(UPSERT_RUNS, [param]);
  if (touches.tasks) await tx.query(UPSERT_TASKS, [param]);
}
