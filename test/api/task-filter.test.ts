// The inbox's views from the server (GET /tasks with `work`, `assignee`, `dueBy`; GET /tasks/counts): "Mein Team" is
// exactly the tasks whose allowed actions include work of one's own — the rule each task's buttons follow — for every
// kind of person, and the counts are the lists' lengths under the same filters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { endOfBerlinDay, startOfBerlinDay } from '../../domain/berlin-time';
import type { TaskSnapshot } from '../../domain/events';
import { openStore, type Store } from '../../store/store';
import { at, openTask, startRun } from '../store/fixtures';
import { lightApp } from './support/light-app';

let dataDir: string;
let store: Store;
let app: ReturnType<typeof lightApp>;

interface Item { id: string; allowedActions: string[]; assignee?: string; candidateRoles: string[]; ags: string; dueAt?: string; overdue: boolean }
const WORK = ['claim', 'complete', 'approve', 'reject', 'retry'];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'task-filter-'));
  store = await openStore({ dataDir });
  const kaufering = startRun('tf-kaufering', { ags: '09181128' });
  const landsberg = startRun('tf-landsberg', { ags: '09181130', gemeindeName: 'Landsberg am Lech' });
  const open = (s: typeof kaufering, step: string, fields: Partial<TaskSnapshot>) => openTask(s, step, fields);
  open(kaufering, 'netz', { candidateRoles: ['netzwerk'], dueAt: at(-3) });
  open(kaufering, 'netz-claimed', { candidateRoles: ['netzwerk'], assignee: 'l.weber', dueAt: at(2) });
  open(kaufering, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: endOfBerlinDay('2026-10-25') });
  open(landsberg, 'fragebogen', { candidateRoles: ['gemeinde'], dueAt: startOfBerlinDay('2026-10-26') });
  open(kaufering, 'dns', { candidateRoles: ['projektleitung', 'admin'], incident: { stepId: 'dns', error: 'Zeitüberschreitung' } });
  open(landsberg, 'kickoff', { candidateRoles: ['projektleitung'], assignee: 'a.gruber', dueAt: at(1) });
  // four eyes: the data protection officer entered it, the ISB reviews; the officer's own review is not work
  open(kaufering, 'dsfa', {
    candidateRoles: ['datenschutz', 'isb'], state: 'review', submission: { by: 'b.wolf', at: at(0) },
    approvals: { required: 2, given: [{ user: 'b.wolf', role: 'datenschutz', at: at(0) }] },
  });
  await store.appendEvents([...kaufering.events, ...landsberg.events]);
  app = lightApp({ store });
});
afterAll(async () => {
  await store?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = async (user: string, query: string) => {
  const res = await request(app).get(`/api/v1/${query}`).set('Authorization', `Bearer demo-${user}`);
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (items: Item[]) => items.map((t) => t.id);

it.each(['k.hofmann', 'l.weber', 'a.gruber', 'b.wolf', 'r.schwarz', 'm.huber', 'd.krueger', 'buergermeister-09181128'])(
  '%s: "Mein Team" is the open tasks offering work of their own, and the counts are the lists\' lengths',
  async (user) => {
    const all: Item[] = (await get(user, 'tasks?state=open')).items;
    const work: Item[] = (await get(user, 'tasks?state=open&work=true')).items;
    const mine: Item[] = (await get(user, `tasks?state=open&assignee=${user}`)).items;
    expect(ids(work)).toEqual(ids(all.filter((t) => t.allowedActions.some((a) => WORK.includes(a)))));
    expect(ids(mine)).toEqual(ids(all.filter((t) => t.assignee === user)));
    const counts = await get(user, 'tasks/counts');
    expect(counts).toEqual({
      assigned: { count: mine.length, capped: false },
      work: { count: work.length, capped: false },
      open: { count: all.length, capped: false },
    });
  },
);

it('offers each person the work they expect', async () => {
  const work = async (user: string) => ids((await get(user, 'tasks?state=open&work=true')).items);
  expect(await work('k.hofmann')).toEqual(['tf-kaufering/netz', 'tf-kaufering/netz-claimed']);
  // the lead: the repair task and the claimed kickoff, not the network team's work they may only steer
  expect(await work('a.gruber')).toEqual(['tf-landsberg/kickoff', 'tf-kaufering/dns']);
  expect(await work('r.schwarz')).toEqual(['tf-kaufering/dsfa']);
  expect(await work('b.wolf')).toEqual([]);
  expect(await work('buergermeister-09181128')).toEqual(['tf-kaufering/fragebogen']);
});

it('filters by the due day in Bavaria, the day the clocks go back included', async () => {
  const due = async (day: string) => ids((await get('m.huber', `tasks?state=open&role=gemeinde&dueBy=${day}`)).items);
  expect(await due('2026-10-24')).toEqual([]);
  expect(await due('2026-10-25')).toEqual(['tf-kaufering/fragebogen']);
  expect(await due('2026-10-26')).toEqual(['tf-kaufering/fragebogen', 'tf-landsberg/fragebogen']);
  const counts = await get('m.huber', 'tasks/counts?role=gemeinde&dueBy=2026-10-25');
  expect(counts.open).toEqual({ count: 1, capped: false });
});

it('counts under the list\'s filters: team, Gemeinde, overdue', async () => {
  for (const query of ['role=netzwerk', 'ags=09181130', 'overdue=true', 'role=projektleitung&ags=09181128']) {
    const all: Item[] = (await get('a.gruber', `tasks?state=open&${query}`)).items;
    const work: Item[] = (await get('a.gruber', `tasks?state=open&work=true&${query}`)).items;
    const counts = await get('a.gruber', `tasks/counts?${query}`);
    expect([counts.open.count, counts.work.count]).toEqual([all.length, work.length]);
  }
});

it('answers a malformed filter with a German error at the field', async () => {
  const res = await request(app).get('/api/v1/tasks/counts?dueBy=2026-13-01').set('Authorization', 'Bearer demo-m.huber');
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([{ path: 'query.dueBy', message: 'Datum im Format JJJJ-MM-TT' }]);
  const work = await request(app).get('/api/v1/tasks?work=ja').set('Authorization', 'Bearer demo-m.huber');
  expect(work.status).toBe(422);
  expect(work.body.errors[0].path).toBe('query.work');
  const unknown = await request(app).get('/api/v1/tasks/counts?state=open').set('Authorization', 'Bearer demo-m.huber');
  expect(unknown.status).toBe(422);
});
