// A Temporal client for light-app tests of routes that start a workflow or signal a run after their change is
// stored (the mails of messages and papers, the notes on a run's trail): it records what was asked instead, or fails
// every call as an unreachable server would while `unreachable` is set.
import type { Client } from '@temporalio/client';

export interface RecordingClient {
  client: Client;
  started: { type: string; workflowId: string; args: unknown[] }[];
  noted: { workflowId: string; note: unknown }[];
  unreachable: boolean;
}

export function recordingClient(): RecordingClient {
  const started: RecordingClient['started'] = [];
  const noted: RecordingClient['noted'] = [];
  const recording = { started, noted, unreachable: false } as RecordingClient;
  const reach = () => {
    if (recording.unreachable) throw new Error('14 UNAVAILABLE: No connection established');
  };
  recording.client = {
    workflow: {
      start: async (type: string, opts: { workflowId: string; args: unknown[] }) => {
        reach();
        started.push({ type, workflowId: opts.workflowId, args: opts.args });
        return { workflowId: opts.workflowId };
      },
      getHandle: (workflowId: string) => ({ signal: async (_signal: unknown, note: unknown) => { reach(); noted.push({ workflowId, note }); } }),
    },
  } as unknown as Client;
  return recording;
}
