// What the web's inbox asks when a person opens it (web/src/pages/inbox/inbox-data.ts, the default view "Mein
// Team"): the first page of their work and the three views' counts, in parallel. The bench times the pair, since a
// person waits for both.
import { inboxViews, taskFilter } from '../../api/task-filter';
import type { Principal } from '../../api/policy';
import type { TaskFilter } from '../../store/store';

export const INBOX_REQUESTS = ['/api/v1/tasks?state=open&work=true&limit=100', '/api/v1/tasks/counts'] as const;

export async function openInbox(get: (path: string, token: string) => Promise<void>, token: string): Promise<void> {
  await Promise.all(INBOX_REQUESTS.map((path) => get(path, token)));
}

/** The store's filter behind the first of the requests, built as the API builds it. */
export function inboxFilter(person: Principal): TaskFilter {
  return taskFilter(person, { ...inboxViews(person).work, limit: 100 }, new Date())!;
}
