// One directory sync: the activity does the work (activities/directory-sync.ts); the workflow exists because a
// Temporal Schedule starts workflows. A failed read is retried a few times; the next scheduled run follows anyway.
import { proxyActivities } from '@temporalio/workflow';
import type { DirectorySyncActivities, DirectorySyncInput } from '../activities/directory-sync';

const { syncDirectory } = proxyActivities<DirectorySyncActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumAttempts: 3 },
});

export async function directorySync(input: DirectorySyncInput): ReturnType<DirectorySyncActivities['syncDirectory']> {
  return syncDirectory(input);
}
