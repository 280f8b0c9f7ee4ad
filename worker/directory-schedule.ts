// The Temporal Schedule that runs the directory sync every 15 minutes. The worker's start-up makes sure it exists
// exactly once (every worker replica calls this; the first creates it, the others find it), and removes it when no
// directory is configured any more. Overlapping runs are skipped: a slow directory never piles up syncs.
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

export const DIRECTORY_SCHEDULE_ID = 'directory-sync';
export const DIRECTORY_SYNC_EVERY = '15 minutes';

export async function ensureDirectorySchedule(client: Client, options: { taskQueue: string; enabled: boolean }): Promise<'created' | 'exists' | 'removed' | 'none'> {
  if (!options.enabled) {
    try {
      await client.schedule.getHandle(DIRECTORY_SCHEDULE_ID).delete();
      return 'removed';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'none';
      throw err;
    }
  }
  try {
    await client.schedule.create({
      scheduleId: DIRECTORY_SCHEDULE_ID,
      spec: { intervals: [{ every: DIRECTORY_SYNC_EVERY }] },
      action: { type: 'startWorkflow', workflowType: 'directorySync', taskQueue: options.taskQueue, args: [{ trigger: 'schedule' }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
