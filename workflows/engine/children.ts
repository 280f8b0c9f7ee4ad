// Child runs of a `child` step: started in list order up to the plan's concurrency, each in its own cancellation
// scope, and the step finished (or failed) once all of them have closed.
import { CancellationScope, ChildWorkflowCancellationType, ParentClosePolicy, isCancellation, startChild } from '@temporalio/workflow';
import type { ChildRunInput, RunStatus } from '../../domain/types';
import type { Engine } from './engine';
import { type RunResult, type WorkflowInput, WORKFLOW_TYPES } from '../messages';
import { typedSearchAttributes } from '../search-attributes';
import { failureMessage, type StepRuntime } from './runtime';
import { finishStep } from './lifecycle';
import { resolveChildPlan } from '../../domain/plan';
import { takeStoredBatches, usesStoredBatches } from './device-batches';
import { initialSearchAttributes } from '../../domain/processes';

export function startChildren(e: Engine, rt: StepRuntime): void {
  rt.childStatus ??= {};
  // only a step that has started none of its children yet takes the stored batches (a retry keeps what it started)
  const fresh = Object.keys(rt.childStatus).length === 0;
  // a retry starts the failed children again; finished ones stay finished
  for (const [runId, status] of Object.entries(rt.childStatus)) if (status === 'failed') delete rt.childStatus[runId];
  if (fresh && usesStoredBatches(rt)) takeStoredBatches(e, rt, () => launchChildren(e, rt));
  else launchChildren(e, rt);
}

/** Starts not-yet-started children in list order while fewer than the concurrency limit run. */
export function launchChildren(e: Engine, rt: StepRuntime): void {
  const status = rt.childStatus!;
  for (;;) {
    const running = Object.values(status).filter((s) => s === 'running').length;
    if (running >= e.plan.childConcurrency) return;
    const child = (rt.step.children ?? []).find((c) => !(c.runId in status));
    if (!child) return;
    status[child.runId] = 'running';
    e.dirty = true;
    // each child in a scope of its own: removing its Verfahren cancels it even before its start has reached the
    // server (a cancel sent to its id would find nothing yet, and the child would start and run on)
    const scope = new CancellationScope();
    e.childScopes.set(child.runId, scope);
    const run = scope.run(() => runChild(e, child));
    e.childRuns.add(run);
    void run
      .finally(() => {
        e.childRuns.delete(run);
        e.childScopes.delete(child.runId);
      })
      .catch(() => undefined);
    run.then(
      (result) => {
        if (status[child.runId] === 'running') status[child.runId] = result;
        e.dirty = true;
        launchChildren(e, rt);
      },
      (err: unknown) => {
        if (isCancellation(err)) return;
        status[child.runId] = 'failed';
        rt.error = `${child.runId}: ${failureMessage(err)}`;
        e.dirty = true;
        launchChildren(e, rt);
      },
    );
  }
}

export async function runChild(e: Engine, child: ChildRunInput): Promise<RunStatus> {
  const plan = resolveChildPlan(child, e.plan, e.today());
  const childInput: WorkflowInput = {
    plan,
    request: { ...child.input },
    parentId: e.runId,
    rootId: e.rootId,
    ...(e.input.activityRetry ? { activityRetry: e.input.activityRetry } : {}),
  };
  // children have always started without their target date; leaving it out keeps their start commands as recorded
  const { targetGoLive: _target, ...searchAttributes } = initialSearchAttributes(plan);
  const handle = await startChild(WORKFLOW_TYPES[child.process], {
    workflowId: child.runId,
    args: [childInput],
    // a cancelled or terminated onboarding asks its children to cancel, so their compensations run too
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
    typedSearchAttributes: typedSearchAttributes(searchAttributes),
  });
  const result = (await handle.result()) as RunResult;
  return result.status;
}

/** A child step is done when every child completed; a failed child makes it an incident. */
export function finishChildSteps(e: Engine): void {
  for (const rt of e.steps.values()) {
    if (rt.step.kind !== 'child' || rt.state !== 'active') continue;
    const statuses = (rt.step.children ?? []).map((c) => rt.childStatus?.[c.runId]);
    if (statuses.every((s) => s === 'completed')) finishStep(e, rt, 'done');
    else if (statuses.every((s) => s && s !== 'running') && statuses.some((s) => s === 'failed' || s === 'cancelled')) {
      rt.state = 'failed';
      rt.error ??= 'Mindestens ein untergeordneter Vorgang ist fehlgeschlagen.';
      e.emit('step.failed', 'system', { stepId: rt.step.id, error: rt.error });
      e.dirty = true;
    }
  }
}
