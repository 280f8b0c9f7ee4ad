// The live state of a run (api/run-reader.ts): a query that ran into its gRPC deadline is asked once more — the
// SDK's isGrpcDeadlineError finds DEADLINE_EXCEEDED under the client's ServiceError — any other failure is not.
import { ServiceError, type Client } from '@temporalio/client';
import { liveState } from '../../api/run-reader';

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
