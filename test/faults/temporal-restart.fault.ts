// The Temporal dev server stops in the middle of an onboarding and starts again on the same SQLite file: the API
// says 503 meanwhile, the worker and the API's client reconnect by themselves, and the run completes with every
// confirmed completion in an audit trail without gap or duplicate.
import { auditTree } from './support/audit';
import { driveLive, resilientApi } from './support/driver';
import { startSmallOnboarding } from './support/onboarding';
import { startFaultSystem, type FaultSystem } from './support/system';

let sys: FaultSystem;
beforeAll(async () => {
  sys = await startFaultSystem();
}, 180_000);
afterAll(async () => {
  await sys?.stop();
});

it('completes the run after the Temporal server restarts on the same data file', async () => {
  const api = resilientApi(sys.baseUrl);
  const root = await startSmallOnboarding(api, '09181144');
  let restart: Promise<void> | undefined;
  let downMs = 0;
  let stopMs = 0;
  let startMs = 0;
  let readyMs = 0;
  let runMs = 0;
  const t0 = Date.now();
  const confirmed = await driveLive({
    api,
    rootRunId: root,
    afterRound: async (completed) => {
      if (restart || completed < 5) return;
      // the restart runs beside the driver, so requests are in flight while the server goes away and comes back
      restart = (async () => {
        const down = Date.now();
        await sys.temporalDown();
        stopMs = Date.now() - down;
        // while it is away the API answers, and says what is missing
        let t = Date.now();
        const ready = await fetch(`${sys.baseUrl}/readyz`);
        readyMs = Date.now() - t;
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as { checks: Record<string, string> }).checks.temporal).toBe('unavailable');
        t = Date.now();
        const run = await fetch(`${sys.baseUrl}/api/v1/runs/${root}`, { headers: { authorization: 'Bearer demo-m.huber' } });
        runMs = Date.now() - t;
        expect(run.status).toBe(503);
        await new Promise((r) => setTimeout(r, 5000));
        const up = Date.now();
        await sys.temporalUp();
        startMs = Date.now() - up;
        downMs = Date.now() - down;
      })();
    },
  });
  await restart;
  expect(restart).toBeDefined();
  const audit = await auditTree(api, root, confirmed);
  console.log(`temporal restart: down ${downMs} ms (stop ${stopMs} ms, start ${startMs} ms; while down /readyz answered 503 after ${readyMs} ms, GET /runs/{id} 503 after ${runMs} ms); run completed after ${Math.round((Date.now() - t0) / 1000)} s with ${confirmed.length} confirmed `
    + `completions, ${audit.runs.length} runs, ${Object.values(audit.events).flat().length} events; retried requests ${JSON.stringify([...api.retried])}`);
}, 420_000);
