// Issue 14 item 2: the onboarding's rollout step fans out into the batches stored for the run (ids and counts from
// the activity), not the counted batches its plan was resolved with; without stored devices the counted ones stay.
// Real Temporal dev server; activities mocked (the test is about the workflow).
import type { TakeDeviceBatchesInput, TakenDeviceBatches } from '../../../activities/device-batches';
import { deviceBatches, resolveTemplate, runIds } from '../../../domain/plan';
import type { ChildRunInput, ProcessTemplate } from '../../../domain/types';
import { getState } from '../../../workflows/messages';
import { useEngineWorker } from '../../helpers/temporal-env';

const TQ = 'device-batches';
const AGS = '09181128';
const asked: TakeDeviceBatchesInput[] = [];
let stored: TakenDeviceBatches['batches'] = [];

const w = useEngineWorker({
  taskQueue: TQ,
  activities: {
    takeDeviceBatches: async (input: TakeDeviceBatchesInput): Promise<TakenDeviceBatches> => {
      asked.push(input);
      return { batches: stored };
    },
  },
});

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met: ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const template: ProcessTemplate = {
  id: 'gemeinde-onboarding', title: 'Einführung', description: '', phases: [{ id: 'rollouts', title: 'Rollouts' }],
  steps: [{
    id: 'arbeitsplatz-rollouts', title: 'Arbeitsplatz-Rollouts', phase: 'rollouts', kind: 'child', description: '',
    candidateRoles: ['arbeitsplatz'], dependsOn: [], plannedDays: 20, child: { process: 'arbeitsplatz-rollout', fanOut: 'deviceBatches' },
  }],
};

/** an onboarding whose plan has the counted batches of 3 workstations, run id unique per test */
async function startOnboarding(tag: string) {
  const counted: ChildRunInput[] = deviceBatches(3, 25).map(({ batch, devices }) => ({
    process: 'arbeitsplatz-rollout', runId: `${runIds.rollout(AGS, batch)}-${tag}`, input: { ags: AGS, batch, devices, projectLead: 'a.gruber' },
  }));
  const plan = resolveTemplate(template, {
    subject: { ags: AGS, name: 'Kaufering' }, calendar: { holidays: [] }, startDate: '2027-01-04', projectLead: 'a.gruber',
    children: { 'arbeitsplatz-rollouts': counted },
  });
  const runId = `device-batches-${tag}`;
  const handle = await w.env.client.workflow.start('gemeindeOnboarding', {
    workflowId: runId, taskQueue: TQ,
    args: [{ plan, request: { ags: AGS, batchSize: 2 }, searchAttributes: false, activityRetry: { maximumAttempts: 1, initialIntervalMs: 100 } }],
  });
  return { handle, runId, counted };
}

it('starts one child rollout per stored batch, with its name and device count only', async () => {
  const tag = `${Date.now()}-stored`;
  stored = [
    { id: `rollout-${AGS}-rathaus-1-${tag}`, name: 'Rathaus 1', devices: 2 },
    { id: `rollout-${AGS}-standesamt-1-${tag}`, name: 'Standesamt 1', devices: 1 },
  ];
  const { handle, runId } = await startOnboarding(tag);
  const state = await eventually(() => handle.query(getState), (s) => Object.keys(s.steps[0].childStatus ?? {}).length === 2);
  expect(state.steps[0].children).toEqual(stored.map((b) => b.id));
  expect(asked).toContainEqual({ runId, ags: AGS, batchSize: 2 });
  const child = await eventually(() => w.env.client.workflow.getHandle(stored[0].id).query(getState), (s) => s.status === 'running');
  expect(child.title).toBe('Arbeitsplatz-Rollout: Rathaus 1 (2 Geräte)');
  // the child's history names its batch and count, no device
  const history = await w.env.client.workflow.getHandle(stored[0].id).fetchHistory();
  const input = Buffer.from(history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0].data!).toString();
  expect(input).toContain('"batch":"Rathaus 1"');
  expect(input).toContain('"devices":2');
  await handle.terminate('test done');
  for (const b of stored) await w.env.client.workflow.getHandle(b.id).terminate('test done').catch(() => undefined);
});

it('keeps the counted batches when the Gemeinde has no stored devices', async () => {
  const tag = `${Date.now()}-counted`;
  stored = [];
  const { handle, counted } = await startOnboarding(tag);
  const state = await eventually(() => handle.query(getState), (s) => Object.keys(s.steps[0].childStatus ?? {}).length === 1);
  expect(state.steps[0].children).toEqual(counted.map((c) => c.runId));
  await handle.terminate('test done');
  for (const c of counted) await w.env.client.workflow.getHandle(c.runId).terminate('test done').catch(() => undefined);
});
