// The task routes: the list, one task, and the actions on a task. Every action is one taskAction() entry — the same
// shape for all of them: the right, the body, the action under the client's Idempotency-Key, the task after.
import type { z } from 'zod';
import { addComment, approveTask, rejectTask, returnTask } from '../../workflows/messages';
import { principalOf } from '../auth';
import { taskId, taskResult } from '../openapi/params';
import { pages, personNamesSchema, taskCountsSchema, taskSchema } from '../openapi/responses';
import { pageOf, pageQuery } from '../paging';
import { mayActOn, seesPerson } from '../../domain/policy';
import { DENIED, may, type Principal } from '../policy';
import { parseOr422, problem } from '../problem';
import { perDeps, route } from '../route';
import { approveBody, assignBody, commentBody, completeBody, emptyBody, listTasksQuery, reasonBody, rejectBody, taskCountsQuery } from '../schemas';
import { inboxViews, TASK_COUNT_CAP, taskFilter } from '../task-filter';
import { idempotentUpdate, taskActions, type TaskActions, type UpdateOptions } from '../task-actions';
import { rolloutBatches, withBatch } from '../task-batches';
import { personName, taskView, type TaskView } from '../views';

const actionsOf = perDeps(taskActions);

interface TaskActionSpec<S extends z.ZodType> {
  /** the Update id's prefix (`<action>:<task id>:<Idempotency-Key>`) */
  action: string;
  access: 'task.work' | 'task.assign' | 'task.comment';
  operationId: string;
  summary: string;
  description?: string;
  body: S;
  bodyRequired: boolean;
  /** a comment is a new thing: 201 */
  created?: boolean;
}

/**
 * One task action's entry, `POST /tasks/{id}/<path>`: the right (403; the run's validators re-check it against the
 * task), the body (422), the action under the client's Idempotency-Key (a Temporal Update id, so a repeat gets the
 * first answer instead of a second action), and the task as the caller sees it afterwards.
 */
function taskAction<const P extends string, S extends z.ZodType>(
  path: P,
  spec: TaskActionSpec<S>,
  act: (actions: TaskActions, p: Principal, taskId: string, body: z.infer<S>, opts: UpdateOptions) => Promise<TaskView>,
) {
  return route({
    key: `POST /tasks/{id}/${path}`,
    access: spec.access,
    operationId: spec.operationId,
    tag: 'Aufgaben',
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    params: taskId,
    body: { schema: spec.body, required: spec.bodyRequired },
    success: spec.created ? { status: 201, description: 'die Aufgabe mit dem Kommentar', schema: taskSchema } : taskResult,
    errors: [404, 409],
    handler: (deps) => {
      const actions = actionsOf(deps);
      return async (req, res) => {
        const p = principalOf(res);
        if (!may(p, spec.access)) throw problem.forbidden(DENIED[spec.access]);
        const body = parseOr422(spec.body, req.body ?? {});
        const id = req.params.id;
        const task = await act(actions, p, id, body, idempotentUpdate(req.get('Idempotency-Key'), spec.action, id));
        res.status(spec.created ? 201 : 200).json(task);
      };
    },
  });
}

