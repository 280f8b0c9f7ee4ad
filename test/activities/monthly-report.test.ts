// Issue 15, the monthly report by mail: sent on the first business day of each month (Bavarian holidays,
// Europe/Berlin) to the board with last month's figures, once per month and person; the Temporal Schedule fires on
// the first seven days at 07:00 Europe/Berlin and its run goes through the real activity.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createDirectory } from '../../activities/directory';
import { captureTransport } from '../../activities/mail-transport';
import { createMonthlyReportActivities, firstBusinessDay, previousMonth } from '../../activities/monthly-report';
import { DEMO_USERS } from '../../config/users';
import type { Store } from '../../store/store';
import { ensureReportSchedule, REPORT_SCHEDULE_ID } from '../../worker/report-schedule';
import { startTestEnv, workflowBundle } from '../helpers/temporal-env';
import { startRun } from '../store/fixtures';
import { openTempStore, PUBLIC_URL } from '../notifications/helpers';

let store: Store;
let closeStore: () => Promise<void>;
beforeAll(async () => {
  ({ store, close: closeStore } = await openTempStore());
  const s = startRun('onboarding-09181128', {
    startedAt: '2026-11-02T08:00:00.000Z', health: 'amber', targetGoLive: '2027-09-30',
    healthReasons: [{ kind: 'late', text: 'Erstgespräch 9 Arbeitstage überfällig', stepId: 'erstgespraech' }],
    nextMilestones: [{ stepId: 'gemeinderatsbeschluss', title: 'Gemeinderatsbeschluss', date: '2027-03-12' }],
  });
  await store.appendEvents(s.events);
});
afterAll(async () => {
  await closeStore?.();
});

const activities = () => createMonthlyReportActivities({
  store, directory: createDirectory({ users: DEMO_USERS }), mail: captureTransport(store.notifications), publicUrl: PUBLIC_URL,
});

it('finds the first business day of a month past weekends and Bavarian holidays', () => {
  expect(firstBusinessDay('2027-01')).toBe('2027-01-04'); // Neujahr on a Friday, then the weekend
  expect(firstBusinessDay('2026-05')).toBe('2026-05-04'); // Tag der Arbeit on a Friday
  expect(firstBusinessDay('2025-11')).toBe('2025-11-03'); // Allerheiligen on a Saturday
  expect(firstBusinessDay('2027-03')).toBe('2027-03-01');
  expect(previousMonth('2027-01')).toBe('2026-12');
});

it('mails last month\'s report to the board on the first business day only, once per month and person', async () => {
  // 08:00 in Berlin on Monday 1 February 2027 (07:00 UTC)
  expect(await activities().sendMonthlyPortfolioReport('2027-02-02T07:00:00.000Z')).toEqual({ skipped: '2027-02-02 ist nicht der erste Arbeitstag des Monats' });
  expect(await activities().sendMonthlyPortfolioReport('2027-02-01T07:00:00.000Z')).toEqual({ month: '2027-01', sent: 2 });
  await activities().sendMonthlyPortfolioReport('2027-02-01T07:00:00.000Z');
  const mails = (await store.notifications.captured({ limit: 100 })).filter((m) => m.eventType === 'portfolio-report');
  expect(mails.map((m) => m.to).sort()).toEqual(['j.bauer@ku-it.example', 'm.huber@ku-it.example']);
  expect(mails[0].subject).toBe('Portfoliobericht Januar 2027: 1 Onboardings');
  expect(mails[0].text).toContain('• Kaufering: Gelb (Erstgespräch 9 Arbeitstage überfällig); nächster Meilenstein Gemeinderatsbeschluss am 12.03.2027; 0 offene Störungen');
  expect(mails[0].text).toContain(`${PUBLIC_URL}/uebersicht`);
});

describe('report schedule', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('is created once for 07:00 Europe/Berlin on the first seven days of each month, and its run completes', async () => {
    const taskQueue = 'report-schedule-test';
    expect(await ensureReportSchedule(env.client, taskQueue)).toBe('created');
    expect(await ensureReportSchedule(env.client, taskQueue)).toBe('exists');
    const handle = env.client.schedule.getHandle(REPORT_SCHEDULE_ID);
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Berlin');
    expect(described.spec.calendars).toEqual([expect.objectContaining({
      dayOfMonth: [{ start: 1, end: 7, step: 1 }], hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }],
    })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'monthlyPortfolioReport', taskQueue });
    const worker = await Worker.create({
      connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: await workflowBundle(), activities: activities(),
    });
    await worker.runUntil(async () => {
      await handle.trigger();
      for (let i = 0; i < 300; i++) {
        const wf = (await handle.describe()).info.recentActions.at(-1)?.action.workflow;
        if (wf) {
          await env.client.workflow.getHandle(wf.workflowId, wf.firstExecutionRunId).result();
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the schedule started no run');
    });
    await handle.delete();
  });
});
