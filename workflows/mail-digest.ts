// The daily digest, started by the Temporal Schedule of worker/digest-schedule.ts at 08:00 Europe/Berlin. The day
// comes from the run's start time (deterministic), so a retry after midnight still sends the day it was started for.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DigestActivities } from '../activities/digest';

const { sendMailDigests } = proxyActivities<DigestActivities>({
  startToCloseTimeout: '10 minutes',
  // a mail server outage delays the digest, loses none of it
  retry: { initialInterval: '30 seconds', maximumInterval: '15 minutes' },
});

export async function mailDigest(): Promise<void> {
  await sendMailDigests(workflowInfo().runStartTime.toISOString());
}
