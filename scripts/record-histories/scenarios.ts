// The recorder's scenarios on the dev server with the real worker and API (scripts/record-histories.ts).
import type { WorkflowHandle } from '@temporalio/client';
import { EMBEDDED_INBOUND_SECRETS, sign } from '../../api/inbound-auth';
import { runIds } from '../../domain/plan';
import { approveTask, completeTask, getState, type Actor } from '../../workflows/messages';
import { futureDate, type TestSystem } from '../../test/helpers/system';
import { fetchHttp } from '../bot';
import { sampleFormData } from '../sample-form-data';
import type { Recorded } from './outputs';
import { call, candidates, closed, completeAsBot, drive, fail, getRun, lead, runVisible, sleep, user } from './drive';
import { log } from './log';

// ---- scenario: a whole onboarding, with run changes, an inbound event and a removed Verfahren -------------------

export async function recordCompleted(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181128';
  const onboardingId = runIds.onboarding(ags);
  const kept = runIds.migration(ags, 'ok-fis');
  const removed = runIds.migration(ags, 'ok-ewo');
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'gemeinde-onboarding',
    input: { ags, variant: 'dienstleistung', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-fis'], workstations: 3 },
  });
  log(`${onboardingId}: started`);

  let changed = false;
  let added = false;
  let removedAt = 0;
  const eventsSent = new Set<string>();
  const run = await drive(http, onboardingId, {
    round: async (r) => {
      if (!changed) {
        changed = true;
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/target`, lead, { targetGoLive: futureDate(330), reason: 'Gemeinderat tagt erst im Herbst' });
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/lead`, lead, { projectLead: 'f.maier', reason: 'Urlaubsvertretung' });
        log(`${onboardingId}: target moved, lead changed`);
      }
      const migrations = r.steps.find((s) => s.id === 'verfahrensmigrationen')!;
      if (!added && migrations.state === 'active') {
        added = true;
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/verfahren`, lead, { verfahrenId: 'ok-ewo' });
        log(`${onboardingId}: Verfahren ok-ewo added while the migrations run`);
      }
      // removed only once its run answers, so the cancellation reaches a started child
      if (added && !removedAt && (await runVisible(http, removed))) {
        removedAt = Date.now();
        await call(http, 'POST', `/api/v1/runs/${onboardingId}/verfahren/ok-ewo/remove`, lead, { reason: 'Verfahren wird abgekündigt' });
        log(`${onboardingId}: Verfahren ok-ewo removed again`);
      }
    },
    act: async (task) => {
      if (task.runId === removed) return true; // its run is being cancelled
      if (task.stepId !== 'imaging' || !task.runId.startsWith('rollout-')) return false;
      // the deployment tool reports the imaged devices, signed with its shared secret, instead of a person
      if (!eventsSent.has(task.id)) {
        eventsSent.add(task.id);
        const body = JSON.stringify({ id: `betankung-${task.runId}`, type: 'geraete.betankt', subject: task.id, data: { geraete: 3 } });
        const res = await fetch(`${sys.baseUrl}/api/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-sender': 'softwareverteilung', 'x-signature': sign(EMBEDDED_INBOUND_SECRETS.softwareverteilung, body) },
          body,
        });
        if (res.status !== 200) throw new Error(`inbound event for ${task.id}: ${res.status} ${await res.text()}`);
        log(`${task.runId}: imaging reported by the deployment tool`);
      }
      return true;
    },
  }, 900_000);
  if (run.status !== 'completed') throw new Error(`${onboardingId} ended ${run.status}`);
  const rollouts = run.steps.find((s) => s.id === 'arbeitsplatz-rollouts')!.children!;
  for (const id of [onboardingId, kept, removed, ...rollouts]) await closed(sys.env.client, id);
  log(`${onboardingId}: completed`);
  return [
    { workflowId: onboardingId, workflowType: 'gemeindeOnboarding', scenario: 'completed-with-run-changes' },
    { workflowId: kept, workflowType: 'verfahrenMigration', scenario: 'completed-as-child' },
    { workflowId: removed, workflowType: 'verfahrenMigration', scenario: 'removed-from-onboarding' },
    { workflowId: rollouts[0], workflowType: 'arbeitsplatzRollout', scenario: 'completed-with-inbound-event' },
  ];
}

// ---- scenario: an incident retried with corrected input, then the onboarding is cancelled and compensates ------

const BAD_INVENTORY = [
  'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
  'GB-PC-001;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
  'GB-PC-002;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
].join('\n');
const GOOD_INVENTORY = [
  'Hostname;Seriennummer;MAC;Betriebssystem;Modell',
  'GB-PC-001;SN2001;00:1A:2B:3C:5D:01;Windows 10;Fujitsu Esprimo',
  'GB-PC-002;SN2002;00:1A:2B:3C:5D:02;Windows 10;Fujitsu Esprimo',
].join('\n');

