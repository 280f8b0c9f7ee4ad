// Types of the bulk task action and the batch a rollout task names (issue 14), beside the generated types.ts.
import type { Problem, Task } from './types';

/** a rollout task's batch: its label and how many devices it holds */
export interface BatchFacts {
  name: string;
  devices: number;
  /** in a per-device step of a batch that tracks its devices: how many are through it (done or excluded) */
  devicesDone?: number;
}

/** a task as the lists and the task page give it; rollout tasks name their batch */
export type TaskWithBatch = Task & { batch?: BatchFacts };

export type BulkTaskAction = 'complete' | 'claim' | 'unclaim' | 'assign';

export interface BulkTasksBody {
  action: BulkTaskAction;
  taskIds: string[];
  data?: Record<string, unknown>;
  comment?: string;
  assignee?: string;
}

/** one task's outcome: `status` 200 with the task after the change, or the problem that refused it */
export interface BulkTaskResult {
  taskId: string;
  status: number;
  task?: Task;
  problem?: Problem;
}

export interface BulkTasksAnswer {
  results: BulkTaskResult[];
}
