// POST /tasks/bulk: one action for many tasks, one result per task (a refusal of one does not stop the rest).
import { postJson } from './client';
import type { BulkTasksAnswer, BulkTasksBody } from './tasks-bulk-types';

/** The most tasks one request may name (BULK_MAX_TASKS in api/routes/tasks-bulk.ts). */
export const BULK_MAX_TASKS = 200;

const send = (body: BulkTasksBody) => postJson<BulkTasksAnswer>('/tasks/bulk', body);

/**
 * The action for every task named, in requests of at most BULK_MAX_TASKS tasks one after the other, their answers
 * as one. Data every task refuses comes back from the first request alone: the rest are not sent then, so that the
 * form can be corrected and all of them sent again.
 */
export async function bulkTasks(body: BulkTasksBody, post = send, size = BULK_MAX_TASKS): Promise<BulkTasksAnswer> {
  const results: BulkTasksAnswer['results'] = [];
  for (let from = 0; from < body.taskIds.length; from += size) {
    const answer = await post({ ...body, taskIds: body.taskIds.slice(from, from + size) });
    results.push(...answer.results);
    const dataRefused = answer.results.every((r) => r.status === 422 && r.problem?.errors?.length);
    if (from === 0 && dataRefused) break;
  }
  return { results };
}
