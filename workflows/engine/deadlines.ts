// When the run must next wake up, and the pre-Bavarian due dates: pure functions of the steps and tasks, so they
// are tested without a Temporal server (test/workflows/engine/deadlines.test.ts).
import type { BusinessCalendar } from '../../domain/calendar';
import type { Task } from '../messages';
import type { StepRuntime } from './runtime';

/** The day after a date (YYYY-MM-DD). */
export function addDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The next reminder or escalation of an open task, if any is still to come. */
export function nextDeadline(task: Task): string | undefined {
  if (task.state !== 'open') return undefined;
  if (task.remindAt && !task.remindedAt && task.dueAt && task.remindAt < task.dueAt) return task.remindAt;
  if (!task.escalation) return task.dueAt;
  if (task.escalation.level === 'projektleitung') return task.boardEscalationAt;
  return undefined;
}

/** The earliest instant (ms) a wait ends, a held cutover may start or a task deadline falls due; none: undefined. */
export function nextTimer(steps: Iterable<StepRuntime>, tasks: Iterable<Task>): number | undefined {
  const times: number[] = [];
  for (const rt of steps) {
    if (rt.state === 'active' && rt.waitUntil) times.push(Date.parse(rt.waitUntil));
    if (rt.state === 'pending' && rt.heldUntil) times.push(Date.parse(rt.heldUntil));
  }
  for (const task of tasks) {
    const next = nextDeadline(task);
    if (next) times.push(Date.parse(next));
  }
  return times.length ? Math.min(...times) : undefined;
}

/**
 * Due dates of runs recorded before the Bavarian-time patch: UTC days and a reminder even on the opening day.
 * Until deprecatePatch(BERLIN_TIME_PATCH) such runs keep them.
 */
export function utcTaskDeadlines(
  calendar: BusinessCalendar, today: string, slaDays: number, boardDays: number,
): Pick<Task, 'dueAt' | 'remindAt' | 'boardEscalationAt'> {
  const due = calendar.addBusinessDays(today, Math.max(slaDays, 1));
  const remind = calendar.addBusinessDays(today, Math.max(slaDays - 1, 0));
  const board = calendar.addBusinessDays(due, boardDays);
  return {
    dueAt: `${due}T23:59:59.000Z`,
    ...(remind < due ? { remindAt: `${remind}T07:00:00.000Z` } : {}),
    boardEscalationAt: `${board}T23:59:59.000Z`,
  };
}
