import { Router, type Request } from 'express';
import { addComment, approveTask, assignTask, claimTask, completeTask, parseTaskId, rejectTask, returnTask, unclaimTask, type Task } from '../../workflows/messages';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { FORMS_NEEDING_RUN, formDateContext, implausibleDates } from '../form-dates';
import { formSchema } from '../forms';
import { liveState } from '../run-reader';
import { isTenantScoped, may, mayActOn, seesGemeinde, seesTask, type Principal } from '../policy';
import { parseOr422, problem } from '../problem';
import { approveBody, assignBody, commentBody, completeBody, emptyBody, listTasksQuery, reasonBody, rejectBody } from '../schemas';
import { temporal } from '../temporal-errors';
import { taskView } from '../views';
import { actorOf } from './runs';

export function taskRoutes(deps: ApiDeps): Router {
  const r = Router();

  /** The task as the workflow knows it, if this principal may see it (else 404). */
  async function visibleTask(taskId: string, p: Principal): Promise<Task> {
    const ids = parseTaskId(taskId);
    if (!ids) throw problem.notFound('Aufgabe nicht gefunden.');
    const state = await liveState(deps.client, ids.runId).catch((err: unknown) => {
      throw (err as { status?: number }).status === 404 ? problem.notFound('Aufgabe nicht gefunden.') : err;
    });
    const task = state.tasks.find((t) => t.id === taskId);
    // a Gemeinde user's view of an internal task is the same as of a task that does not exist
    if (!task || !seesGemeinde(p, task.ags) || !seesTask(p, task)) throw problem.notFound('Aufgabe nicht gefunden.');
    return task;
  }

  /**
   * What an action needs to know of a task — its run, Gemeinde, form and candidate roles — never changes while the
   * task lives, so the read model answers it without asking the run. Whether the task is still open, and whether
   * this person may act on it, the run's Update validators decide (409/403). Only a task the read model has not
   * seen yet (it trails the run by milliseconds) or a read model that is down sends the question to the run.
   */
  async function taskFacts(taskId: string, p: Principal): Promise<Pick<Task, 'id' | 'runId' | 'ags' | 'formId' | 'candidateRoles'>> {
    const ids = parseTaskId(taskId);
    if (!ids) throw problem.notFound('Aufgabe nicht gefunden.');
    const known = await deps.store.getTask(taskId).catch(() => undefined);
    if (!known || known.runId !== ids.runId) return visibleTask(taskId, p);
    if (!seesGemeinde(p, known.ags) || !seesTask(p, known)) throw problem.notFound('Aufgabe nicht gefunden.');
    return known;
  }

  function updateOptions(req: Request, action: string) {
    const key = req.get('Idempotency-Key');
    return key ? { updateId: `${action}:${String(req.params.id)}:${key}` } : {};
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
    res.json({ items: result.items.map((t) => taskView(t, p, now)), nextCursor: result.nextCursor });
  });

  r.get('/tasks/:id', async (req, res) => {
    const p = principalOf(res);
    res.json(taskView(await visibleTask(req.params.id, p), p));
  });

  r.post('/tasks/:id/complete', async (req, res) => {
    const p = principalOf(res);
    if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
    const body = parseOr422(completeBody, req.body ?? {});
    const task = await taskFacts(req.params.id, p);
    let data: Record<string, unknown> | undefined;
    if (task.formId) {
      data = parseOr422(formSchema(task.formId), body.data ?? {}, ['data']);
      const run = FORMS_NEEDING_RUN.has(task.formId) ? await liveState(deps.client, task.runId) : undefined;
      const dates = implausibleDates(task.formId, data, formDateContext(new Date(), run));
      if (dates.length > 0) throw problem.invalid(dates.map((e) => ({ ...e, path: `data.${e.path}` })));
    }
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(completeTask, {
        args: [{ taskId: task.id, actor: actorOf(p), data, comment: body.comment }],
        ...updateOptions(req, 'complete'),
      }),
    );
    res.json(taskView(updated, p));
  });

  const simple = [
    ['claim', claimTask, emptyBody],
    ['unclaim', unclaimTask, emptyBody],
  ] as const;
  for (const [action, update, schema] of simple) {
    r.post(`/tasks/:id/${action}`, async (req, res) => {
      const p = principalOf(res);
      if (!may(p, 'task.work')) throw problem.forbidden('Ihre Rolle bearbeitet keine Aufgaben.');
      parseOr422(schema, req.body ?? {});
      const task = await taskFacts(req.params.id, p);
      const updated = await temporal(() =>
        deps.client.workflow.getHandle(task.runId).executeUpdate(update, { args: [{ taskId: task.id, actor: actorOf(p) }], ...updateOptions(req, action) }),
      );
      res.json(taskView(updated, p));
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
    const task = await taskFacts(req.params.id, p);
    const user = await deps.users.find(assignee);
    if (!user || !mayActOn(user, task)) throw problem.invalid([{ path: 'assignee', message: 'Die Person gehört zu keiner zuständigen Rolle dieser Aufgabe' }]);
    const updated = await temporal(() =>
      deps.client.workflow.getHandle(task.runId).executeUpdate(assignTask, { args: [{ taskId: task.id, actor: actorOf(p), assignee }], ...updateOptions(req, 'assign') }),
    );
    res.json(taskView(updated, p));
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
