// One list convention (issue 12, item 11): every list takes `limit` (1–500, default 50) and `cursor`, answers
// `{ items, nextCursor }`, and documents exactly that in /openapi.json. Walked page by page, a list gives every item
// once and in order; a cursor it did not hand out is a 400, a bad limit a 422 at the field.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { z } from 'zod';
import { DEMO_USERS } from '../../config/users';
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import { SERVICES } from '../../domain/catalog/services';
import { VERFAHREN } from '../../domain/catalog/verfahren';
import { TEMPLATES } from '../../domain/templates';
import { OPERATIONS } from '../../api/openapi/operations';
import { numberCursor, pageQuery } from '../../api/paging';
import { openStore, type Store } from '../../store/store';
import { startRun } from '../store/fixtures';
import { lightApp } from './support/light-app';

type App = ReturnType<typeof lightApp>;
type Json = Record<string, any>;
const auth = (user: string) => ({ Authorization: `Bearer demo-${user}` });
const forged = Buffer.from('["nicht von uns"]').toString('base64url');

/** Every page of a list, following nextCursor; fails on a page longer than asked for. */
async function walk(app: App, url: string, user: string, limit: number): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const sep = url.includes('?') ? '&' : '?';
    const res: request.Response = await request(app).get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).set(auth(user));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (cursor === null) return items;
    expect(res.body.items).toHaveLength(limit);
  }
  throw new Error(`${url}: more than 100 pages`);
}

/** The default page, limits out of bounds (422 at the field) and a forged cursor (400). */
async function expectConvention(app: App, url: string, user: string, total: number): Promise<void> {
  const sep = url.includes('?') ? '&' : '?';
  const first = await request(app).get(url).set(auth(user));
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(Math.min(total, 50));
  expect(first.body.nextCursor === null).toBe(total <= 50);
  for (const limit of ['0', '501', 'viele', '1.5']) {
    const bad = await request(app).get(`${url}${sep}limit=${limit}`).set(auth(user));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
  }
  const res = await request(app).get(`${url}${sep}cursor=${forged}`).set(auth(user));
  expect(res.status).toBe(400);
  expect(res.body.detail).toBe('Ungültiger cursor.');
}

describe('every list operation', () => {
  const lists = OPERATIONS.filter((op) => op.key.startsWith('GET ') && op.success.schema instanceof z.ZodObject && 'items' in op.success.schema.shape);
  const documented = async (embedded: boolean) => (await request(lightApp({ embedded })).get('/openapi.json')).body as Json;

  it('are the lists of the API', () => {
    expect(lists.map((op) => op.key).sort()).toEqual([
      'GET /admin/people', 'GET /catalog/gemeinden', 'GET /catalog/processes', 'GET /catalog/services', 'GET /catalog/verfahren', 'GET /dashboard/trend', 'GET /dev/mail',
      'GET /dev/users', 'GET /gemeinden/{ags}/destruction-certificates', 'GET /gemeinden/{ags}/device-register', 'GET /gemeinden/{ags}/devices', 'GET /people', 'GET /planning/pipeline', 'GET /runs', 'GET /runs/{id}/devices', 'GET /runs/{id}/documents', 'GET /runs/{id}/events', 'GET /runs/{id}/messages', 'GET /tasks', 'GET /tasks/{id}/assignees', 'GET /webhooks', 'GET /webhooks/{id}/deliveries',
    ]);
  });

  it('take the shared limit and cursor and answer items with nextCursor, as documented', async () => {
    const doc = await documented(true);
    const shared = z.toJSONSchema(pageQuery, { io: 'input' }) as Json;
    for (const op of lists) {
      const query = z.toJSONSchema(op.query!, { io: 'input' }) as Json;
      expect({ op: op.key, limit: query.properties.limit, cursor: query.properties.cursor })
        .toEqual({ op: op.key, limit: shared.properties.limit, cursor: shared.properties.cursor });
      const [method, template] = op.key.split(' ');
      const operation = doc.paths[`/api/v1${template}`][method.toLowerCase()] as Json;
      const params = Object.fromEntries((operation.parameters as Json[]).filter((p) => p.in === 'query').map((p) => [p.name, p]));
      expect(params.limit).toMatchObject({ required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } });
      expect(params.cursor).toMatchObject({ required: false, schema: { type: 'string', maxLength: 2000 } });
      const body = operation.responses['200'].content['application/json'].schema as Json;
      // a page may carry facts about the whole list beside it (the people list: the directory and its last sync)
      expect({ op: op.key, required: body.required }).toEqual({ op: op.key, required: expect.arrayContaining(['items', 'nextCursor']) });
      expect(operation.responses['400']).toEqual({ $ref: '#/components/responses/Problem400' });
    }
  });
});

