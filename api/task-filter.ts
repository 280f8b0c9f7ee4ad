// The store's filter for a caller's task list (GET /tasks) and its counts (GET /tasks/counts): the query's filters,
// the tenant's scope, the due day in Bavaria, and for `work` the caller's work — narrowed by workScope, decided task
// by task by isWorkFor (domain/policy.ts), the same rule as the actions the caller is offered.
import type { z } from 'zod';
import { afterBerlinDay } from '../domain/berlin-time';
import { isWorkFor, workScope } from '../domain/policy';
import type { TaskFilter } from '../store/store';
import { isTenantScoped, type Principal } from './policy';
import type { listTasksQuery } from './schemas';

/** Counts beyond this say "at least": each view's count reads at most this many tasks, at any size. */
export const TASK_COUNT_CAP = 1000;

type ListQuery = Partial<z.output<typeof listTasksQuery>>;

/** The inbox's three views of the open tasks, as GET /tasks/counts counts them: assigned to me, my work, all. */
export function inboxViews(p: Principal): Record<'assigned' | 'work' | 'open', ListQuery> {
  return { assigned: { state: 'open', assignee: p.id }, work: { state: 'open', work: true }, open: { state: 'open' } };
}

/** undefined: the list is empty for this caller, whatever is stored */
export function taskFilter(p: Principal, q: ListQuery, now: Date): TaskFilter | undefined {
  const { work, dueBy, ...filters } = q;
  // A Gemeinde user's list holds only what it can act on: tasks of role `gemeinde` of its own Gemeinden (seesTask
  // in the read query's terms); asking for another team's tasks finds none.
  if (isTenantScoped(p) && q.role !== undefined && q.role !== 'gemeinde') return undefined;
  return {
    ...filters,
    now,
    ...(isTenantScoped(p) ? { agsIn: p.gemeinden, role: 'gemeinde' } : {}),
    ...(dueBy !== undefined ? { dueBefore: new Date(afterBerlinDay(dueBy)) } : {}),
    ...(work ? { work: { scope: workScope(p), keep: (t) => isWorkFor(p, t) } } : {}),
  };
}