export async function recordCancelled(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181123';
  const onboardingId = runIds.onboarding(ags);
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'gemeinde-onboarding',
    input: { ags, variant: 'mitglied', targetGoLive: futureDate(600), projectLead: 'a.gruber', verfahren: ['ok-ewo'], workstations: 2 },
  });
  log(`${onboardingId}: started`);
  let badSent = false;
  let retried = false;
  let rolloutId: string | undefined;
  await drive(http, onboardingId, {
    act: async (task) => {
      if (task.stepId !== 'inventur' || badSent) return false;
      badSent = true;
      await completeAsBot(http, task, { inventarCsv: BAD_INVENTORY, vorOrtGeprueft: true });
      log(`${onboardingId}: inventory with a duplicate serial and MAC submitted`);
      return true;
    },
    incident: async (run) => {
      const incident = run.incidents.find((i) => i.stepId === 'inventar-import');
      if (!incident || retried) throw new Error(`unexpected incident in ${onboardingId}: ${JSON.stringify(run.incidents)}`);
      retried = true;
      await call(http, 'POST', `/api/v1/runs/${onboardingId}/steps/inventar-import/retry`, lead, {
        input: { inventarCsv: GOOD_INVENTORY }, reason: 'Scan-Export korrigiert',
      });
      log(`${onboardingId}: incident retried with the corrected inventory`);
    },
    // cancel once the network range is allocated (so there is something to compensate) and a rollout runs
    until: async (run) => {
      const ipPlan = run.steps.find((s) => s.id === 'ip-plan')!;
      const rollouts = run.steps.find((s) => s.id === 'arbeitsplatz-rollouts')!;
      rolloutId = Object.entries(rollouts.childStatus ?? {}).find(([, s]) => s === 'running')?.[0];
      return ipPlan.state === 'done' && rolloutId !== undefined && (await runVisible(http, rolloutId));
    },
  });
  if (!retried) throw new Error(`${onboardingId}: the incident never happened`);
  await call(http, 'POST', `/api/v1/runs/${onboardingId}/cancel`, lead, { reason: 'Gemeinderat hat den Beitritt vertagt' });
  log(`${onboardingId}: cancelled`);
  await closed(sys.env.client, onboardingId);
  await closed(sys.env.client, rolloutId!);
  const state = await getRun(http, onboardingId);
  if (state.status !== 'cancelled') throw new Error(`${onboardingId} ended ${state.status}`);
  return [
    { workflowId: onboardingId, workflowType: 'gemeindeOnboarding', scenario: 'incident-retried-then-cancelled' },
    { workflowId: rolloutId!, workflowType: 'arbeitsplatzRollout', scenario: 'cancelled-with-onboarding' },
  ];
}

// ---- scenario: a migration on its own: claim/assign/comment, failed reconciliation, four eyes returned ---------

export async function recordFourEyes(sys: TestSystem): Promise<Recorded[]> {
  const http = fetchHttp(sys.baseUrl);
  const ags = '09181139';
  const runId = runIds.migration(ags, 'ok-ewo');
  await call(http, 'POST', '/api/v1/runs', lead, {
    process: 'verfahren-migration',
    input: { ags, verfahrenId: 'ok-ewo', projectLead: 'a.gruber', targetGoLive: futureDate(200) },
  });
  log(`${runId}: started`);
  const done = new Set<string>();
  const once = (key: string): boolean => {
    if (done.has(key)) return false;
    done.add(key);
    return true;
  };
  const run = await drive(http, runId, {
    act: async (task) => {
      const url = `/api/v1/tasks/${encodeURIComponent(task.id)}`;
      if (task.stepId === 'steckbrief' && once('steckbrief')) {
        await call(http, 'POST', `${url}/claim`, user('p.fischer'), {});
        await call(http, 'POST', `${url}/unclaim`, user('p.fischer'), {});
        await call(http, 'POST', `${url}/assign`, lead, { assignee: 'c.schneider' });
        await call(http, 'POST', `${url}/comments`, user('c.schneider'), { text: 'Übernehme ich, Herstellerkontakt liegt vor.' });
        await call(http, 'POST', `${url}/complete`, user('c.schneider'), { data: sampleFormData('steckbrief') });
        log(`${runId}: Steckbrief claimed, unclaimed, assigned, commented, completed`);
        return true;
      }
      if (task.stepId === 'testexport' && once('testexport')) {
        const sample = sampleFormData('testMigration');
        const incomplete = String(sample.quelleCsv).split('\n').slice(0, -1).join('\n');
        await completeAsBot(http, task, { ...sample, zielCsv: incomplete });
        log(`${runId}: test export with a missing record submitted (reconciliation must send it back)`);
        return true;
      }
      if (task.stepId === 'abnahme' && task.state === 'review' && once('abnahme-returned')) {
        // four eyes as a review: the second person rejects the first submission, which is corrected and approved
        const reviewer = candidates(task, 'reject')[0] ?? fail(`nobody may review ${task.id}`);
        await call(http, 'POST', `${url}/reject`, reviewer, { reason: 'Abnahmeprotokoll ohne Unterschrift des Fachamts' });
        log(`${runId}: acceptance rejected after its submission`);
        return true;
      }
      return false;
    },
  });
  if (run.status !== 'completed') throw new Error(`${runId} ended ${run.status}`);
  if (!done.has('abnahme-returned')) throw new Error(`${runId}: the acceptance was never returned`);
  await closed(sys.env.client, runId);
  log(`${runId}: completed`);
  return [{ workflowId: runId, workflowType: 'verfahrenMigration', scenario: 'returned-under-four-eyes' }];
}

