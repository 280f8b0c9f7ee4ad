// A Temporal client for light-app tests of routes that start a workflow or signal a run after their change is
// stored (the mails of messages and papers, the notes on a run's trail): it records what was asked instead.
import type { Client } from '@temporalio/client';

export interface RecordingClient {
  client: Client;
  started: { type: string; workflowId: string; args: unknown[] }[];
  noted: { workflowId: string; note: unknown }[];
}

export function recordingClient(): RecordingClient {
  const started: RecordingClient['started'] = [];
  const noted: RecordingClient['noted'] = [];
  const client = {
    workflow: {
      start: async (type: string, opts: { workflowId: string; args: unknown[] }) => {
        started.push({ type, workflowId: opts.workflowId, args: opts.args });
        return { workflowId: opts.workflowId };
      },
      getHandle: (workflowId: string) => ({ signal: async (_signal: unknown, note: unknown) => { noted.push({ workflowId, note }); } }),
    },
  } as unknown as Client;
  return { client, started, noted };
}
