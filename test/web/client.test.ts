// The web reads a list page by page up to a bound, and says when the bound cut it short: the inbox reads at most
// 5,000 open tasks, and with more it must tell the person that the list and its counts are not all.
import { getPages } from '../../web/src/api/client';

// the web's session lives in the browser's sessionStorage; here there is none, so the requests go without a token
declare global {
  var sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
}

describe('getPages', () => {
  const realFetch = global.fetch;
  const asked: string[] = [];
  beforeEach(() => {
    asked.length = 0;
    const everything = Array.from({ length: 1234 }, (_, i) => i + 1);
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      const u = new URL(String(url), 'http://localhost');
      asked.push(`${u.pathname}?${u.searchParams.toString()}`);
      const start = Number(u.searchParams.get('cursor') ?? 0);
      const end = start + Number(u.searchParams.get('limit'));
      return new Response(JSON.stringify({ items: everything.slice(start, end), nextCursor: end < everything.length ? String(end) : null }), { status: 200 });
    }) as typeof fetch;
  });
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('follows the pages to the last and says nothing is left', async () => {
    const all = await getPages<number>('/tasks?state=open');
    expect(all.items).toHaveLength(1234);
    expect(all.more).toBe(false);
    expect(asked).toEqual(['/api/v1/tasks?state=open&limit=500', '/api/v1/tasks?state=open&limit=500&cursor=500', '/api/v1/tasks?state=open&limit=500&cursor=1000']);
  });

  it('stops at the bound and says more are there', async () => {
    const first = await getPages<number>('/tasks?state=open', 2);
    expect(first.items).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(first.more).toBe(true);
  });
});
