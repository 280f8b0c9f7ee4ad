// Maps what the Temporal client throws to problem responses: the workflow decides, the API translates.
import { isGrpcServiceError, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { FailureTypes } from '../workflows/messages';
import { HttpProblem, problem } from './problem';

const GRPC_INVALID_ARGUMENT = 3;
const GRPC_NOT_FOUND = 5;
const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE = 4;

/** The gRPC status of a failed call: the client wraps the gRPC error in its own (ServiceError …) as the cause. */
function grpcCode(err: unknown): number | undefined {
  if (isGrpcServiceError(err)) return err.code;
  return err instanceof Error && isGrpcServiceError(err.cause) ? err.cause.code : undefined;
}

export function toProblem(err: unknown, what = 'Vorgang'): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    // the id goes along for links (existingRunId), the sentence is for people
    return problem.conflict('Diesen Vorgang gibt es schon: er wurde für diese Gemeinde (dieses Verfahren, diese Charge) bereits gestartet und wird nicht ein zweites Mal gestartet, auch nicht nach seinem Abschluss.', { existingRunId: err.workflowId });
  }
  if (err instanceof WorkflowNotFoundError) return problem.notFound(`${what} nicht gefunden.`);
  if (err instanceof WorkflowUpdateFailedError) {
    // what the validator or handler threw (domain failures are ApplicationFailures with a type)
    const failure = err.cause instanceof ApplicationFailure ? err.cause : undefined;
    const message = failure?.message ?? err.message;
    switch (failure?.type) {
      case FailureTypes.notFound: return problem.notFound(message);
      case FailureTypes.forbidden: return problem.forbidden(message);
      case FailureTypes.invalid: return problem.invalid([{ path: '(root)', message }], message);
      default: return problem.conflict(message);
    }
  }
  const code = grpcCode(err);
  // Temporal admits a limited number of in-flight Updates per workflow (and rate-limits namespaces). The client
  // has already retried with backoff; what still fails is a crowd acting on one run at once: a conflict, retry.
  if (code === GRPC_RESOURCE_EXHAUSTED) {
    return problem.conflict('Zu viele gleichzeitige Änderungen an diesem Vorgang. Bitte erneut versuchen.');
  }
  // an id Temporal cannot even look up (too long, not valid) names nothing that exists
  if (code === GRPC_INVALID_ARGUMENT && err instanceof Error && /workflow ?id|length|too long/i.test(err.message)) {
    return problem.notFound(`${what} nicht gefunden.`);
  }
  if (code === GRPC_NOT_FOUND) {
    // an Update sent to a run that has already closed
    if (/already completed|completed/i.test((err as Error).message)) return problem.conflict('Der Vorgang ist bereits abgeschlossen.');
    return problem.notFound(`${what} nicht gefunden.`);
  }
  if (code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE || err instanceof ServiceError) {
    const unavailable = problem.unavailable('Die Workflow-Engine ist nicht erreichbar. Bitte später erneut versuchen.');
    // kept for the log (never sent): which call failed how
    (unavailable as Error).cause = err;
    return unavailable;
  }
  return undefined;
}

/** Runs a Temporal call and rethrows its failure as a problem where one fits. */
export async function temporal<T>(call: () => Promise<T>, what?: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toProblem(err, what) ?? err;
  }
}
