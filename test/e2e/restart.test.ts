// `npm start` twice on the same data directory: the second start finds every run, task and event of the first,
// and the configuration check names a bad variable.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fetchHttp } from '../../scripts/bot';
import { futureDate, token } from '../helpers/system';
import { freePort } from '../../scripts/free-port';
import { launchSystem, ROOT } from '../helpers/processes';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ku-restart-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

it('refuses a bad configuration with a message that names the variable', async () => {
  const run = promisify(execFile);
  const err = await run(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/start.ts'], {
    cwd: ROOT, env: { ...process.env, PORT: 'achtzig', TEMPORAL_NAMESPACE: 'x y' },
  }).then(() => undefined, (e: { code: number; stderr: string }) => e);
  expect(err?.code).toBe(2);
  expect(err?.stderr).toMatch(/PORT/);
  expect(err?.stderr).toMatch(/TEMPORAL_NAMESPACE/);
});

it('keeps runs, tasks and events across a restart on the same DATA_DIR', async () => {
  const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  const env = { DATA_DIR: dataDir, PORT: String(port), TEMPORAL_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort) };
  const baseUrl = `http://127.0.0.1:${port}`;
  const http = fetchHttp(baseUrl);

  const first = await launchSystem(env, baseUrl);
  expect(first.output()).toContain(`Temporal UI  http://127.0.0.1:${uiPort}`);
  const started = await http('POST', '/api/v1/runs', token('f.maier'), {
    process: 'gemeinde-onboarding',
    input: { ags: '09181123', variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'f.maier', verfahren: ['ok-pws'], workstations: 5 },
  });
  expect(started.status).toBe(201);
  const runId = 'onboarding-09181123';
  const done = await http('POST', `/api/v1/tasks/${runId}:erstgespraech/complete`, token('j.bauer'), { data: { bemerkung: 'ok' } });
  expect(done.status).toBe(200);
  const eventsBefore = await waitFor(() => http('GET', `/api/v1/runs/${runId}/events?limit=500`, token('m.huber')), (r) => r.body.items.some((e: { type: string; data: { stepId?: string } }) => e.type === 'task.opened' && e.data.stepId === 'fragebogen'));
  expect(await first.stop()).toBe(0);
  expect(first.output()).toContain('Stopped.');

  const second = await launchSystem(env, baseUrl);
  try {
    const run = await http('GET', `/api/v1/runs/${runId}`, token('m.huber'));
    expect(run.status).toBe(200);
    expect(run.body.steps.find((s: { id: string }) => s.id === 'erstgespraech').state).toBe('done');
    const eventsAfter = await http('GET', `/api/v1/runs/${runId}/events?limit=500`, token('m.huber'));
    expect(eventsAfter.body.items.slice(0, eventsBefore.body.items.length)).toEqual(eventsBefore.body.items);
    const tasks = await http('GET', `/api/v1/tasks?root=${runId}&state=open`, token('m.huber'));
    expect(tasks.body.items.map((t: { stepId: string }) => t.stepId)).toEqual(['fragebogen']);
    const next = await http('POST', `/api/v1/tasks/${runId}:fragebogen/complete`, token('buergermeister-09181123'),
      { data: { arbeitsplaetze: 5, server: 1, verfahrenAnzahl: 1, mitarbeiterliste: 'Vorname;Nachname;Organisationseinheit\nEva;Roth;Hauptamt' } });
    expect(next.status).toBe(200);
  } finally {
    expect(await second.stop()).toBe(0);
  }
}, 300_000);

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const v = await fn();
    if (ok(v) || i > 50) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}
