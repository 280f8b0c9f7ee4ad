// The bot's three requests answered straight from Temporal, without HTTP, the API or the read model: the same bot
// (same user choice, same polling, same concurrency) drives the same engine, so the difference to the bot through the
// API is what the API and the store cost on the way.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { toProblem } from '../../api/temporal-errors';
import { DEMO_USERS } from '../../config/users';
import { approveTask, completeTask, getState, parseTaskId, type RunState, type Task } from '../../workflows/messages';
import type { Http } from '../bot';

const usersByToken = new Map(DEMO_USERS.map((u) => [u.token, u]));

/** What the bot reads of an open task (the required paper is the API's check, api/task-actions.ts: none here). */
function openTaskView(task: Task) {
  return {
    id: task.id,
    kind: task.kind,
    state: task.state,
    ags: task.ags,
    runId: task.runId,
    assignee: task.assignee,
    submission: task.submission ? { by: task.submission.by } : undefined,
    incident: task.incident,
    candidateRoles: task.candidateRoles,
    approvals: task.approvals,
    form: task.formId ? { id: task.formId } : null,
  };
}

/** Open tasks of a run and of its running children, as the read model's `?root=` list would return them. */
async function openTasksUnder(client: Client, rootId: string): Promise<ReturnType<typeof openTaskView>[]> {
  const out: ReturnType<typeof openTaskView>[] = [];
  const visit = async (runId: string): Promise<void> => {
    let state: RunState;
    try {
      state = await client.workflow.getHandle(runId).query(getState);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
    if (state.status !== 'running') return;
    out.push(...state.tasks.filter((t) => t.state === 'open' || t.state === 'review').map(openTaskView));
    const running = state.steps.flatMap((s) => Object.entries(s.childStatus ?? {}).filter(([, st]) => st === 'running').map(([id]) => id));
    await Promise.all(running.map(visit));
  };
  await visit(rootId);
  return out;
}

export function rawHttp(client: Client): Http {
  return async (method, path, token, body) => {
    const url = new URL(path, 'http://raw');
    const user = usersByToken.get(token);
    if (!user) return { status: 401, body: undefined };
    const run = /^\/api\/v1\/runs\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && run) {
      try {
        const state = await client.workflow.getHandle(decodeURIComponent(run[1])).query(getState);
        return { status: 200, body: { status: state.status, phase: state.phase, incidents: state.incidents } };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { status: 404, body: undefined };
        throw err;
      }
    }
    if (method === 'GET' && url.pathname === '/api/v1/tasks') {
      const root = url.searchParams.get('root');
      if (!root || url.searchParams.get('state') !== 'open') throw new Error(`rawHttp: unsupported task list ${path}`);
      return { status: 200, body: { items: await openTasksUnder(client, root), nextCursor: null } };
    }
    const action = /^\/api\/v1\/tasks\/([^/]+)\/(complete|approve)$/.exec(url.pathname);
    if (method === 'POST' && action) {
      const taskId = decodeURIComponent(action[1]);
      const ids = parseTaskId(taskId);
      if (!ids) return { status: 404, body: undefined };
      const { data, comment } = (body ?? {}) as { data?: Record<string, unknown>; comment?: string };
      const actor = { id: user.id, roles: [...user.roles], gemeinden: [...user.gemeinden] };
      try {
        const handle = client.workflow.getHandle(ids.runId);
        const task = action[2] === 'approve'
          ? await handle.executeUpdate(approveTask, { args: [{ taskId, actor, comment }] })
          : await handle.executeUpdate(completeTask, { args: [{ taskId, actor, data, comment }] });
        return { status: 200, body: task };
      } catch (err) {
        // a rejected Update gets the status the API would answer (409 for a task no longer open, …)
        const problem = toProblem(err);
        if (problem) return { status: problem.status, body: { detail: problem.message } };
        throw err;
      }
    }
    throw new Error(`rawHttp: unsupported ${method} ${path}`);
  };
}
