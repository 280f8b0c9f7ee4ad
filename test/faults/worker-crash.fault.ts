// The worker dies (SIGKILL, no chance to drain) and a new one takes over: once in the middle of an activity — the
// event batch is already committed but Temporal has not heard so, and will run it again — and once while an Update
// (a task completion) is in flight — handled in the dead worker's memory, unknown to the server. Either way the run
// completes, no confirmed completion is lost, and the audit trail has no duplicate and no gap.
import { auditTree } from './support/audit';
import { driveLive, resilientApi } from './support/driver';
import { historyFacts } from './support/history';
import { startSmallOnboarding } from './support/onboarding';
import { startFaultSystem, type FaultSystem, type WorkerProcess } from './support/system';

let sys: FaultSystem;
let worker: WorkerProcess;

beforeAll(async () => {
  sys = await startFaultSystem();
  worker = sys.worker;
}, 180_000);
afterAll(async () => {
  await sys?.stop();
});

/** Kills the current worker with SIGKILL once `hung` reports, and starts a fresh one. */
async function crashWhen(hung: Promise<string>): Promise<{ detail: string; downMs: number }> {
  const detail = await hung;
  const t0 = Date.now();
  await worker.kill();
  worker = await sys.startWorker();
  return { detail, downMs: Date.now() - t0 };
}

/**
 * Drives a small onboarding of `ags` through the API; after three completed tasks the worker is armed for `fault`
 * and killed when it hangs there. Returns once the run has completed, with what the crash hit.
 */
async function driveThroughCrash(ags: string, fault: 'activity' | 'update') {
  const api = resilientApi(sys.baseUrl);
  const root = await startSmallOnboarding(api, ags);
  let crash: Promise<{ detail: string; downMs: number }> | undefined;
  const t0 = Date.now();
  const confirmed = await driveLive({
    api,
    rootRunId: root,
    afterRound: async (completed) => {
      if (!crash && completed >= 3) crash = crashWhen(worker.arm(fault));
    },
  });
  const { detail, downMs } = await crash!;
  const auditAndReport = async (what: string): Promise<void> => {
    // every confirmed completion is in the audit trail, each run's seq is 1..n (auditTree asserts both)
    const audit = await auditTree(api, root, confirmed);
    console.log(`${fault} crash: ${what}; new worker after ${downMs} ms; run completed after ${Math.round((Date.now() - t0) / 1000)} s `
      + `with ${confirmed.length} confirmed completions, ${audit.runs.length} runs, ${Object.values(audit.events).flat().length} events; `
      + `retried requests ${JSON.stringify([...api.retried])}`);
  };
  return { confirmed, detail, auditAndReport };
}

it('completes the run after the worker is killed in the middle of an activity', async () => {
  // the next event batch to be stored hangs after its commit, then the worker dies
  const { detail, auditAndReport } = await driveThroughCrash('09181128', 'activity');
  // Temporal ran the batch again (the dead worker's attempt timed out), and the store kept it once
  const hungRun = detail.split(' ')[0];
  // (getState says completed once the last event is queued; the execution closes when the outbox has drained)
  await sys.client.workflow.getHandle(hungRun).result();
  expect((await historyFacts(sys.client, hungRun)).maxAttempt('recordEvents')).toBeGreaterThanOrEqual(2);
  await auditAndReport(detail);
}, 420_000);

it('completes the run after the worker is killed while an Update is in flight', async () => {
  // the next completion is handled by the workflow, then the worker dies before the server hears of it; the HTTP
  // request that sent it is still waiting for its answer
  const { confirmed, detail, auditAndReport } = await driveThroughCrash('09181114', 'update');
  // the Update id is complete:<task id>:<idempotency key>; the request that carried it got its 200 in the end
  const inFlightTask = /^complete:(.+):[0-9a-f-]{36}$/.exec(detail)?.[1];
  expect(inFlightTask).toBeDefined();
  expect(confirmed.map((c) => c.taskId)).toContain(inFlightTask);
  // the dead worker's workflow task timed out on the server; the new worker handled the Update again
  expect((await historyFacts(sys.client, inFlightTask!.split(':')[0])).workflowTaskTimeouts).toBeGreaterThanOrEqual(1);
  await auditAndReport(`${inFlightTask} in flight`);
}, 420_000);
