// The names the web shows for user ids are asked for on demand, GET /people?ids= for the ids a page shows: a
// state-wide directory holds thousands of people, and loading them all cost every session hundreds of kilobytes.
import { loadNames, rememberNames } from '../../web/src/api/names';

// the web's session lives in the browser's sessionStorage; here a map stands in for it
declare global {
  var sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
}
const storage = new Map<string, string>();
globalThis.sessionStorage = {
  getItem: (k) => storage.get(k) ?? null,
  setItem: (k, v) => void storage.set(k, v),
  removeItem: (k) => void storage.delete(k),
};
const signIn = (id: string) => storage.set('ku.session', JSON.stringify({ token: `demo-${id}`, mode: 'demo', user: { id, name: id, roles: ['projektleitung'], gemeinden: [] } }));

const person = (n: number) => ({ id: `p${n}`, name: `Person ${n}`, roles: ['gemeinde'], gemeinden: ['09181128'] });

describe('the web’s names for ids', () => {
  const realFetch = global.fetch;
  let asked: string[][];
  let failing: boolean;
  beforeEach(() => {
    asked = [];
    failing = false;
    // the API names everyone p1…p999 except p7, whom this person may not see
    global.fetch = jest.fn(async (url: string | URL | Request) => {
      const u = new URL(String(url), 'http://localhost');
      expect(u.pathname).toBe('/api/v1/people');
      const ids = u.searchParams.get('ids')!.split(',');
      asked.push(ids);
      if (failing) return new Response('{}', { status: 503 });
      const items = ids.filter((id) => /^p\d+$/.test(id) && id !== 'p7').map((id) => person(Number(id.slice(1))));
      return new Response(JSON.stringify({ items, nextCursor: null }), { status: 200 });
    }) as typeof fetch;
  });
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('asks once for the ids a page shows, in batches of 100, and keeps the names', async () => {
    signIn('a.gruber');
    const ids = Array.from({ length: 150 }, (_, i) => `p${i + 1}`);
    // two components asking at once for overlapping ids share the requests
    await Promise.all([loadNames(ids), loadNames(['p1', 'p2', 'system'])]);
    expect(asked.map((a) => a.length)).toEqual([100, 50]);
    expect(asked.flat()).toEqual(ids);

    // known names, and the id the API does not name to this person, are never asked for again
    await loadNames(['p1', 'p7', 'p150', 'p151']);
    expect(asked.at(-1)).toEqual(['p151']);
    expect(asked).toHaveLength(3);
  });

  it('keeps each request well inside the length a URL may have', async () => {
    signIn('s.wagner');
    // ids as long as a directory may make them: 100 of 150 characters would be 15 KB in one request
    const ids = Array.from({ length: 100 }, (_, i) => `p${String(i + 1000).padEnd(149, 'x')}`);
    await loadNames(ids);
    expect(asked.flat()).toEqual(ids);
    expect(asked.every((chunk) => chunk.join(',').length <= 4000)).toBe(true);
    expect(asked.length).toBe(4);
  });

  it('keeps names per signed-in person, and asks again after a failed request', async () => {
    signIn('m.huber');
    failing = true;
    await loadNames(['p1']);
    failing = false;
    await loadNames(['p1']);
    expect(asked).toEqual([['p1'], ['p1']]);

    // a list that brought names (the leads, a task's assignees) spares asking for them
    rememberNames([{ id: 'p2', name: 'Person 2' }]);
    await loadNames(['p1', 'p2']);
    expect(asked).toHaveLength(2);

    // another person may see other people: nothing known is reused
    signIn('buergermeister-09181128');
    await loadNames(['p1', 'p2']);
    expect(asked.at(-1)).toEqual(['p1', 'p2']);
  });
});
