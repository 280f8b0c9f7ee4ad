// Mail end to end in the embedded default: a run opens a task, the engine's notification activity captures the
// German mail to the team, and GET /api/v1/dev/mail shows it — to its addressees, and to admins. Outside embedded
// mode the mailbox (and the demo sender for inbound events) does not exist.
import request from 'supertest';
import { createApp } from '../../../api/app';
import { demoAuthenticator } from '../../../api/auth';
import { EMBEDDED_INBOUND_SECRETS, sign } from '../../../api/inbound-auth';
import { demoDirectory } from '../../../config/users';
import { token, type TestSystem } from '../../helpers/system';
import { PUBLIC_URL, startNotifyingSystem, waitUntil } from '../../notifications/helpers';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startNotifyingSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
interface Mail { id: number; to: string; subject: string; text: string; runId: string | null; eventType: string | null; attachments: string[] }
const mailOf = async (user: string, query = ''): Promise<Mail[]> =>
  (await request(sys.app).get(`/api/v1/dev/mail${query}`).set(auth(user)).expect(200)).body.items as Mail[];

it('captures the mail of a new task for its team and lists it at /dev/mail', async () => {
  await request(sys.app).post('/api/v1/runs').set(auth('f.maier'))
    .send({ process: 'arbeitsplatz-rollout', input: { ags: '09181144', batch: 'Rathaus', devices: 5, projectLead: 'f.maier' } })
    .expect(201);
  const runId = 'rollout-09181144-rathaus';
  await waitUntil(async () => (await mailOf('m.koch')).length > 0, 20_000, 'the team mail');

  const [mail] = await mailOf('m.koch');
  expect(mail).toMatchObject({ to: 'm.koch@ku-it.example', runId, eventType: 'task.opened', subject: 'Utting am Ammersee – Arbeitsplatz-Rollout Rathaus (5 Geräte): Neue Aufgabe „Bedarf erfassen“', attachments: [] });
  expect(mail.text).toContain(`${PUBLIC_URL}/aufgaben/${encodeURIComponent(`${runId}:bedarf`)}`);
  expect(mail.text).toMatch(/^Guten Tag,/);
  expect(await mailOf('p.fischer')).toEqual([]); // not on that team
  const all = await mailOf('d.krueger');
  expect(all.map((m) => m.to).sort()).toEqual(['j.richter@ku-it.example', 'm.koch@ku-it.example']);
  expect((await mailOf('d.krueger', '?to=J.Richter@ku-it.example')).map((m) => m.to)).toEqual(['j.richter@ku-it.example']);
  // a non-admin's ?to= is ignored: everyone reads only their own mail
  expect((await mailOf('m.koch', '?to=j.richter@ku-it.example')).map((m) => m.to)).toEqual(['m.koch@ku-it.example']);
  expect((await request(sys.app).get('/api/v1/dev/mail')).status).toBe(401);
  expect((await request(sys.app).get('/api/v1/dev/mail?limit=0').set(auth('d.krueger'))).status).toBe(422);

  // completing the task as the assignee's colleague: the next steps' mails follow, none twice
  await request(sys.app).post(`/api/v1/tasks/${encodeURIComponent(`${runId}:bedarf`)}/complete`).set(auth('j.richter'))
    .send({ data: { geraete: 5, standort: 'Rathaus' } }).expect(200);
  await waitUntil(async () => (await mailOf('m.koch')).length >= 2, 20_000, 'the imaging mail');
  const subjects = (await mailOf('m.koch')).map((m) => m.subject);
  expect(subjects).toEqual([
    'Utting am Ammersee – Arbeitsplatz-Rollout Rathaus (5 Geräte): Neue Aufgabe „Betankung (Windows 11, BitLocker, Treiber)“',
    'Utting am Ammersee – Arbeitsplatz-Rollout Rathaus (5 Geräte): Neue Aufgabe „Bedarf erfassen“',
  ]);
  // a mail's attachments are named, as the Gemeinde's offer mail carries its PDF
  await sys.store.notifications.capture({ key: 'dev-mail-attachment', to: 'm.koch@ku-it.example', subject: 'Mit Anhang', text: 'anbei',
    attachments: [{ documentId: 'doc-1', filename: 'Angebot Utting.pdf' }] });
  expect((await mailOf('m.koch')).find((m) => m.subject === 'Mit Anhang')).toMatchObject({ attachments: ['Angebot Utting.pdf'] });
});

it('has no mailbox and no demo inbound sender outside embedded mode', async () => {
  const production = createApp({
    client: sys.env.client, taskQueue: sys.taskQueue, store: sys.store, users: demoDirectory, authenticate: demoAuthenticator(),
    embedded: false, readiness: {}, planSettings: () => ({ windows: [] }),
    inboundSecrets: { inventar: 'ein-geheimnis-fuer-das-inventar' },
  });
  expect((await request(production).get('/api/v1/dev/mail').set(auth('d.krueger'))).status).toBe(404);
  const raw = JSON.stringify({ id: 'x-1', type: 'geraete.betankt', subject: 'rollout-09181144-rathaus' });
  const demo = await request(production).post('/api/v1/events').set('Content-Type', 'application/json')
    .set('X-Sender', 'softwareverteilung').set('X-Signature', sign(EMBEDDED_INBOUND_SECRETS.softwareverteilung, raw)).send(raw);
  expect(demo.status).toBe(401);
  // a configured sender is known: its event completes the step the first test left waiting
  const configured = await request(production).post('/api/v1/events').set('Content-Type', 'application/json')
    .set('X-Sender', 'inventar').set('X-Signature', sign('ein-geheimnis-fuer-das-inventar', raw)).send(raw);
  expect(configured.status).toBe(200);
  expect(configured.body).toMatchObject({ stepId: 'imaging', sender: 'inventar' });
});
