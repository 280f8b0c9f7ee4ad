// The Temporal Schedule of the monthly portfolio report: 07:00 Europe/Berlin on the first seven days of each month
// (the first business day is among them whatever the holidays); the activity sends on the first business day only.
// Created idempotently at start-up: a schedule that already exists is left as it is.
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ConnectionLike } from '@temporalio/client';

export const REPORT_SCHEDULE_ID = 'portfolio-report-monthly';

export async function ensureReportSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: REPORT_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: { start: 1, end: 7 }, hour: 7, minute: 0 }], timezone: 'Europe/Berlin' },
      action: { type: 'startWorkflow', workflowType: 'monthlyPortfolioReport', taskQueue, workflowId: 'portfolio-report', args: [] },
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

/** The worker's wiring: one line after the worker is created (a NativeConnection serves as the client's connection). */
export function scheduleMonthlyReport(connection: ConnectionLike, namespace: string, taskQueue: string): Promise<'created' | 'exists'> {
  return ensureReportSchedule(new Client({ connection, namespace }), taskQueue);
}
