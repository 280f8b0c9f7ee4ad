// Calendar feeds: a person's secret feed (no bearer token) with their tasks' due dates and their runs' milestones
// as Bavarian calendar days, parsed back with node-ical; renewal invalidates the old URL; a Gemeinde user's feed
// holds only their Gemeinde; a run's milestones as .ics.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import type express from 'express';
import { openStore, type Store } from '../../../store/store';
import { openTask, startRun } from '../../store/fixtures';
import { token } from '../../helpers/system';
import { lightApp } from '../support/light-app';

let dataDir: string;
let store: Store;
let app: express.Express;
const RUN = 'onboarding-09181128';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'calendar-test-'));
  store = await openStore({ dataDir });
  const own = startRun(RUN, {
    ags: '09181128', gemeindeName: 'Kaufering', title: 'Onboarding Kaufering', projectLead: 'a.gruber', targetGoLive: '2026-10-01',
    nextMilestones: [{ stepId: 'beschluss', title: 'Gemeinderatsbeschluss', date: '2026-04-15' }],
  });
  // due 22:30 UTC on 29 March 2026, the night summer time starts: 00:30 on 30 March in Bavaria
  openTask(own, 'vertrag', { id: `${RUN}:vertrag`, title: 'Vertrag unterschreiben', ags: '09181128', gemeindeName: 'Kaufering', assignee: 'a.gruber', dueAt: '2026-03-29T22:30:00.000Z' });
  openTask(own, 'beschluss', { id: `${RUN}:beschluss`, title: 'Gemeinderatsbeschluss', ags: '09181128', gemeindeName: 'Kaufering', candidateRoles: ['gemeinde'], dueAt: '2026-04-15T10:00:00.000Z' });
  // a migration below it, led by the same person with the same target
  const child = startRun('migration-09181128-ok-ewo', {
    ags: '09181128', gemeindeName: 'Kaufering', title: 'Verfahrensmigration: OK.EWO', process: 'verfahren-migration', parentId: RUN, rootId: RUN,
    projectLead: 'a.gruber', targetGoLive: '2026-10-01', nextMilestones: [{ stepId: 'umstellung', title: 'Umstellung', date: '2026-07-01' }],
  });
  openTask(child, 'abnahme', { id: 'migration-09181128-ok-ewo:abnahme', title: 'Abnahme', ags: '09181128', gemeindeName: 'Kaufering', assignee: 'a.gruber', dueAt: '2026-06-15T10:00:00.000Z' });
  const foreign = startRun('onboarding-09181130', { ags: '09181130', gemeindeName: 'Landsberg am Lech', projectLead: 'f.maier' });
  openTask(foreign, 'beschluss', { id: 'onboarding-09181130:beschluss', title: 'Gemeinderatsbeschluss', ags: '09181130', gemeindeName: 'Landsberg am Lech', candidateRoles: ['gemeinde'], dueAt: '2026-04-20T10:00:00.000Z' });
  await store.appendEvents([...own.events, ...child.events, ...foreign.events]);
  app = lightApp({ store, publicUrl: 'https://onboarding.ku-it.example' });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function feedUrl(user: string): Promise<string> {
  const res = await request(app).post('/api/v1/me/calendar').set('Authorization', `Bearer ${token(user)}`).expect(201);
  expect(res.body.url).toMatch(/^https:\/\/onboarding\.ku-it\.example\/api\/v1\/calendar\/[\w-]{40,}\.ics$/);
  return new URL(res.body.url).pathname;
}

function events(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

const day = (e: VEvent) => `${e.start.getUTCFullYear()}-${String(e.start.getUTCMonth() + 1).padStart(2, '0')}-${String(e.start.getUTCDate()).padStart(2, '0')}`;

it('serves my due dates and my runs\' milestones as all-day Bavarian days, without a bearer token', async () => {
  const res = await request(app).get(await feedUrl('a.gruber')).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/calendar/);
  // RFC 5545: the stamp in UTC, the events whole days (no zone needed, none named)
  expect(res.text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
  expect(res.text).not.toMatch(/^DTSTAMP:\d{8}T\d{6}\r?$/m);
  expect(res.text).not.toMatch(/^DTSTART(?!;VALUE=DATE:)/m);
  expect(res.text).not.toContain('TIMEZONE');
  const byTitle = new Map(events(res.text).map((e) => [String(e.summary), e]));
  const due = byTitle.get('Fällig: Vertrag unterschreiben (Kaufering)')!;
  expect(due.datetype).toBe('date');
  expect(day(due)).toBe('2026-03-30');
  // node-ical gives URL properties with parameters as { params, val }
  const url = typeof due.url === 'string' ? due.url : (due.url as unknown as { val: string }).val;
  expect(url).toBe(`https://onboarding.ku-it.example/aufgaben/${encodeURIComponent(`${RUN}:vertrag`)}`);
  expect(day(byTitle.get('Meilenstein: Gemeinderatsbeschluss (Kaufering)')!)).toBe('2026-04-15');
  expect(day(byTitle.get('Ziel-Go-live Kaufering')!)).toBe('2026-10-01');
  // the migration's own milestone, but the onboarding's target once, not again for each run below it
  // a migration's milestone and task name the migration (two migrations have the same steps), not its id
  expect(day(byTitle.get('Meilenstein: Umstellung – Verfahrensmigration: OK.EWO (Kaufering)')!)).toBe('2026-07-01');
  const childTask = byTitle.get('Fällig: Abnahme – Verfahrensmigration: OK.EWO (Kaufering)')!;
  expect(day(childTask)).toBe('2026-06-15');
  expect(childTask.description).toBe('Aufgabe im Vorgang Verfahrensmigration: OK.EWO');
  expect(events(res.text).filter((e) => String(e.summary) === 'Ziel-Go-live Kaufering')).toHaveLength(1);
  // another lead's run and the Gemeinde's own tasks are not the project lead's
  expect([...byTitle.keys()].some((t) => t.includes('Landsberg'))).toBe(false);
});

it('shows a Gemeinde user only their Gemeinde, and renewing the URL ends the old one', async () => {
  const old = await feedUrl('buergermeister-09181128');
  const titles = events((await request(app).get(old).expect(200)).text).map((e) => String(e.summary));
  expect(titles).toContain('Fällig: Gemeinderatsbeschluss (Kaufering)');
  expect(titles.some((t) => t.includes('Landsberg'))).toBe(false);
  const renewed = await feedUrl('buergermeister-09181128');
  expect(renewed).not.toBe(old);
  const gone = await request(app).get(old);
  expect(gone.status).toBe(404);
  expect(gone.body.detail).toMatch(/Kalender nicht gefunden/);
  await request(app).get(renewed).expect(200);
});

it('offers a run\'s milestones as .ics to those who see the run, 404 to another Gemeinde', async () => {
  const res = await request(app).get(`/api/v1/runs/${RUN}/calendar.ics`).set('Authorization', `Bearer ${token('buergermeister-09181128')}`).expect(200);
  expect(res.headers['content-disposition']).toMatch(/termine-onboarding-09181128\.ics/);
  expect(events(res.text).map((e) => [String(e.summary), day(e)])).toEqual([
    ['Meilenstein: Gemeinderatsbeschluss (Kaufering)', '2026-04-15'],
    ['Ziel-Go-live Kaufering', '2026-10-01'],
  ]);
  const foreign = await request(app).get(`/api/v1/runs/${RUN}/calendar.ics`).set('Authorization', `Bearer ${token('buergermeister-09181130')}`);
  expect(foreign.status).toBe(404);
});
