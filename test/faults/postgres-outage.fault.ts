// PostgreSQL is unreachable for 30 s (a real server behind a TCP proxy that drops every connection and refuses new
// ones; the worker, a separate process, and the API both reach it only through the proxy). Temporal holds the truth
// meanwhile: tasks are completed through the API during the outage, the event batches wait in the workflows and are
// retried, and afterwards the audit trail is complete with no gap and no duplicate.
import { auditTree } from './support/audit';
import { driveLive, resilientApi } from './support/driver';
import { startSmallOnboarding } from './support/onboarding';
import { startFaultSystem, type FaultSystem } from './support/system';

const OUTAGE_MS = 30_000;

let sys: FaultSystem;
beforeAll(async () => {
  sys = await startFaultSystem();
}, 180_000);
afterAll(async () => {
  await sys?.stop();
});

it('completes the run and catches up the audit trail after PostgreSQL was unreachable for 30 s', async () => {
  // Without Idempotency-Key: the API claims keys in PostgreSQL, so a keyed action cannot get through while it is
  // away; unkeyed ones go straight to Temporal, which is what this test is about. (A repeated unkeyed completion is
  // still safe: the task is no longer open, or the approver has already approved, and the workflow says 409.)
  const api = resilientApi(sys.baseUrl, { idempotencyKeys: false });
  const root = await startSmallOnboarding(api, '09181132');
  let cutAt: number | undefined;
  let restoredAt: number | undefined;
  let completedBefore = 0;
  let completedDuring = 0;
  let outage: Promise<void> | undefined;
  let confirmedSoFar = 0;
  const t0 = Date.now();
  const confirmed = await driveLive({
    api,
    rootRunId: root,
    afterRound: async (completed) => {
      // after the offer is issued: that step stores its PDF in PostgreSQL and rightly waits for it (activities/offer-pdf.ts)
      if (cutAt === undefined && completed >= 5) {
        sys.proxy.cut();
        cutAt = Date.now();
        completedBefore = completed;
        // the outage ends on the clock, whatever the driver is waiting for meanwhile
        outage = new Promise<void>((resolve) => setTimeout(() => {
          completedDuring = confirmedSoFar - completedBefore;
          sys.proxy.restore();
          restoredAt = Date.now();
          resolve();
        }, OUTAGE_MS));
        const ready = await fetch(`${sys.baseUrl}/readyz`);
        expect(ready.status).toBe(503);
        expect(((await ready.json()) as { checks: Record<string, string> }).checks.database).toBe('unavailable');
        const inbox = await fetch(`${sys.baseUrl}/api/v1/tasks?state=open`, { headers: { authorization: 'Bearer demo-m.huber' } });
        expect(inbox.status).toBe(503);
      }
      confirmedSoFar = completed;
      // slow the driver down while the database is away, so the outage spans several rounds
      if (cutAt !== undefined && restoredAt === undefined) await new Promise((r) => setTimeout(r, 1000));
    },
  });
  await outage;
  expect(restoredAt).toBeDefined();
  // the outage really was one: work was confirmed while the database was away
  expect(completedDuring).toBeGreaterThan(0);
  const audit = await auditTree(api, root, confirmed);
  console.log(`postgres outage: ${restoredAt! - cutAt!} ms, ${completedDuring} completions confirmed during it; run completed after `
    + `${Math.round((Date.now() - t0) / 1000)} s with ${confirmed.length} confirmed completions, ${audit.runs.length} runs, `
    + `${Object.values(audit.events).flat().length} events; retried requests ${JSON.stringify([...api.retried])}`);
}, 420_000);
