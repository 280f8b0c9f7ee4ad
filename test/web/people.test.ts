// The names the web shows for user ids come from every page of GET /people: a state-wide directory holds thousands
// of people, and a lead or an assignee beyond the first page would show as an id or be missing from a choice.
import { api } from '../../web/src/api/endpoints';

// the web's session lives in the browser's sessionStorage; here there is none, so the requests go without a token
declare global {
  var sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
}

const person = (n: number) => ({ id: `p${n}`, name: `Person ${n}`, roles: ['gemeinde'], gemeinden: ['09181128'] });

describe('the web’s people', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('follows the pages of GET /people to the last', async () => {
    const everyone = Array.from({ length: 1234 }, (_, i) => person(i + 1));
    const asked: string[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      const u = new URL(String(url), 'http://localhost');
      asked.push(`${u.pathname}?${u.searchParams.toString()}`);
      const start = Number(u.searchParams.get('cursor') ?? 0);
      const limit = Number(u.searchParams.get('limit'));
      const end = start + limit;
      return new Response(JSON.stringify({ items: everyone.slice(start, end), nextCursor: end < everyone.length ? String(end) : null }), { status: 200 });
    }) as typeof fetch;

    const people = await api.people();
    expect(people).toHaveLength(1234);
    expect(people.at(-1)).toEqual(person(1234));
    expect(asked).toEqual(['/api/v1/people?limit=500', '/api/v1/people?limit=500&cursor=500', '/api/v1/people?limit=500&cursor=1000']);
  });
});
