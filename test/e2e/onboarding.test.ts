// A whole Gemeinde-Onboarding (two Verfahren, a few workstations) driven to `completed` through the HTTP API
// alone, each task completed by a demo user entitled to it.
import { DEMO_USERS } from '../../config/users';
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
    input: { ags: '09181144', variant: 'dienstleistung', targetGoLive: futureDate(600), projectLead: 'a.gruber',
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
  // the batches come from the inventory the bot imported (three devices without a location, batch size 5), not from
  // the seven workstations the start named (issue 14: batches formed from the stored devices)
  expect(rollouts.children).toEqual(['rollout-09181144-ohne-standort-1']);
  expect(run.body.steps.find((s: { id: string }) => s.id === 'angebot-berechnen').summary).toMatch(/€/);

  for (const child of [...migrations.children, ...rollouts.children]) {
    const c = await http('GET', `/api/v1/runs/${child}`, token('m.huber'));
    expect(c.body.status).toBe('completed');
    expect(c.body.parentId).toBe(runId);
  }
  // the audit trail lists every step and task event in order, with actors, as JSON and as CSV
  const audit = await http('GET', `/api/v1/runs/${runId}/events?limit=500`, token('b.wolf'));
  expect(audit.status).toBe(200);
  expect(audit.body.nextCursor).toBeNull();
  const events = audit.body.items as { seq: number; type: string; actor?: string; data: Record<string, unknown> }[];
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events[0].type).toBe('run.started');
  expect(events.at(-1)!.type).toBe('run.completed');
  const doneSteps = events.filter((e) => e.type === 'step.done').map((e) => e.data.stepId);
  expect(new Set(doneSteps)).toEqual(new Set(run.body.steps.map((s: { id: string }) => s.id)));
  const completed = events.filter((e) => e.type === 'task.completed');
  expect(completed.find((e) => e.data.stepId === 'avv')!.actor).toBe('b.wolf');
  // four eyes: the lead submits the Go/No-Go, the Gemeinde approves it
  const goNoGo = events.filter((e) => e.data.stepId === 'go-no-go' && /^task\.(submitted|approved)$/.test(e.type)).map((e) => [e.type, e.actor]);
  expect(goNoGo).toEqual([['task.submitted', 'a.gruber'], ['task.approved', 'buergermeister-09181144']]);
  // the staff list of the questionnaire is logged by size only
  const fragebogen = completed.find((e) => e.data.stepId === 'fragebogen')!;
  expect(String((fragebogen.data.data as Record<string, unknown>).mitarbeiterliste)).toMatch(/Zeichen, nicht protokolliert/);
  const csv = await fetch(`${sys.baseUrl}/api/v1/runs/${runId}/events`, { headers: { authorization: `Bearer ${token('b.wolf')}`, accept: 'text/csv' } });
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  const lines = (await csv.text()).trim().split('\n');
  expect(lines).toHaveLength(events.length + 1);
  // the start names who started the run; the instant exact (UTC) and as Bavaria's clocks showed it
  expect(lines[0]).toBe('seq;zeitpunkt;zeit_berlin;ereignis;akteur;daten'); // fetch's text() takes the BOM off
  expect(lines[1]).toMatch(/^1;\d{4}-\d{2}-\d{2}T[\d:.]+Z;\d{2}\.\d{2}\.\d{4} \d{2}:\d{2};run\.started;a\.gruber;/);

  // the read model caught up: the run is listed as completed with its children (two migrations, one rollout), no open task is left
  const listed = await http('GET', `/api/v1/runs?ags=09181144`, token('m.huber'));
  expect(listed.body.items).toHaveLength(4);
  expect(listed.body.items.every((r: { status: string }) => r.status === 'completed')).toBe(true);
  const open = await http('GET', `/api/v1/tasks?root=${runId}&state=open`, token('m.huber'));
  expect(open.body.items).toEqual([]);
  const dashboard = await http('GET', '/api/v1/dashboard', token('m.huber'));
  expect(dashboard.body.completedByYear).toEqual(expect.arrayContaining([expect.objectContaining({ process: 'gemeinde-onboarding', count: 1 })]));

  // Gemeinde staff see their own onboarding, not another Gemeinde's
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181144'))).status).toBe(200);
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181128'))).status).toBe(404);

  // each run stored its final state when it closed: once Temporal has forgotten the onboarding (its retention), the
  // page still shows every step, from the store
  // (the workflow answers `completed` a moment before the activity that stores its closing events has stored it)
  for (const id of [runId, ...migrations.children, ...rollouts.children]) {
    let state: object | undefined;
    for (const deadline = Date.now() + 30_000; !(state = await sys.store.finalState(id)) && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 100));
    expect(state).toEqual(expect.objectContaining({ id, status: 'completed' }));
  }
  const namespace = sys.env.namespace ?? 'default';
  await sys.env.client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId: runId } });
  // the server deletes in the background (about 20 s here)
  for (const deadline = Date.now() + 90_000; await sys.env.client.workflow.getHandle(runId).describe().then(() => true, () => false);) {
    if (Date.now() > deadline) throw new Error(`${runId} still known to Temporal`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const archived = await http('GET', `/api/v1/runs/${runId}`, token('m.huber'));
  expect(archived.status).toBe(200);
  expect(archived.body).toEqual(expect.objectContaining({ status: 'completed', progress: 1 }));
  expect(archived.body.archived).toBeUndefined();
  expect(archived.body.steps.map((s: { id: string }) => s.id)).toEqual(run.body.steps.map((s: { id: string }) => s.id));
  expect(archived.body.steps.every((s: { state: string }) => s.state === 'done')).toBe(true);
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181144'))).status).toBe(200);
  expect((await http('GET', `/api/v1/runs/${runId}`, token('buergermeister-09181128'))).status).toBe(404);
  // and its tasks' pages (a mail's link) too
  const avv = await http('GET', `/api/v1/tasks/${runId}:avv`, token('a.gruber'));
  expect(avv.status).toBe(200);
  expect(avv.body).toEqual(expect.objectContaining({ id: `${runId}:avv`, state: 'done', completedBy: 'b.wolf' }));
}, 450_000);
