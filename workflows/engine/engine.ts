// The one engine that runs any resolved plan: it starts every step whose dependencies are finished, waits on a
// single condition (with the nearest timer as its timeout), and repeats until every step is done or skipped.
import type { ActivityName, ResolvedPlan, RunStatus } from '../../domain/types';
import type { Actor, DeliverNotifications, DeliverStoredNotifications, RecordEvents, RunResult, RunState, Task, WorkflowInput } from '../messages';
import { BERLIN_TIME_PATCH, FINISHED, PLAN_V2, type StepActivity, type StepRuntime } from './runtime';
import { BusinessCalendar, toDate } from '../../domain/calendar';
import { CancellationScope, allHandlersFinished, condition, isCancellation, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import { EventOutbox, NOTIFY_STORED_RANGE, OUTBOX_NOTIFY_COALESCE, redact, storedRange, taskSnapshot } from './outbox';
import type { EventType } from '../../domain/events';
import type { RunSchedule } from '../../domain/schedule';
import { berlinDate, startOfBerlinDay } from '../../domain/berlin-time';
import { cloneTask } from './tasks';
import { DeadlineTimer, KEPT_TIMER_PATCH, STEADY_TIMER_PATCH } from './deadline-timer';
import { compensate } from './compensation';
import { continueAsNewWhenQuiet, continueDue, restore } from './continue-as-new';
import { describeRun } from '../../domain/run-view';
import { finishChildSteps } from './children';
import { fireTimers } from './timers';
import { nextTimer } from './deadlines';
import { refresh, runSnapshot } from './projection';
import { registerHandlers } from './handlers-tasks';
import { startReadySteps } from './lifecycle';

// The one engine that runs any resolved plan: it starts every step whose dependencies are finished, waits on a
// single condition (with the nearest timer as its timeout), and repeats until every step is done or skipped.

export class Engine {
  readonly runId = workflowInfo().workflowId;
  readonly steps = new Map<string, StepRuntime>();
  readonly tasks = new Map<string, Task>();
  readonly calendar: BusinessCalendar;
  readonly startedAt: string;
  readonly activities: Record<ActivityName, StepActivity>;
  readonly seenEvents = new Map<string, string>();
  status: RunStatus = 'running';
  completedAt?: string;
  cancelReason?: string;
  cancelledBy?: string;
  /** running children, awaited on cancellation so the parent closes after them */
  readonly childRuns = new Set<Promise<RunStatus>>();
  /** each running child's cancellation scope, by run id (removeVerfahren cancels one) */
  readonly childScopes = new Map<string, CancellationScope>();
  dirty = true;
  /** the main loop waits for a change (a handler running now is taken in by the next pass) */
  waiting = false;
  /** quiet passes of the main loop so far: a task Update's answer waits for the next one (answer.ts) */
  passes = 0;
  schedule?: RunSchedule;
  scheduleKey = '';
  published: { phase: string; health: string; progress: number; projectedGoLive?: string } = { phase: '', health: '', progress: -1 };
  /** feasible plans, effort-weighted progress, health reasons, forecast events; runs recorded before replay without */
  planV2 = false;
  /** the forecast last announced (projected go-live); a move of a week or more from it is an audit event */
  forecast?: string;
  /** a child run's end as last told to its parent (patch child-forecast; runs recorded before tell progress only) */
  reportedEnd?: string;
  readonly rootId: string;
  readonly outbox: EventOutbox;
  /** four eyes as a review (submit, then approve or reject); runs started before it keep counting completions */
  readonly reviewRule: boolean;
  /** a step that failed for good opens a repair task for the project lead */
  readonly repairTasks: boolean;
  /** one timer for the nearest deadline, kept across passes; runs recorded before replay a timer per wait */
  readonly deadline?: DeadlineTimer;

  constructor(
    readonly plan: ResolvedPlan,
    readonly input: WorkflowInput,
  ) {
    this.calendar = new BusinessCalendar(plan.calendar.holidays);
    const carried = input.carried;
    this.startedAt = carried?.startedAt ?? new Date().toISOString();
    // Decided once when the run starts: a run recorded under the old rules replays them to its end (and keeps
    // them when it continues as new).
    this.reviewRule = carried ? carried.reviewRule : patched('four-eyes-review');
    this.repairTasks = carried ? carried.repairTasks : patched('incident-repair-task');
    this.rootId = input.rootId ?? this.runId;
    // The timer and notify patches change commands only, no semantics: a run continued as new decides them afresh.
    if (patched(STEADY_TIMER_PATCH)) this.deadline = new DeadlineTimer(patched(KEPT_TIMER_PATCH));
    // Audit events must never be lost: retry for as long as the database is away; the run goes on meanwhile.
    const outboxActivities = proxyActivities<{ recordEvents: RecordEvents; deliverNotifications: DeliverNotifications; deliverStoredNotifications: DeliverStoredNotifications }>({
      startToCloseTimeout: '1 minute',
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' }, // no maximumAttempts: unlimited
    });
    const notify: DeliverNotifications = patched(NOTIFY_STORED_RANGE)
      ? (batch) => outboxActivities.deliverStoredNotifications(storedRange(batch))
      : outboxActivities.deliverNotifications;
    this.outbox = new EventOutbox(this.runId, outboxActivities.recordEvents, notify, () => {
      this.dirty = true;
    }, carried?.seq, carried?.pendingEvents, patched(OUTBOX_NOTIFY_COALESCE));
    for (const step of plan.steps) this.steps.set(step.id, { step, state: 'pending', attempts: 0 });
    if (carried) restore(this, carried);
    const retry = input.activityRetry ?? { maximumAttempts: 5, initialIntervalMs: 2000 };
    this.activities = proxyActivities<Record<ActivityName, StepActivity>>({
      // Step activities compute over inputs of a few megabytes at most and finish within seconds. The timeout is
      // also how long a retry waits after a worker died mid-activity, so it is kept short.
      startToCloseTimeout: '1 minute',
      retry: { maximumAttempts: retry.maximumAttempts, initialInterval: retry.initialIntervalMs, backoffCoefficient: 2 },
    });
  }

  async run(): Promise<RunResult> {
    // a run continued as new has its state (and its patch decisions) from the run before
    const continued = this.input.carried !== undefined;
    if (!continued) this.planV2 = patched(PLAN_V2);
    refresh(this);
    if (!continued) this.emit('run.started', this.input.startedBy ?? 'system', redact({ ...this.input.request }), { run: true });
    // Open the first tasks before registering handlers: an Update buffered with the start is dispatched as soon as
    // its handler is set, and must find its task.
    startReadySteps(this);
    refresh(this);
    registerHandlers(this);
    try {
      for (;;) {
        this.dirty = false;
        finishChildSteps(this);
        startReadySteps(this);
        refresh(this);
        this.outbox.flush();
        const finished = [...this.steps.values()].every((s) => FINISHED.includes(s.state));
        // a pass that changed something may have made further steps ready: look again before waiting
        if (!finished && this.dirty) continue;
        this.passes++;
        if (finished) break;
        if (continueDue(this)) {
          await continueAsNewWhenQuiet(this);
          continue;
        }
        const next = nextTimer(this.steps.values(), this.tasks.values());
        this.waiting = true;
        if (this.deadline) {
          const deadline = this.deadline;
          deadline.arm(next);
          await condition(() => this.dirty || deadline.fired);
        } else {
          const timeout = next === undefined ? undefined : Math.max(next - new Date().getTime(), 1);
          if (timeout === undefined) await condition(() => this.dirty);
          else await condition(() => this.dirty, timeout);
        }
        this.waiting = false;
        fireTimers(this);
      }
      this.status = 'completed';
      this.completedAt = new Date().toISOString();
      refresh(this);
      this.emit('run.completed', 'system', {}, { run: true });
      await condition(allHandlersFinished);
      await this.outbox.drain();
      return { status: this.status, completedAt: this.completedAt };
    } catch (err) {
      if (!isCancellation(err)) throw err;
      // an Update waiting for the pass that will not come answers with what there is
      this.waiting = false;
      this.passes++;
      await CancellationScope.nonCancellable(async () => {
        // children received the cancellation with ours; close after they have compensated too
        await Promise.allSettled([...this.childRuns]);
        await compensate(this);
        await this.outbox.drain();
      });
      throw err;
    }
  }

  // ---- Bavarian days ----------------------------------------------------------------------------------------------

  /**
   * Days and deadlines are Bavarian (Europe/Berlin with daylight saving); before this patch they were UTC days, a
   * due date 23:59:59Z (00:59 the next day here) and a reminder even on the opening day. Histories recorded before
   * it replay the old values (docs/workflow-versioning.md); a running run switches at its next live workflow task.
   */
  berlinTime(): boolean {
    return patched(BERLIN_TIME_PATCH);
  }

  /** Today's date in Bavaria (the workflow clock is deterministic). */
  today(): string {
    return this.berlinTime() ? berlinDate(new Date()) : toDate(new Date());
  }

  /** A wait or hold that ends "on" a day ends when that day begins in Bavaria. */
  startOfDay(date: string): string {
    return this.berlinTime() ? startOfBerlinDay(date) : `${date}T00:00:00.000Z`;
  }

  state(): RunState {
    return describeRun({
      runId: this.runId,
      plan: this.plan,
      status: this.status,
      parentId: this.input.parentId,
      startedAt: this.startedAt,
      completedAt: this.completedAt,
      cancelReason: this.cancelReason,
      schedule: this.schedule!,
      progressOf: (id) => this.steps.get(id)!,
      tasks: [...this.tasks.values()].map(cloneTask),
    });
  }

  // ---- messages -------------------------------------------------------------------------------------------------

  task(taskId: string): Task | undefined {
    return this.tasks.get(taskId);
  }

  comment(task: Task, actor: Actor, text: string, audit = true): void {
    const id = task.comments.length + 1;
    task.comments.push({ id, user: actor.id, at: new Date().toISOString(), text });
    if (audit) this.emit('task.commented', actor.id, { commentId: id, text }, { task });
    this.dirty = true;
  }

  emit(type: EventType, actor: string, data: Record<string, unknown>, attach: { run?: boolean; task?: Task } = {}): void {
    this.outbox.add({
      type,
      actor,
      data,
      ...(attach.run ? { run: runSnapshot(this) } : {}),
      ...(attach.task ? { task: taskSnapshot(attach.task, this.rootId) } : {}),
    });
    this.dirty = true;
  }
}

