// Evidence from Temporal's own record that a fault hit where the test meant it to.
import type { Client } from '@temporalio/client';

export interface HistoryFacts {
  /** highest attempt at which an activity of this type finally ran */
  maxAttempt: (activityType: string) => number;
  workflowTaskTimeouts: number;
}

export async function historyFacts(client: Client, workflowId: string): Promise<HistoryFacts> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const typeOf = new Map<string, string>();
  const attempts: { type: string; attempt: number }[] = [];
  let workflowTaskTimeouts = 0;
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes) typeOf.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '');
    const started = e.activityTaskStartedEventAttributes;
    if (started) attempts.push({ type: typeOf.get(String(started.scheduledEventId)) ?? '', attempt: started.attempt ?? 1 });
    if (e.workflowTaskTimedOutEventAttributes) workflowTaskTimeouts++;
  }
  return {
    maxAttempt: (type) => Math.max(0, ...attempts.filter((a) => a.type === type).map((a) => a.attempt)),
    workflowTaskTimeouts,
  };
}
