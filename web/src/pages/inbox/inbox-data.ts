// The inbox's data from the server: one view of the open tasks (mine, my work, all) under the filters, page by page
// ("Weitere laden"), and how many tasks each view holds. Which tasks are "my work" the server decides (GET /tasks
// ?work=true), by the rule each task's buttons follow; the browser filters nothing.
import { api } from '../../api/endpoints';
import type { Task, TaskCounts } from '../../api/types';
import { endOfWeekIso } from '../../lib/format';

export type View = 'mine' | 'team' | 'all';

export interface InboxFilters {
  view: View;
  team: string;
  ags: string;
  overdue: boolean;
  week: boolean;
}

export interface Inbox {
  items: Task[];
  nextCursor: string | null;
  counts: TaskCounts;
}

export const INBOX_PAGE = 100;

/** The filters every view shares, as the query of GET /tasks and GET /tasks/counts. */
function shared(f: InboxFilters, now: Date): URLSearchParams {
  const q = new URLSearchParams();
  if (f.team) q.set('role', f.team);
  if (f.ags) q.set('ags', f.ags);
  if (f.overdue) q.set('overdue', 'true');
  if (f.week) q.set('dueBy', endOfWeekIso(now));
  return q;
}

function listQuery(f: InboxFilters, userId: string, now: Date, cursor?: string | null): string {
  const q = shared(f, now);
  q.set('state', 'open');
  if (f.view === 'mine') q.set('assignee', userId);
  if (f.view === 'team') q.set('work', 'true');
  q.set('limit', String(INBOX_PAGE));
  if (cursor) q.set('cursor', cursor);
  return q.toString();
}

/** The first `pages` pages of the view (a refresh keeps what "Weitere laden" showed) and the three counts. */
export async function loadInbox(f: InboxFilters, userId: string, pages = 1, now = new Date()): Promise<Inbox> {
  const [first, counts] = await Promise.all([api.taskPage(listQuery(f, userId, now)), api.taskCounts(shared(f, now).toString())]);
  let inbox: Inbox = { items: first.items, nextCursor: first.nextCursor ?? null, counts };
  for (let i = 1; i < pages && inbox.nextCursor; i++) inbox = await withNextPage(inbox, f, userId, now);
  return inbox;
}

/** The inbox with the view's next page appended. */
export async function withNextPage(inbox: Inbox, f: InboxFilters, userId: string, now = new Date()): Promise<Inbox> {
  const next = await api.taskPage(listQuery(f, userId, now, inbox.nextCursor));
  return { ...inbox, items: [...inbox.items, ...next.items], nextCursor: next.nextCursor ?? null };
}

/** The most tasks "auch die noch nicht geladenen" loads: ten pages, beyond that the filters narrow the list first. */
export const INBOX_LOAD_ALL_MAX = 10 * INBOX_PAGE;

/** The inbox with every further page of the view appended, up to INBOX_LOAD_ALL_MAX tasks in all. */
export async function withAllPages(inbox: Inbox, f: InboxFilters, userId: string, now = new Date()): Promise<Inbox> {
  let all = inbox;
  while (all.nextCursor && all.items.length < INBOX_LOAD_ALL_MAX) all = await withNextPage(all, f, userId, now);
  return all;
}

/** "12", or "1.000+" for a count the server stopped at. */
export function countLabel(c: { count: number; capped: boolean }): string {
  return `${c.count.toLocaleString('de-DE')}${c.capped ? '+' : ''}`;
}
