// Changes to a running onboarding through the API: audited, authorised, validated.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import request from 'supertest';
import { getState, moveTargetGoLive } from '../../../workflows/messages';
import { futureDate, startSystem, token, type TestSystem } from '../../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

const auth = (user: string) => ({ Authorization: `Bearer ${token(user)}` });
const runId = 'onboarding-09181121';

it('moves the target go-live, hands the run over and changes its Verfahren', async () => {
  await request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181121', variant: 'dienstleistung', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 2 },
  }).expect(201);

  expect((await request(sys.app).post(`/api/v1/runs/${runId}/target`).set(auth('m.koch')).send({ targetGoLive: futureDate(300), reason: 'x' })).status).toBe(403);
  expect((await request(sys.app).post(`/api/v1/runs/${runId}/target`).set(auth('a.gruber')).send({ targetGoLive: '2020-01-01', reason: 'x' })).status).toBe(422);
  const target = futureDate(320);
  const moved = await request(sys.app).post(`/api/v1/runs/${runId}/target`).set(auth('a.gruber')).send({ targetGoLive: target, reason: 'Beschluss verschoben' });
  expect(moved.status).toBe(200);
  expect(moved.body.targetGoLive).toBe(target);

  expect((await request(sys.app).post(`/api/v1/runs/${runId}/lead`).set(auth('a.gruber')).send({ projectLead: 'p.fischer' })).status).toBe(422);
  const lead = await request(sys.app).post(`/api/v1/runs/${runId}/lead`).set(auth('a.gruber')).send({ projectLead: 'f.maier', reason: 'Elternzeit' });
  expect(lead.body.contact).toMatchObject({ id: 'f.maier', name: 'Florian Maier' });

  const added = await request(sys.app).post(`/api/v1/runs/${runId}/verfahren`).set(auth('f.maier')).send({ verfahrenId: 'autista' });
  expect(added.status).toBe(201);
  expect(added.body.steps.find((s: { id: string }) => s.id === 'verfahrensmigrationen').children).toEqual(['migration-09181121-ok-fis', 'migration-09181121-autista']);
  expect((await request(sys.app).post(`/api/v1/runs/${runId}/verfahren`).set(auth('f.maier')).send({ verfahrenId: 'autista' })).status).toBe(409);
  expect((await request(sys.app).post(`/api/v1/runs/${runId}/verfahren`).set(auth('f.maier')).send({ verfahrenId: 'gibt-es-nicht' })).status).toBe(422);
  const removed = await request(sys.app).post(`/api/v1/runs/${runId}/verfahren/ok-fis/remove`).set(auth('f.maier')).send({ reason: 'bleibt beim Landkreis' });
  expect(removed.status).toBe(200);
  expect(removed.body.steps.find((s: { id: string }) => s.id === 'verfahrensmigrationen').children).toEqual(['migration-09181121-autista']);
  expect((await request(sys.app).post(`/api/v1/runs/${runId}/target`).set(auth('buergermeister-09181130')).send({ targetGoLive: target, reason: 'x' })).status).toBe(404);

  for (let i = 0; i < 50; i++) {
    const events = (await request(sys.app).get(`/api/v1/runs/${runId}/events?limit=500`).set(auth('m.huber'))).body.items as { type: string; actor: string }[];
    const changes = events.filter((e) => e.type.startsWith('run.') && !['run.started', 'run.progressed', 'run.phaseChanged', 'run.healthChanged'].includes(e.type));
    if (changes.length === 4) {
      expect(changes.map((e) => [e.type, e.actor])).toEqual([
        ['run.targetMoved', 'a.gruber'], ['run.leadChanged', 'a.gruber'], ['run.verfahrenAdded', 'f.maier'], ['run.verfahrenRemoved', 'f.maier'],
      ]);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('change events did not arrive');
});

it('the run itself refuses a go-live beyond the horizon, whoever sends the Update', async () => {
  // straight to the workflow, past the API's own check: the engine must not plan day by day into the year 9999
  const handle = sys.env.client.workflow.getHandle(runId);
  const actor = { id: 'f.maier', roles: ['projektleitung' as const], gemeinden: [] };
  await expect(handle.executeUpdate(moveTargetGoLive, { args: [{ actor, targetGoLive: '9999-12-31', reason: 'Tippfehler' }] }))
    .rejects.toThrow(WorkflowUpdateFailedError);
  await expect(handle.executeUpdate(moveTargetGoLive, { args: [{ actor, targetGoLive: '2027-02-30', reason: 'kein Tag' }] }))
    .rejects.toThrow(WorkflowUpdateFailedError);
  const state = await handle.query(getState);
  expect(state.targetGoLive).not.toBe('9999-12-31');
});

it('names a Stellvertretung of the project lead at start and at a hand-over', async () => {
  const utting = 'onboarding-09181144';
  const start = (input: Record<string, unknown>) => request(sys.app).post('/api/v1/runs').set(auth('a.gruber')).send({
    process: 'gemeinde-onboarding',
    input: { ags: '09181144', variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: [], workstations: 0, ...input },
  });
  const notLead = await start({ deputyLead: 'p.fischer' });
  expect(notLead.status).toBe(422);
  expect(notLead.body.errors).toEqual([{ path: 'input.deputyLead', message: 'Keine Person mit der Rolle Projektleitung' }]);
  expect((await start({ deputyLead: 'a.gruber' })).body.errors).toEqual([
    { path: 'input.deputyLead', message: 'Die Stellvertretung muss eine andere Person sein als die Projektleitung' },
  ]);
  await start({ deputyLead: 'f.maier' }).expect(201);

  const run = await request(sys.app).get(`/api/v1/runs/${utting}`).set(auth('a.gruber')).expect(200);
  expect(run.body.deputyContact).toMatchObject({ id: 'f.maier', name: 'Florian Maier' });
  // the run's events name the deputy, so its mail can reach them
  expect(await sys.store.runAsOf(utting, 1)).toMatchObject({ projectLead: 'a.gruber', deputyLead: 'f.maier' });
  // and mail names the run as people do
  await waitFor(async () => (await sys.store.notifications.captured({ limit: 200 })).some((m) => m.runId === utting));
  const [first] = (await sys.store.notifications.captured({ limit: 200 })).filter((m) => m.runId === utting);
  expect(first.subject).toMatch(/^Utting am Ammersee – Gemeinde-Onboarding: Neue Aufgabe „/);

  const lead = (body: Record<string, unknown>) => request(sys.app).post(`/api/v1/runs/${utting}/lead`).set(auth('a.gruber')).send(body);
  expect((await lead({ projectLead: 'f.maier', deputyLead: 'f.maier' })).status).toBe(422);
  const swapped = await lead({ projectLead: 'f.maier', deputyLead: 'a.gruber', reason: 'Urlaub' });
  expect(swapped.status).toBe(200);
  expect(swapped.body.contact).toMatchObject({ id: 'f.maier' });
  expect(swapped.body.deputyContact).toMatchObject({ id: 'a.gruber' });
  // only the deputy changes: allowed; an empty one ends the Stellvertretung
  const ended = await request(sys.app).post(`/api/v1/runs/${utting}/lead`).set(auth('f.maier')).send({ projectLead: 'f.maier', deputyLead: '' });
  expect(ended.status).toBe(200);
  expect(ended.body.deputyContact).toBeUndefined();
  expect((await request(sys.app).post(`/api/v1/runs/${utting}/lead`).set(auth('f.maier')).send({ projectLead: 'f.maier' })).status).toBe(409);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
