// The Temporal Schedule of the daily mail digest: 08:00 Europe/Berlin (the schedule's own time zone, so daylight
// saving moves with it). Created idempotently at start-up: a schedule that already exists is left as it is.
import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type ConnectionLike } from '@temporalio/client';

export const DIGEST_SCHEDULE_ID = 'mail-digest-daily';

export async function ensureDigestSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec: { calendars: [{ hour: 8, minute: 0 }], timezone: 'Europe/Berlin' },
      action: { type: 'startWorkflow', workflowType: 'mailDigest', taskQueue, workflowId: 'mail-digest', args: [] },
      // a digest still retrying (mail server down) is not joined by the next day's
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}

/** The worker's wiring: one line after the worker is created (a NativeConnection serves as the client's connection). */
export function scheduleDailyDigest(connection: ConnectionLike, namespace: string, taskQueue: string): Promise<'created' | 'exists'> {
  return ensureDigestSchedule(new Client({ connection, namespace }), taskQueue);
}
