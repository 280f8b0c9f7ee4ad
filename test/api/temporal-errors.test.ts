// How the API translates what the Temporal client throws (api/temporal-errors.ts), with the SDK's own error shapes:
// an Update's failure carries the handler's ApplicationFailure as its cause; a failed call carries the gRPC error
// (status code, details, metadata) as the cause of the client's ServiceError.
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { toProblem } from '../../api/temporal-errors';
import { FailureTypes } from '../../workflows/messages';

function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

test.each([
  [FailureTypes.notFound, 404],
  [FailureTypes.forbidden, 403],
  [FailureTypes.invalid, 422],
  [FailureTypes.conflict, 409],
])('an Update refused with %s answers %i, with the handler\'s message', (type, status) => {
  const err = new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message: 'Die Aufgabe ist bereits erledigt.', nonRetryable: true }));
  expect(toProblem(err)).toMatchObject({ status, detail: 'Die Aufgabe ist bereits erledigt.' });
});

test('an Update that failed without an ApplicationFailure is a conflict with the client\'s message', () => {
  expect(toProblem(new WorkflowUpdateFailedError('Workflow Update failed', undefined))).toMatchObject({ status: 409, detail: 'Workflow Update failed' });
});

test('gRPC statuses under the client\'s ServiceError: crowded run → 409, unavailable → 503 (cause kept for the log)', () => {
  const crowded = new ServiceError('Update failed', { cause: grpcError(8, 'too many outstanding requests') });
  expect(toProblem(crowded)).toMatchObject({ status: 409 });
  const away = grpcError(14, 'No connection established');
  const problem = toProblem(new ServiceError('Query failed', { cause: away }));
  expect(problem).toMatchObject({ status: 503 });
  expect(problem?.cause).toBeInstanceOf(ServiceError);
});

test('a bare gRPC error (a workflowService call) is read the same way', () => {
  expect(toProblem(grpcError(4, 'Deadline exceeded'))).toMatchObject({ status: 503 });
  expect(toProblem(grpcError(5, 'workflow execution already completed'))).toMatchObject({ status: 409 });
  expect(toProblem(grpcError(5, 'workflow not found'))).toMatchObject({ status: 404 });
});

test('anything else is left to the caller', () => {
  expect(toProblem(new Error('boom'))).toBeUndefined();
  expect(toProblem(Object.assign(new Error('not gRPC'), { code: 14 }))).toBeUndefined();
});