/**
 * Completes a run's open tasks through Updates, as the API would, and approves those in review as a second person,
 * until the run ends. (Cancelling instead trips the time-skipping server now and then: it answers the activity
 * cancellation with ACTIVITY_UNKNOWN and the run hangs.)
 */
export async function completeByUpdates(handle: WorkflowHandle): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await handle.query(getState);
    if (state.status !== 'running') return;
    if (state.incidents.length) throw new Error(`incident in ${state.id}: ${JSON.stringify(state.incidents)}`);
    if (Date.now() > deadline) throw new Error(`${state.id} not completed in time`);
    const actionable = state.tasks.filter((t) => t.state === 'open' || t.state === 'review');
    for (const task of actionable) {
      // candidates() asks the policy, which keeps the submitter from approving their own work
      const by = candidates({ ...task, form: task.formId ? { id: task.formId } : null })[0] ?? fail(`no demo user may act on ${task.id}`);
      const actor: Actor = { id: by.id, roles: [...by.roles], gemeinden: [...by.gemeinden] };
      if (task.state === 'review') {
        await handle.executeUpdate(approveTask, { args: [{ taskId: task.id, actor }] });
        continue;
      }
      await handle.executeUpdate(completeTask, {
        args: [{
          taskId: task.id,
          actor,
          ...(task.formId ? { data: sampleFormData(task.formId) } : {}),
          ...(task.kind === 'wait' ? { comment: 'Vorzeitig beendet: alles stabil.' } : {}),
        }],
      });
    }
    if (actionable.length === 0) await sleep(100);
  }
}

// ---- scenario: the daily mail digest as its Temporal Schedule starts it (worker/digest-schedule.ts) -------------

export async function recordDigest(sys: TestSystem): Promise<Recorded[]> {
  const workflowId = 'mail-digest-recorded';
  await sys.env.client.workflow.execute('mailDigest', { taskQueue: sys.taskQueue, workflowId, args: [] });
  return [{ workflowId, workflowType: 'mailDigest', scenario: 'daily-digest-sent' }];
}

// ---- scenario: the monthly portfolio report as its Temporal Schedule starts it (worker/report-schedule.ts), for the
// first business day of a month (given as `at`, as the schedule's start time would be) --------------------------

export async function recordReport(sys: TestSystem): Promise<Recorded[]> {
  const workflowId = 'portfolio-report-recorded';
  await sys.env.client.workflow.execute('monthlyPortfolioReport', { taskQueue: sys.taskQueue, workflowId, args: [{ at: '2027-02-01T06:00:00.000Z' }] });
  return [{ workflowId, workflowType: 'monthlyPortfolioReport', scenario: 'monthly-report-sent' }];
}

/** A Gemeinde's question to its project lead (api/routes/messages.ts stores it and starts this workflow). */
export async function recordMessage(sys: TestSystem): Promise<Recorded[]> {
  const message = await sys.store.messages.add({
    runId: 'onboarding-09181128', ags: '09181128', authorId: 'buergermeister-09181128', authorName: 'Bürgermeister/in Kaufering',
    side: 'gemeinde', text: 'Bis wann brauchen Sie den unterschriebenen Vertrag?',
  });
  const workflowId = `message-mail-${message.id}`;
  await sys.env.client.workflow.execute('messageMail', { taskQueue: sys.taskQueue, workflowId, args: [message.id] });
  return [{ workflowId, workflowType: 'messageMail', scenario: 'question-mailed-to-lead' }];
}

/** A paper the Gemeinde uploads for its project lead (api/routes/documents.ts stores it and starts this workflow). */
export async function recordDocument(sys: TestSystem): Promise<Recorded[]> {
  const doc = await sys.store.documents.save({
    runId: 'onboarding-09181128', ags: '09181128', kind: 'vertrag', name: 'Vertrag unterschrieben.pdf', type: 'application/pdf',
    content: Buffer.from('%PDF-1.4\n% unterschrieben\n%%EOF\n', 'latin1'), by: 'buergermeister-09181128',
  });
  const workflowId = `document-mail-${doc.id}`;
  await sys.env.client.workflow.execute('documentMail', { taskQueue: sys.taskQueue, workflowId, args: [{ documentId: doc.id, audience: 'leads' }] });
  return [{ workflowId, workflowType: 'documentMail', scenario: 'paper-mailed-to-lead' }];
}
