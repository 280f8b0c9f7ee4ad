// The portfolio pages its running onboardings (issue 19): `limit` and `cursor` as every list, `nextCursor` beside
// the page; the key figures (`totals`), counts and yearly statistics cover every onboarding in the caller's scope,
// whatever the page or filter. A Gemeinde user sees only its own Gemeinde and only its own role's open work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { GEMEINDEN } from '../../../domain/catalog/gemeinden';
import { openStore, type Store } from '../../../store/store';
import { openTask, startRun } from '../../store/fixtures';
import { lightApp } from '../support/light-app';

type App = ReturnType<typeof lightApp>;
type Json = Record<string, any>;
const auth = (user: string) => ({ Authorization: `Bearer demo-${user}` });
const STAFF = 'p.fischer';
// the API counts overdue against the real clock
const fromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const forged = Buffer.from('["nicht von uns"]').toString('base64url');

/** Every page of the portfolio: the onboardings in order, and each page's answer. */
async function walk(app: App, user: string, limit: number, filter = ''): Promise<{ ids: string[]; pages: Json[] }> {
  const ids: string[] = [];
  const pages: Json[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: request.Response = await request(app)
      .get(`/api/v1/dashboard?limit=${limit}${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(auth(user));
    expect(res.status).toBe(200);
    expect(res.body.onboardings.length).toBeLessThanOrEqual(limit);
    ids.push(...res.body.onboardings.map((o: Json) => o.id));
    pages.push(res.body);
    cursor = res.body.nextCursor;
    if (cursor === null) return { ids, pages };
    expect(res.body.onboardings).toHaveLength(limit);
  }
  throw new Error('more than 50 pages');
}

describe('GET /dashboard pages the running onboardings', () => {
  const own = GEMEINDEN[0];
  let dataDir: string;
  let store: Store;
  let app: App;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-paging-'));
    store = await openStore({ dataDir });
    // seven running onboardings, two of them in the Gemeinde of the Gemeinde user below, each with open tasks
    const streams = GEMEINDEN.slice(0, 7).map((g, i) => {
      const s = startRun(`dp-${g.ags}`, {
        ags: g.ags, gemeindeName: g.name, targetGoLive: `2026-${String(Math.min(i, 4) + 3).padStart(2, '0')}-01`, health: i === 2 ? 'red' : 'green',
      });
      openTask(s, 'netz', { candidateRoles: ['netzwerk'], dueAt: fromNow(i % 2 === 0 ? -3 : 10) });
      openTask(s, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: fromNow(-1) });
      return s;
    });
    // three share a target go-live (ordered by Gemeinde), one has none (last)
    const second = startRun(`dp-${own.ags}-2`, { ags: own.ags, gemeindeName: own.name, targetGoLive: undefined });
    openTask(second, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: fromNow(30) });
    await store.appendEvents([...streams, second].flatMap((s) => s.events));
    app = lightApp({ store });
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives every onboarding once, in the order of its target go-live, with the same key figures on every page', async () => {
    const all = (await request(app).get('/api/v1/dashboard').set(auth(STAFF)).expect(200)).body;
    expect(all.onboardings).toHaveLength(8);
    expect(all.nextCursor).toBeNull();
    expect(all.totals).toEqual({ running: 8, red: 1, openTasks: 15, overdueTasks: 11 });
    const { ids, pages } = await walk(app, STAFF, 3);
    expect(pages).toHaveLength(3);
    expect(ids).toEqual(all.onboardings.map((o: Json) => o.id));
    expect(ids.at(-1)).toBe(`dp-${own.ags}-2`);
    expect((await walk(app, STAFF, 1)).ids).toEqual(ids);
    for (const page of pages) {
      expect(page.totals).toEqual(all.totals);
      expect(page.counts).toEqual(all.counts);
    }
    // the totals are the sum over all pages, never only the page's
    expect(pages.flatMap((p) => p.onboardings).reduce((n: number, o: Json) => n + o.overdueTasks, 0)).toBe(11);
  });

  it('filters by traffic light and team on the server; the key figures stay those of all onboardings', async () => {
    const red = (await request(app).get('/api/v1/dashboard?health=red').set(auth(STAFF)).expect(200)).body;
    expect(red.onboardings.map((o: Json) => o.id)).toEqual([`dp-${GEMEINDEN[2].ags}`]);
    expect(red.totals.running).toBe(8);
    const { ids } = await walk(app, STAFF, 2, '&team=netzwerk');
    expect(ids).toHaveLength(7);
    expect(ids).not.toContain(`dp-${own.ags}-2`);
  });

  it('keeps a Gemeinde user to its own Gemeinde and its own role\'s open work', async () => {
    const user = `buergermeister-${own.ags}`;
    const { ids, pages } = await walk(app, user, 1);
    expect(ids).toEqual([`dp-${own.ags}`, `dp-${own.ags}-2`]);
    expect(pages[0].totals).toEqual({ running: 2, red: 0, openTasks: 2, overdueTasks: 1 });
    expect(pages.flatMap((p) => p.onboardings).map((o: Json) => o.tasksByTeam)).toEqual([
      { gemeinde: { open: 1, overdue: 1 } }, { gemeinde: { open: 1, overdue: 0 } },
    ]);
    expect(pages[0].counts).toEqual([{ process: 'gemeinde-onboarding', status: 'running', count: 2 }]);
  });

  it('answers a bad limit or filter at the field and a cursor it did not hand out with 400', async () => {
    for (const query of ['limit=0', 'limit=501', 'health=lila', 'team=niemand']) {
      const res = await request(app).get(`/api/v1/dashboard?${query}`).set(auth(STAFF));
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: `query.${query.split('=')[0]}` })]);
    }
    const res = await request(app).get(`/api/v1/dashboard?cursor=${forged}`).set(auth(STAFF));
    expect(res.status).toBe(400);
  });
});
