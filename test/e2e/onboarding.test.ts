// A whole Gemeinde-Onboarding (two Verfahren, a few workstations) driven to `completed` through the HTTP API
// alone, each task completed by a demo user entitled to it.
import { DEMO_USERS } from '../../api/users';
import { driveToCompletion, fetchHttp } from '../../scripts/bot';
import { futureDate, startSystem, token, type TestSystem } from '../helpers/system';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

it('drives an onboarding with its migrations and rollouts to completed', async () => {
  const http = fetchHttp(sys.baseUrl);
  const started = await http('POST', '/api/v1/runs', token('a.gruber'), {
    process: 'gemeinde-onboarding',
    input: { ags: '09181144', variant: 'dienstleistung', targetGoLive: futureDate(300), projectLead: 'a.gruber',
      verfahren: ['ok-fis', 'ok-ewo'], workstations: 7, batchSize: 5 },
  });
  expect(started.status).toBe(201);
  const runId = started.body.id as string;
  expect(runId).toBe('onboarding-09181144');

  const t0 = Date.now();
  const completions = await driveToCompletion({
    http, users: DEMO_USERS, reader: DEMO_USERS.find((u) => u.id === 'm.huber')!, rootRunId: runId, timeoutMs: 400_000,
  });
  console.log(`onboarding completed through the API in ${((Date.now() - t0) / 1000).toFixed(1)} s with ${completions} task completions`);

  const run = await http('GET', `/api/v1/runs/${runId}`, token('m.huber'));
  expect(run.body.status).toBe('completed');
  expect(run.body.progress).toBe(1);
  expect(run.body.steps.every((s: { state: string }) => s.state === 'done')).toBe(true);
  const migrations = run.body.steps.find((s: { id: string }) => s.id === 'verfahrensmigrationen');
  expect(migrations.children).toEqual(['migration-09181144-ok-fis', 'migration-09181144-ok-ewo']);
  const rollouts = run.body.steps.find((s: { id: string }) => s.id === 'arbeitsplatz-rollouts');
  expect(rollouts.children).toHaveLength(2);
  expect(run.body.steps.find((s: { id: string }) => s.id === 'angebot-berechnen').summary).toMatch(/€/);

  for (const child of [...migrations.children, ...rollouts.children]) {
    const c = await http('GET', `/api/v1/runs/${child}`, token('m.huber'));
    expect(c.body.status).toBe('completed');
    expect(c.body.parentId).toBe(runId);
  }
  // Gemeinde staff see their own onboarding, not another Gemeinde's
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181144'))).status).toBe(200);
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181128'))).status).toBe(404);
}, 450_000);
