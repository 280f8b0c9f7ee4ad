// One action for many tasks: `POST /tasks/bulk` runs the same task action as the single routes (api/task-actions.ts)
// once per task and answers one result per task. A refusal of one (another Gemeinde's task, a task no longer open,
// data its form refuses) is that task's problem; the others go on.
import { z } from 'zod';
import { principalOf } from '../auth';
import type { ApiDeps } from '../deps';
import { logFailure } from '../failure-log';
import { problemSchema, taskSchema } from '../openapi/responses';
import type { Principal } from '../policy';
import { HttpProblem, parseOr422 } from '../problem';
import { COMMENT_MAX } from '../schemas';
import { idempotentUpdate, taskActions, type TaskActions } from '../task-actions';
import { toProblem } from '../temporal-errors';
import type { TaskView } from '../views';
import { perDeps, route } from '../route';

export const BULK_MAX_TASKS = 200;
export const BULK_ACTIONS = ['complete', 'claim', 'unclaim', 'assign'] as const;
/** tasks of different runs are worked on at once; Updates to one run queue in that run anyway */
const CONCURRENCY = 8;

export const bulkTasksBody = z.strictObject({
  action: z.enum(BULK_ACTIONS, { error: 'Bitte eine Aktion wählen: complete, claim, unclaim oder assign' }),
  taskIds: z.array(z.string({ error: 'Eine Aufgaben-ID ist ein Text' }).trim().min(1, 'Eine Aufgaben-ID darf nicht leer sein').max(300, 'Die Aufgaben-ID ist zu lang'), {
    error: (iss) => (iss.input === undefined ? 'Bitte die Aufgaben angeben' : 'Die Aufgaben sind eine Liste von IDs'),
  })
    .min(1, 'Bitte mindestens eine Aufgabe angeben')
    .max(BULK_MAX_TASKS, `Höchstens ${BULK_MAX_TASKS} Aufgaben auf einmal`)
    .refine((ids) => new Set(ids).size === ids.length, 'Eine Aufgabe ist doppelt genannt'),
  data: z.record(z.string(), z.unknown(), { error: 'Die Formulardaten sind ein Objekt aus Feldern und Werten' }).optional(),
  comment: z.string({ error: 'Der Kommentar ist ein Text' }).trim().max(COMMENT_MAX, `Der Kommentar ist zu lang (höchstens ${COMMENT_MAX} Zeichen)`).optional(),
  assignee: z.string({ error: 'Die Person ist eine Benutzerkennung (Text)' }).trim().min(1, 'Bitte eine Person angeben').max(200, 'Die Benutzerkennung ist zu lang').optional(),
}, {
  error: (iss) => (iss.code === 'unrecognized_keys' ? `Unbekanntes Feld: ${iss.keys.join(', ')} (erlaubt: action, taskIds, data, comment, assignee)` : undefined),
}).superRefine((body, ctx) => {
  if (body.action === 'assign' && body.assignee === undefined) ctx.addIssue({ code: 'custom', path: ['assignee'], message: 'Bitte angeben, wem die Aufgaben zugewiesen werden' });
  if (body.action !== 'assign' && body.assignee !== undefined) ctx.addIssue({ code: 'custom', path: ['assignee'], message: 'Eine Person gibt es nur beim Zuweisen (assign)' });
  if (body.action !== 'complete' && body.data !== undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'Formulardaten gibt es nur beim Erledigen (complete)' });
  if (body.action !== 'complete' && body.comment !== undefined) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Einen Kommentar gibt es nur beim Erledigen (complete)' });
});
export type BulkTasksBody = z.infer<typeof bulkTasksBody>;

/** the answer: one result per task, in the order asked */
export const bulkTasksResponse = z.object({
  results: z.array(z.object({
    taskId: z.string(),
    status: z.number().int().describe('HTTP-Status der Aktion für diese Aufgabe (200 erledigt; 403, 404, 409, 422 abgelehnt)'),
    task: taskSchema.optional().describe('die Aufgabe nach der Änderung (bei 200)'),
    problem: problemSchema.optional().describe('warum die Aktion für diese Aufgabe abgelehnt wurde'),
  })),
});

export interface BulkResult {
  taskId: string;
  status: number;
  task?: TaskView;
  problem?: { type: string; title: string; status: number; detail?: string; errors?: { path: string; message: string }[] };
}

function problemBody(p: HttpProblem): NonNullable<BulkResult['problem']> {
  return {
    type: `https://ku-it.example/probleme/${p.status}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

function runOne(actions: TaskActions, p: Principal, body: BulkTasksBody, taskId: string, key: string | undefined): Promise<TaskView> {
  const opts = idempotentUpdate(key, body.action, taskId);
  switch (body.action) {
    case 'complete': return actions.complete(p, taskId, { data: body.data, comment: body.comment }, opts);
    case 'claim': return actions.claim(p, taskId, opts);
    case 'unclaim': return actions.unclaim(p, taskId, opts);
    case 'assign': return actions.assign(p, taskId, body.assignee as string, opts);
  }
}

/** What the handlers below share, built once per app. */
const bulkTaskShared = perDeps((deps: ApiDeps) => {
  const actions = taskActions(deps);
  const failed = (err: unknown, taskId: string) => logFailure(deps, 'bulk task action', err, { taskId });
  return { actions, failed };
});

export const BULK_TASK_ROUTES = [
  route({
    // one action for many tasks: each task is checked as by its single route (assign needs task.assign there)
    key: 'POST /tasks/bulk', access: 'task.work',
    operationId: 'bulkTasks', tag: 'Aufgaben', summary: 'Eine Aktion für viele Aufgaben (erledigen, übernehmen, freigeben, zuweisen)',
    description: 'Bis zu 200 Aufgaben; jede wird genau wie mit ihrer Einzelaktion geprüft und bearbeitet. Die Antwort hat ein Ergebnis je Aufgabe (`status`, `task` oder `problem`); die Ablehnung einer Aufgabe hält die anderen nicht auf. `data` und `comment` gelten für `complete`, `assignee` für `assign`. Eine ungültige Anfrage als Ganzes: 422.',
    body: { schema: bulkTasksBody, required: true },
    success: { status: 200, description: 'ein Ergebnis je Aufgabe', schema: bulkTasksResponse },
    handler: (deps) => {
      const { actions, failed } = bulkTaskShared(deps);
      return async (req, res) => {
        const p = principalOf(res);
        const body = parseOr422(bulkTasksBody, req.body ?? {});
        const key = req.get('Idempotency-Key');
        const results: BulkResult[] = new Array<BulkResult>(body.taskIds.length);
        let next = 0;
        async function worker(): Promise<void> {
          while (next < body.taskIds.length) {
            const i = next++;
            const taskId = body.taskIds[i];
            try {
              results[i] = { taskId, status: 200, task: await runOne(actions, p, body, taskId, key) };
            } catch (err) {
              // an unexpected failure of one task is that task's 500; its cause goes to the log, never to the client
              const failure = toProblem(err, 'Aufgabe') ?? new HttpProblem(500, 'Interner Fehler', 'Ein unerwarteter Fehler ist aufgetreten.');
              if (failure.status >= 500) failed(err, taskId);
              results[i] = { taskId, status: failure.status, problem: problemBody(failure) };
            }
          }
        }
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, body.taskIds.length) }, worker));
        res.json({ results });
      };
    },
  }),
] as const;