describe('lists held in memory', () => {
  const app = lightApp();

  it.each([
    ['/api/v1/catalog/verfahren', VERFAHREN.map((v) => v.id)],
    ['/api/v1/catalog/gemeinden', GEMEINDEN.map((g) => g.ags)],
    ['/api/v1/catalog/services', SERVICES.map((s) => s.id)],
    ['/api/v1/catalog/processes', Object.values(TEMPLATES).map((t) => t.id)],
    ['/api/v1/dev/users', DEMO_USERS.map((u) => u.id)],
  ])('%s pages through every item once, in order', async (url, ids) => {
    const key = (item: Json) => item.id ?? item.ags;
    expect((await walk(app, url, 'p.fischer', 7)).map((i) => key(i as Json))).toEqual(ids);
    expect((await walk(app, url, 'p.fischer', 500)).map((i) => key(i as Json))).toEqual(ids);
    await expectConvention(app, url, 'p.fischer', ids.length);
  });

  it('pages a Verfahren search and keeps a Gemeinde user to its own Gemeinde', async () => {
    const all = (await walk(app, '/api/v1/catalog/verfahren?q=a', 'p.fischer', 500)) as Json[];
    expect(all.length).toBeGreaterThan(60);
    expect((await walk(app, '/api/v1/catalog/verfahren?q=a', 'p.fischer', 25))).toEqual(all);
    const own = (await walk(app, '/api/v1/catalog/gemeinden', 'buergermeister-09181139', 1)) as Json[];
    expect(own.map((g) => g.ags)).toEqual(['09181139']);
  });
});

describe('lists read from the database', () => {
  let dataDir: string;
  let store: Store;
  let app: App;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paging-test-'));
    store = await openStore({ dataDir });
    const run = startRun('paging-kaufering');
    for (let i = 0; i < 60; i++) run.emit('run.progressed', new Date(Date.parse(run.run.startedAt) + i * 60_000).toISOString(), { data: { progress: i } });
    await store.appendEvents(run.events);
    for (let i = 0; i < 5; i++) {
      await store.webhooks.create({ id: `wh-paging-${i}`, url: 'https://x.example/h', eventTypes: ['task.*'], secret: 's3cr3t-s3cr3t-s3cr3t', createdBy: 'd.krueger' });
      await store.notifications.capture({ key: `paging:${i}`, to: 'd.krueger@ku-it.example', subject: `Mail ${i}`, text: 't' });
    }
    for (let i = 0; i < 6; i++) {
      await store.messages.add({ runId: 'paging-kaufering', ags: run.run.ags, authorId: 'a.gruber', authorName: 'Andrea Gruber', side: 'ku', text: `Nachricht ${i}` });
    }
    app = lightApp({ store });
  });
  afterAll(async () => {
    await store?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('GET /runs/{id}/events pages the audit trail by seq; the CSV stays the whole trail', async () => {
    const url = '/api/v1/runs/paging-kaufering/events';
    const seqs = ((await walk(app, url, 'b.wolf', 7)) as Json[]).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 61 }, (_v, i) => i + 1));
    await expectConvention(app, url, 'b.wolf', 61);
    const beyond = await request(app).get(`${url}?cursor=${numberCursor(2 ** 31)}`).set(auth('b.wolf'));
    expect(beyond.status).toBe(400);
    const csv = await request(app).get(url).set(auth('b.wolf')).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.text.trim().split('\n')).toHaveLength(62);
  });

  it('GET /runs/{id}/messages pages the conversation, oldest first', async () => {
    const url = '/api/v1/runs/paging-kaufering/messages';
    const texts = ((await walk(app, url, 'a.gruber', 4)) as Json[]).map((m) => m.text);
    expect(texts).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Nachricht ${i}`));
    await expectConvention(app, url, 'a.gruber', 6);
  });

  it('GET /webhooks pages the subscriptions in creation order', async () => {
    const ids = ((await walk(app, '/api/v1/webhooks', 'd.krueger', 2)) as Json[]).map((w) => w.id);
    expect(ids).toEqual([0, 1, 2, 3, 4].map((i) => `wh-paging-${i}`));
    await expectConvention(app, '/api/v1/webhooks', 'd.krueger', 5);
  });

  it('GET /dev/mail pages the captured mail, newest first, and says when no page follows', async () => {
    const subjects = ((await walk(app, '/api/v1/dev/mail', 'd.krueger', 5)) as Json[]).map((m) => m.subject);
    expect(subjects).toEqual([4, 3, 2, 1, 0].map((i) => `Mail ${i}`));
    const exact = await request(app).get('/api/v1/dev/mail?limit=5').set(auth('d.krueger'));
    expect(exact.body.nextCursor).toBeNull();
    await expectConvention(app, '/api/v1/dev/mail', 'd.krueger', 5);
  });
});
