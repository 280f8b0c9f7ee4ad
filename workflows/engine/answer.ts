// A task Update answers with the run's events the database does not have yet, taken once the engine has drawn the
// change's consequences (the step finished, the next task opened). The API stores them before it answers, with the
// same idempotent append the recordEvents activity makes (which still follows and then finds them stored): whoever
// completed a task sees the next one in the inbox at once, not a workflow task and an activity later (issue 19).
// Guarantees kept: the outbox alone still stores every event (the API's write is an early copy; if it fails, nothing
// is lost), the log stays gap-free (the store refuses an append that does not continue it), and no event is stored
// twice (append is idempotent on (run, seq)).
import { condition, patched } from '@temporalio/workflow';
import type { Task, TaskAnswer } from '../messages';
import type { Engine } from './engine';
import { cloneTask } from './tasks';

export const ANSWER_EVENTS_PATCH = 'answer-with-events';
/** more (a database away for a while) and the outbox alone catches up: the answers stay small in the history */
const MAX_ANSWERED_EVENTS = 20;

/** The Update's answer: the task as the handler left it, with the unstored events (runs recorded before: the task). */
export function answer(e: Engine, task: Task): Task | Promise<TaskAnswer> {
  const answered = cloneTask(task);
  if (!patched(ANSWER_EVENTS_PATCH)) return answered;
  return withEvents(e, answered);
}

async function withEvents(e: Engine, answered: Task): Promise<TaskAnswer> {
  // the handler ran while the engine waited: its next pass (in this same activation) draws the consequences
  if (e.waiting) {
    const pass = e.passes;
    await condition(() => e.passes > pass);
  }
  const events = e.outbox.unstored();
  return events.length > 0 && events.length <= MAX_ANSWERED_EVENTS ? { ...answered, events } : answered;
}
