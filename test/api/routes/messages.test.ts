// The conversation of a run between its Gemeinde and the project lead (issue 16 item 3): both sides see every
// message, each message starts one mail workflow keyed by the message, the mail goes to the other side and a copy to
// the author's colleagues, another Gemeinde's run answers 404, bad input gets German field errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type express from 'express';
import { createDirectory } from '../../../activities/directory';
import { createMessageMailActivities } from '../../../activities/message-mail';
import { captureTransport } from '../../../activities/mail-transport';
import { DEMO_USERS } from '../../../config/users';
import { openStore, type Store } from '../../../store/store';
import { startRun } from '../../store/fixtures';
import { token } from '../../helpers/system';
import { lightApp } from '../support/light-app';
import { recordingClient } from '../support/recording-client';

const RUN = 'onboarding-09181128';
const FOREIGN_RUN = 'onboarding-09181130';
let dataDir: string;
let store: Store;
let app: express.Express;
const recording = recordingClient();
const { client, started, noted } = recording;
const logged: unknown[] = [];

const as = (user: string) => `Bearer ${token(user)}`;
const post = (run: string, user: string, body: unknown) =>
  request(app).post(`/api/v1/runs/${run}/messages`).set('Authorization', as(user)).send(body as object);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'messages-test-'));
  store = await openStore({ dataDir });
  await store.appendEvents([
    ...startRun(RUN, { ags: '09181128', gemeindeName: 'Kaufering', projectLead: 'a.gruber' }).events,
    ...startRun(FOREIGN_RUN, { ags: '09181130', gemeindeName: 'Landsberg am Lech' }).events,
  ]);
  app = lightApp({ store, client, logError: (_err, context) => logged.push(context) });
});
afterAll(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('the Gemeinde asks, the project lead answers; both see both messages and each message starts its mail once', async () => {
  const question = await post(RUN, 'buergermeister-09181128', { text: '  Wann brauchen Sie den Vertrag zurück?  ' }).expect(201);
  expect(question.body).toMatchObject({ runId: RUN, side: 'gemeinde', text: 'Wann brauchen Sie den Vertrag zurück?', author: { id: 'buergermeister-09181128' } });
  const answer = await post(RUN, 'a.gruber', { text: 'Bis Ende des Monats, danke!' }).expect(201);
  expect(answer.body).toMatchObject({ side: 'ku', author: { id: 'a.gruber' } });

  for (const user of ['buergermeister-09181128', 'geschaeftsleitung-09181128', 'a.gruber']) {
    const list = await request(app).get(`/api/v1/runs/${RUN}/messages`).set('Authorization', as(user)).expect(200);
    expect(list.body.items.map((m: { text: string }) => m.text)).toEqual(['Wann brauchen Sie den Vertrag zurück?', 'Bis Ende des Monats, danke!']);
  }
  expect(started).toEqual([
    { type: 'messageMail', workflowId: `message-mail-${question.body.id}`, args: [question.body.id] },
    { type: 'messageMail', workflowId: `message-mail-${answer.body.id}`, args: [answer.body.id] },
  ]);
  // each message is told to its run for the trail: its id and side, not its text
  expect(noted).toEqual([
    { workflowId: RUN, note: { type: 'message.posted', actor: 'buergermeister-09181128', data: { messageId: question.body.id, side: 'gemeinde' } } },
    { workflowId: RUN, note: { type: 'message.posted', actor: 'a.gruber', data: { messageId: answer.body.id, side: 'ku' } } },
  ]);

  // the mails: the question to the run's lead, the answer to the Gemeinde's people, each with a copy to the author's
  // colleagues (the Gemeinde's other contact; the run names no deputy lead); a retry sends nothing twice
  const mail = createMessageMailActivities({ store, directory: createDirectory({ users: DEMO_USERS }), mail: captureTransport(store.notifications), publicUrl: 'https://onboarding.example/' });
  expect(await mail.sendMessageMail(question.body.id)).toBe(2);
  expect(await mail.sendMessageMail(answer.body.id)).toBe(2);
  await mail.sendMessageMail(answer.body.id);
  const captured = await store.notifications.captured({ limit: 20 });
  expect(captured.map((m) => `${m.to} ${m.subject.replace(/^.*: /, '')}`).sort()).toEqual([
    'a.gruber@ku-it.example Nachricht von Bürgermeister/in Kaufering',
    'buergermeister-09181128@gemeinde.example Nachricht von Andrea Gruber',
    'geschaeftsleitung-09181128@gemeinde.example Nachricht von Andrea Gruber',
    'geschaeftsleitung-09181128@gemeinde.example Nachricht von Bürgermeister/in Kaufering an die Projektleitung (Kopie)',
  ]);
  const toLead = captured.find((m) => m.to === 'a.gruber@ku-it.example')!;
  expect(toLead.subject).toMatch(/^Kaufering – .*: Nachricht von Bürgermeister\/in Kaufering$/);
  expect(toLead.text).toMatch(/Bürgermeister\/in Kaufering schreibt zu „Kaufering – [^“]+“:/);
  expect(toLead.text).toContain('> Wann brauchen Sie den Vertrag zurück?');
  expect(toLead.text).toContain(`https://onboarding.example/vorgaenge/${RUN}`);
  const toGemeinde = captured.find((m) => m.to === 'buergermeister-09181128@gemeinde.example')!;
  expect(toGemeinde.text).toContain('> Bis Ende des Monats, danke!');
  const copy = captured.find((m) => m.subject.endsWith('(Kopie)'))!;
  expect(copy.text).toMatch(/schreibt zu „Kaufering – [^“]+“ \(an die Projektleitung\):/);
  expect(copy.text).toContain('https://onboarding.example/\n');
});

it('keeps a message when Temporal is unreachable (201, stored once, the unstarted mail logged), so a retry cannot post it twice', async () => {
  recording.unreachable = true;
  try {
    const res = await post(RUN, 'buergermeister-09181128', { text: 'Ist der Server erreichbar?' }).expect(201);
    expect((await store.messages.list(RUN)).filter((m) => m.text === 'Ist der Server erreichbar?')).toHaveLength(1);
    expect(logged).toEqual([
      { where: 'message mail not started', messageId: res.body.id },
      { where: 'run not told', runId: RUN, note: 'message.posted' },
    ]);
  } finally {
    recording.unreachable = false;
  }
});

it("another Gemeinde's run answers 404, reading and writing; nothing is stored or mailed", async () => {
  const before = started.length;
  expect((await request(app).get(`/api/v1/runs/${FOREIGN_RUN}/messages`).set('Authorization', as('buergermeister-09181128'))).status).toBe(404);
  expect((await post(FOREIGN_RUN, 'buergermeister-09181128', { text: 'Hallo' })).status).toBe(404);
  expect(await store.messages.list(FOREIGN_RUN)).toEqual([]);
  expect(started.length).toBe(before);
});

it('a team that is not a side of the conversation may read but not write (403)', async () => {
  expect((await request(app).get(`/api/v1/runs/${RUN}/messages`).set('Authorization', as('k.hofmann'))).status).toBe(200);
  const res = await post(RUN, 'k.hofmann', { text: 'Hallo' });
  expect(res.status).toBe(403);
  expect(res.body.detail).toBe('Nachrichten schreiben nur die Gemeinde und die Projektleitung.');
});

it.each([
  ['an empty message', { text: '   ' }, 'text', 'Die Nachricht ist leer'],
  ['a missing message', {}, 'text', 'Bitte eine Nachricht angeben'],
  ['a message that is no text', { text: 7 }, 'text', 'Die Nachricht muss ein Text sein'],
  ['a too-long message', { text: 'x'.repeat(5001) }, 'text', 'Die Nachricht ist zu lang (höchstens 5000 Zeichen)'],
])('answers %s with a German field error (422)', async (_case, body, field, message) => {
  const res = await post(RUN, 'buergermeister-09181128', body);
  expect(res.status).toBe(422);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.errors).toEqual([{ path: field, message }]);
});
