// The live state of a run (api/run-reader.ts): a query that ran into its gRPC deadline is asked once more — the
// SDK's isGrpcDeadlineError finds DEADLINE_EXCEEDED under the client's ServiceError — any other failure is not.
// A run's state for its pages: a closed run's stored one without a query, else (also without a database) the query.
import { ServiceError, type Client } from '@temporalio/client';
import { liveState, runState } from '../../api/run-reader';

const grpcError = (code: number) => Object.assign(new Error(`${code}`), { code, details: 'x', metadata: {} });

function fakeClient(failures: Error[]): { client: Client; queries: () => number } {
  let queries = 0;
  const client = {
    withDeadline: <R>(_deadline: number, fn: () => Promise<R>) => fn(),
    workflow: { getHandle: () => ({ query: async () => { queries++; const f = failures.shift(); if (f) throw f; return { status: 'running' }; } }) },
    workflowService: { getSystemInfo: async () => ({}) },
  } as unknown as Client;
  return { client, queries: () => queries };
}

test('a query past its deadline is asked once more', async () => {
  const { client, queries } = fakeClient([new ServiceError('Query failed', { cause: grpcError(4) })]);
  await expect(liveState(client, 'run-1')).resolves.toEqual({ status: 'running' });
  expect(queries()).toBe(2);
});

test('another failure is not asked again', async () => {
  const { client, queries } = fakeClient([new ServiceError('Query failed', { cause: grpcError(9) })]);
  await expect(liveState(client, 'run-1')).rejects.toBeDefined();
  expect(queries()).toBe(1);
});

test('a closed run is read from its stored state, any other run (or any while the database is away) from Temporal', async () => {
  const closed = { id: 'run-1', status: 'completed' };
  const stored = { finalState: async (id: string) => (id === 'run-1' ? closed : undefined) };
  const { client, queries } = fakeClient([]);
  await expect(runState(client, stored, 'run-1')).resolves.toBe(closed);
  expect(queries()).toBe(0);
  await expect(runState(client, stored, 'run-2')).resolves.toEqual({ status: 'running' });
  expect(queries()).toBe(1);
  const away = { finalState: async () => { throw new Error('Datenbank nicht erreichbar'); } };
  await expect(runState(client, away, 'run-1')).resolves.toEqual({ status: 'running' });
  expect(queries()).toBe(2);
});