export const TASK_ROUTES = [
  route({
    key: 'GET /tasks', access: 'task.read',
    operationId: 'listTasks', tag: 'Aufgaben', summary: 'Aufgaben mit Filtern; `root` schließt Untervorgänge ein; eine Gemeinde sieht nur ihre eigenen (Rolle `gemeinde`)',
    query: listTasksQuery, success: { status: 200, description: 'eine Seite Aufgaben', schema: pages.tasks }, errors: [400],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const q = parseOr422(listTasksQuery, req.query);
      const now = new Date();
      const filter = taskFilter(p, q, now);
      if (!filter) {
        res.json({ items: [], nextCursor: null });
        return;
      }
      const result = await deps.store.listTasks(filter);
      const batches = await rolloutBatches(deps, result.items);
      res.json({ items: result.items.map((t) => withBatch(taskView(t, p, now), batches)), nextCursor: result.nextCursor });
    },
  }),
  route({
    key: 'GET /tasks/counts', access: 'task.read',
    operationId: 'countTasks', tag: 'Aufgaben', summary: 'Wie viele offene Aufgaben die drei Ansichten des Posteingangs unter den Filtern halten',
    description: `Mir zugewiesen, meine Arbeit (wie \`work=true\`) und alle offenen, die ich sehe — mit denselben Filtern wie \`GET /tasks\`. Gezählt wird bis ${TASK_COUNT_CAP.toLocaleString('de-DE')}; darüber sagt \`capped\` „mindestens“.`,
    query: taskCountsQuery, success: { status: 200, description: 'die Zahlen', schema: taskCountsSchema }, errors: [400],
    handler: (deps) => async (req, res) => {
      const p = principalOf(res);
      const q = parseOr422(taskCountsQuery, req.query);
      const now = new Date();
      const views = inboxViews(p);
      const count = async (view: keyof typeof views) => {
        const filter = taskFilter(p, { ...q, ...views[view] }, now);
        return filter ? deps.store.countTasks(filter, TASK_COUNT_CAP) : { count: 0, capped: false };
      };
      const [assigned, work, open] = await Promise.all([count('assigned'), count('work'), count('open')]);
      res.json({ assigned, work, open });
    },
  }),
  route({
    key: 'GET /tasks/{id}', access: 'task.read',
    operationId: 'getTask', tag: 'Aufgaben', summary: 'Eine Aufgabe mit Formular (JSON Schema)',
    params: taskId, success: { status: 200, description: 'die Aufgabe', schema: taskSchema }, errors: [404],
    handler: (deps) => {
      const actions = actionsOf(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const task = await actions.visibleTask(req.params.id, p);
        res.json(withBatch(taskView(task, p), await rolloutBatches(deps, [task])));
      };
    },
  }),
  route({
    key: 'GET /tasks/{id}/assignees', access: 'task.assign',
    operationId: 'listTaskAssignees', tag: 'Aufgaben', summary: 'Wem die Aufgabe zugewiesen werden kann',
    description: 'Die Personen einer Rolle, die an der Aufgabe arbeitet (Mitarbeitende einer Gemeinde nur für ihre eigene Gemeinde) — dieselbe Regel, nach der `POST /tasks/{id}/assign` entscheidet.',
    params: taskId, query: pageQuery, success: { status: 200, description: 'eine Seite Personen', schema: personNamesSchema }, errors: [400, 404],
    handler: (deps) => {
      const actions = actionsOf(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const q = parseOr422(pageQuery, req.query);
        const task = await actions.taskFacts(req.params.id, p);
        const people = (await deps.users.list()).filter((u) => mayActOn(u, task) && seesPerson(p, u));
        res.json(pageOf(people.map(personName), q));
      };
    },
  }),
  taskAction('complete', {
    action: 'complete', access: 'task.work', operationId: 'completeTask', body: completeBody, bodyRequired: false,
    summary: 'Aufgabe erledigen oder zur Freigabe einreichen (Vier-Augen)',
    description: '`data` muss dem Formular der Aufgabe genügen (422 sonst). Bei Vier-Augen-Schritten reicht der Aufruf die Daten ein: die Aufgabe geht in `review` mit `submission`; eine zweite Person gibt frei (`approve`) oder lehnt ab (`reject`).',
  }, (a, p, id, body, opts) => a.complete(p, id, body, opts)),
  taskAction('claim', {
    action: 'claim', access: 'task.work', operationId: 'claimTask', body: emptyBody, bodyRequired: false, summary: 'Aufgabe übernehmen',
  }, (a, p, id, _body, opts) => a.claim(p, id, opts)),
  taskAction('unclaim', {
    action: 'unclaim', access: 'task.work', operationId: 'unclaimTask', body: emptyBody, bodyRequired: false,
    summary: 'Aufgabe freigeben (niemandem zugewiesen)',
  }, (a, p, id, _body, opts) => a.unclaim(p, id, opts)),
  // Four eyes: a second person decides on the submitted data. Who may (not the submitter, a role still missing)
  // the run's validators decide, so a refusal is the same 409 whichever client asks.
  taskAction('approve', {
    action: 'approve', access: 'task.work', operationId: 'approveTask', body: approveBody, bodyRequired: false,
    summary: 'Eingereichte Daten freigeben (Vier-Augen, zweite Person)',
    description: 'Nur für Aufgaben in `review`, durch eine andere Person als die einreichende, mit einer noch fehlenden Rolle. Sind alle Freigaben da, ist die Aufgabe erledigt und der Schritt hält die eingereichten Daten. Die einreichende Person selbst oder eine Aufgabe, die nicht auf Freigabe wartet: 409.',
  }, (a, p, id, { comment }, opts) => a.update(p, id, approveTask, { comment }, opts)),
  taskAction('reject', {
    action: 'reject', access: 'task.work', operationId: 'rejectTask', body: rejectBody, bodyRequired: true,
    summary: 'Eingereichte Daten ablehnen (mit Grund): zurück zur Korrektur',
    description: 'Die Aufgabe geht zurück in `open`; die Daten bleiben im Formular, der Grund steht in `returnReason` und in `reviews`.',
  }, (a, p, id, { reason }, opts) => a.update(p, id, rejectTask, { reason }, opts)),
  taskAction('assign', {
    action: 'assign', access: 'task.assign', operationId: 'assignTask', body: assignBody, bodyRequired: true,
    summary: 'Aufgabe einer Person des Teams zuweisen',
  }, (a, p, id, { assignee }, opts) => a.assign(p, id, assignee, opts)),
  taskAction('return', {
    action: 'return', access: 'task.work', operationId: 'returnTask', body: reasonBody, bodyRequired: true,
    summary: 'Aufgabe mit Grund ans Team zurückgeben',
  }, (a, p, id, { reason }, opts) => a.update(p, id, returnTask, { reason }, opts)),
  taskAction('comments', {
    action: 'comment', access: 'task.comment', operationId: 'commentTask', body: commentBody, bodyRequired: true, created: true,
    summary: 'Kommentar zur Aufgabe',
  }, (a, p, id, { text }, opts) => a.update(p, id, addComment, { text }, opts)),
] as const;
