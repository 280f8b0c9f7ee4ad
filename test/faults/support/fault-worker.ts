// The production worker process (worker/main.ts) with two fault hooks that a test arms over the IPC channel:
//   { arm: 'activity' } — the next recordEvents hangs after its transaction has committed and before the activity
//                          reports back: Temporal will retry a batch the database already holds;
//   { arm: 'update' }   — the next completeTask hangs after its handler ran and before the worker tells the server.
// Once hanging, the process says so ({ hung }) and waits for the SIGKILL the test sends. The hooks wrap what
// createWorker builds (by wrapping Worker.create), so the worker is otherwise exactly the one in production.
import { Worker } from '@temporalio/worker';
import type { DomainEvent } from '../../../domain/events';
import { runWorkerProcess } from '../../../worker/main';

type Armed = 'activity' | 'update';
let armed: Armed | undefined;

process.on('message', (message: { arm?: Armed }) => {
  if (message.arm) armed = message.arm;
});

function hang(what: Armed, detail: string): Promise<never> {
  armed = undefined;
  process.send?.({ hung: what, detail });
  return new Promise<never>(() => undefined);
}

type Activities = Record<string, (...args: unknown[]) => Promise<unknown>>;

function withActivityFault(activities: Activities): Activities {
  const record = activities.recordEvents;
  if (!record) throw new Error('fault-worker: the worker has no recordEvents activity');
  return {
    ...activities,
    recordEvents: async (...args: unknown[]) => {
      const result = await record(...args);
      if (armed === 'activity') {
        const events = args[0] as DomainEvent[];
        await hang('activity', `${events[0]?.runId} seq ${events[0]?.seq}..${events.at(-1)?.seq} stored`);
      }
      return result;
    },
  };
}

const create = Worker.create.bind(Worker);
(Worker as unknown as { create: typeof Worker.create }).create = (options) =>
  create({
    ...options,
    activities: withActivityFault(options.activities as Activities),
    sinks: {
      ...options.sinks,
      faults: {
        updateHandled: {
          fn: async (_info: unknown, name: string, updateId: string) => {
            if (armed === 'update' && name === 'completeTask') await hang('update', updateId);
          },
        },
      },
    },
  });

runWorkerProcess().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`fault worker failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
