// The inbox asks the server for one view under its filters and for the three counts; "Weitere laden" and the
// refresh follow the view's cursor. The browser filters nothing itself.
import { countLabel, INBOX_LOAD_ALL_MAX, INBOX_PAGE, loadInbox, withAllPages, withNextPage, type InboxFilters } from '../../web/src/pages/inbox/inbox-data';

// the web's session lives in the browser's sessionStorage; here there is none, so the requests go without a token
declare global {
  var sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
}

const realFetch = global.fetch;
const asked: string[] = [];
const COUNTS = { assigned: { count: 2, capped: false }, work: { count: 250, capped: false }, open: { count: 1000, capped: true } };
beforeEach(() => {
  asked.length = 0;
  const everything = Array.from({ length: 250 }, (_, i) => ({ id: `t${i}` }));
  global.fetch = jest.fn(async (url: string | URL | Request) => {
    const u = new URL(String(url), 'http://localhost');
    asked.push(`${u.pathname}?${u.searchParams.toString()}`);
    if (u.pathname.endsWith('/counts')) return new Response(JSON.stringify(COUNTS), { status: 200 });
    const start = Number(u.searchParams.get('cursor') ?? 0);
    const end = start + Number(u.searchParams.get('limit'));
    return new Response(JSON.stringify({ items: everything.slice(start, end), nextCursor: end < everything.length ? String(end) : null }), { status: 200 });
  }) as typeof fetch;
});
afterEach(() => {
  global.fetch = realFetch;
});

const filters = (over: Partial<InboxFilters> = {}): InboxFilters => ({ view: 'team', team: '', ags: '', overdue: false, week: false, ...over });
// a Thursday in Bavaria: the week ends on Sunday the 13th
const NOW = new Date('2026-12-10T10:00:00Z');

it('asks for the view with the filters, and for the counts with the same filters', async () => {
  const inbox = await loadInbox(filters({ team: 'netzwerk', ags: '09181128', overdue: true, week: true }), 'k.hofmann', 1, NOW);
  expect(asked).toEqual([
    `/api/v1/tasks?role=netzwerk&ags=09181128&overdue=true&dueBy=2026-12-13&state=open&work=true&limit=${INBOX_PAGE}`,
    '/api/v1/tasks/counts?role=netzwerk&ags=09181128&overdue=true&dueBy=2026-12-13',
  ]);
  expect(inbox.items).toHaveLength(INBOX_PAGE);
  expect(inbox.nextCursor).toBe(String(INBOX_PAGE));
  expect(inbox.counts).toEqual(COUNTS);
});

it('names the view: mine by assignee, all without a narrowing', async () => {
  await loadInbox(filters({ view: 'mine' }), 'k.hofmann', 1, NOW);
  await loadInbox(filters({ view: 'all' }), 'k.hofmann', 1, NOW);
  expect(asked.filter((a) => !a.includes('/counts'))).toEqual([
    `/api/v1/tasks?state=open&assignee=k.hofmann&limit=${INBOX_PAGE}`,
    `/api/v1/tasks?state=open&limit=${INBOX_PAGE}`,
  ]);
});

it('appends the next page, and a refresh reloads as many pages as were shown', async () => {
  const first = await loadInbox(filters(), 'k.hofmann', 1, NOW);
  const second = await withNextPage(first, filters(), 'k.hofmann', NOW);
  expect(second.items.map((t) => t.id)).toEqual(Array.from({ length: 200 }, (_, i) => `t${i}`));
  asked.length = 0;
  const refreshed = await loadInbox(filters(), 'k.hofmann', 5, NOW);
  expect(refreshed.items).toHaveLength(250);
  expect(refreshed.nextCursor).toBeNull();
  expect(asked.filter((a) => !a.includes('/counts'))).toHaveLength(3);
});

it('loads every further page for a selection beyond the pages shown, up to its limit', async () => {
  const first = await loadInbox(filters(), 'k.hofmann', 1, NOW);
  asked.length = 0;
  const all = await withAllPages(first, filters(), 'k.hofmann', NOW);
  expect(all.items.map((t) => t.id)).toEqual(Array.from({ length: 250 }, (_, i) => `t${i}`));
  expect(all.nextCursor).toBeNull();
  expect(asked).toEqual([`/api/v1/tasks?state=open&work=true&limit=${INBOX_PAGE}&cursor=100`, `/api/v1/tasks?state=open&work=true&limit=${INBOX_PAGE}&cursor=200`]);
  // a list at the limit loads nothing more: the filters narrow it first
  asked.length = 0;
  const atLimit = { ...first, items: Array.from({ length: INBOX_LOAD_ALL_MAX }, (_, i) => first.items[i % first.items.length]) };
  expect(await withAllPages(atLimit, filters(), 'k.hofmann', NOW)).toBe(atLimit);
  expect(asked).toEqual([]);
});

it('says "at least" for a count the server stopped at', () => {
  expect(countLabel({ count: 12, capped: false })).toBe('12');
  expect(countLabel({ count: 1000, capped: true })).toBe('1.000+');
});
