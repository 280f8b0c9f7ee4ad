// POST /tasks/bulk: one action for many tasks, one result per task (a refusal of one does not stop the rest).
import { postJson } from './client';
import type { BulkTasksAnswer, BulkTasksBody } from './tasks-bulk-types';

export const bulkTasks = (body: BulkTasksBody) => postJson<BulkTasksAnswer>('/tasks/bulk', body);
