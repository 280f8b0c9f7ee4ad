import { Router, type Request } from 'express';
import { addComment, approveTask, rejectTask, returnTask } from '../../workflows/messages';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { isTenantScoped, may } from '../policy';
import { parseOr422, problem } from '../problem';
import { approveBody, assignBody, commentBody, completeBody, emptyBody, listTasksQuery, reasonBody, rejectBody } from '../schemas';
import { idempotentUpdate, taskActions } from '../task-actions';
import { rolloutBatches, withBatch } from '../task-batches';
import { temporal } from '../temporal-errors';
import { taskView } from '../views';
import { actorOf } from './runs';

export function taskRoutes(deps: ApiDeps): Router {
  const r = Router();

  const actions = taskActions(deps);
  const { visibleTask, taskFacts } = actions;

  function updateOptions(req: Request<{ id: string }>, action: string) {
    return idempotentUpdate(req.get('Idempotency-Key'), action, req.params.id);
  }

  r.get('/tasks', async (req, res) => {
    const p = principalOf(res);
    const q = parseOr422(listTasksQuery, req.query);
    const now = new Date();
    // A Gemeinde user's list holds only what it can act on: tasks of role `gemeinde` of its own Gemeinden
    // (seesTask in the read query's terms); asking for another team's tasks finds none.
    if (isTenantScoped(p) && q.role !== undefined && q.role !== 'gemeinde') {
      res.json({ items: [], nextCursor: null });
      return;
    }
    const scope = isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' as const } : {};
    const result = await deps.store.listTasks({ ...q, now, ...scope });
    const batches = await rolloutBatches(deps, result.items);
    res.json({ items: result.items.map((t) => withBatch(taskView(t, p, now), batches)), nextCursor: result.nextCursor });
  });

  r.get('/tasks/:id', async (req, res) => {
    const p = principalOf(res);
    const task = await visibleTask(req.params.id, p);
    res.json(withBatch(taskView(task, p), await rolloutBatches(deps, [task])));
  });

  r.post('/tasks/:id/complete', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const body = parseOr422(completeBody, req.body ?? {});
    res.json(await actions.complete(p, req.params.id, body, updateOptions(req, 'complete')));
  });

  for (const action of ['claim', 'unclaim'] as const) {
    r.post(`/tasks/:id/${action}`, async (req, res) => {
      const p = principalOf(res);
      if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
      parseOr422(emptyBody, req.body ?? {});
      res.json(await actions[action](p, req.params.id, updateOptions(req, action)));
    });
  }

  // Four eyes: a second person decides on the submitted data. Who may (not the submitter, a role still missing)
  // the run's validators decide, so a refusal is the same 409 whichever client asks.
  r.post('/tasks/:id/approve', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const { comment } = parseOr422(approveBody, req.body ?? {});
    const task = await taskFacts(req.params.id, p);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(approveTask, { args: [{ taskId: task.id, actor: actorOf(p), comment }], ...updateOptions(req, 'approve') }),
    );
    res.json(taskView(updated, p));
  });

  r.post('/tasks/:id/reject', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const { reason } = parseOr422(rejectBody, req.body ?? {});
    const task = await taskFacts(req.params.id, p);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(rejectTask, { args: [{ taskId: task.id, actor: actorOf(p), reason }], ...updateOptions(req, 'reject') }),
    );
    res.json(taskView(updated, p));
  });

  r.post('/tasks/:id/assign', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.assign')) throw problem.forbidden('Ihre Rolle darf keine Aufgaben zuweisen.');
    const { assignee } = parseOr422(assignBody, req.body);
    res.json(await actions.assign(p, req.params.id, assignee, updateOptions(req, 'assign')));
  });

  r.post('/tasks/:id/return', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const { reason } = parseOr422(reasonBody, req.body);
    const task = await taskFacts(req.params.id, p);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(returnTask, { args: [{ taskId: task.id, actor: actorOf(p), reason }], ...updateOptions(req, 'return') }),
    );
    res.json(taskView(updated, p));
  });

  r.post('/tasks/:id/comments', async (req, res) => {
    const p = principalOf(res);
    const { text } = parseOr422(commentBody, req.body);
    const task = await taskFacts(req.params.id, p);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(addComment, { args: [{ taskId: task.id, actor: actorOf(p), text }], ...updateOptions(req, 'comment') }),
    );
    res.status(201).json(taskView(updated, p));
  });

  return r;
}
