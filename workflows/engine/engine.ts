// The one engine that runs any resolved plan: it starts every step whose dependencies are finished, waits on a
// single condition (with the nearest timer as its timeout), and repeats until every step is done or skipped.
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  ChildWorkflowCancellationType,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { StepActivityInput, StepActivityResult } from '../../activities/step-input';
import { berlinDate, startOfBerlinDay } from '../../domain/berlin-time';
import { BusinessCalendar, toDate } from '../../domain/calendar';
import { taskDeadlines } from '../../domain/deadlines';
import type { DomainEvent, EventType, RunSnapshot } from '../../domain/events';
import { blockingWindow } from '../../domain/blocked-windows';
import { DEFAULT_BOARD_ESCALATION_DAYS, GO_LIVE_HORIZON_YEARS, goLiveHorizon, isCalendarDate, migrationChild, resolveChildPlan } from '../../domain/plan';
import { forecastMove } from '../../domain/forecast';
import { scheduleRun, type RunSchedule, type StepProgress } from '../../domain/schedule';
import { mayRepair } from '../../domain/policy';
import type { ActivityName, ChildRunInput, PlanStep, ResolvedPlan, RunStatus, StepState } from '../../domain/types';
import {
  addComment,
  addVerfahren,
  approveTask,
  assignTask,
  childProgressed,
  changeProjectLead,
  claimTask,
  completeTask,
  getState,
  moveTargetGoLive,
  receiveEvent,
  rejectTask,
  removeVerfahren,
  requestCancel,
  retryStep,
  returnTask,
  skipStep,
  unclaimTask,
  WORKFLOW_TYPES,
  taskIdOf,
  type Actor,
  type DeliverNotifications,
  type RecordEvents,
  type RunResult,
  type RunState,
  type Task,
  type WorkflowInput,
} from '../messages';
import { currentPhase, describeRun, describeStep } from '../run-state';
import { SA } from '../search-attributes';
import { EventOutbox, redact, taskSnapshot } from './outbox';
import { approve, needsReview, reject, requireReviewer, submit } from './four-eyes';
import { failedInput, repairTask } from './incidents';
import { approvalRoleFor, cloneTask, fail, requireOpen, requireSteering, requireWorker } from './tasks';

type StepActivity = (input: StepActivityInput) => Promise<StepActivityResult>;

interface StepRuntime {
  step: PlanStep;
  state: StepState;
  startedAt?: string;
  completedAt?: string;
  attempts: number;
  error?: string;
  summary?: string;
  result?: Record<string, unknown>;
  override?: Record<string, unknown>;
  waitUntil?: string;
  childStatus?: Record<string, RunStatus | 'running'>;
  /** progress each running child last reported */
  childProgress?: Record<string, number>;
  heldUntil?: string;
  heldReason?: string;
}

const FINISHED: StepState[] = ['done', 'skipped'];
/** Bavarian days and deadlines, no reminder on a task's opening day (issue 12). */
const BERLIN_TIME_PATCH = 'deadlines-berlin-time';
/** patch id: feasible plans, honest progress, health reasons and forecast events (issue 15) */
const PLAN_V2 = 'plan-v2-feasible-health';

export class Engine {
  private readonly runId = workflowInfo().workflowId;
  private readonly steps = new Map<string, StepRuntime>();
  private readonly tasks = new Map<string, Task>();
  private readonly calendar: BusinessCalendar;
  private readonly startedAt = new Date().toISOString();
  private readonly activities: Record<ActivityName, StepActivity>;
  private readonly seenEvents = new Map<string, string>();
  private status: RunStatus = 'running';
  private completedAt?: string;
  private cancelReason?: string;
  private cancelledBy?: string;
  /** running children, awaited on cancellation so the parent closes after them */
  private readonly childRuns = new Set<Promise<RunStatus>>();
  /** each running child's cancellation scope, by run id (removeVerfahren cancels one) */
  private readonly childScopes = new Map<string, CancellationScope>();
  private dirty = true;
  private schedule?: RunSchedule;
  private scheduleKey = '';
  private published = { phase: '', health: '', progress: -1 };
  /** feasible plans, effort-weighted progress, health reasons, forecast events; runs recorded before replay without */
  private planV2 = false;
  /** the forecast last announced (projected go-live); a move of a week or more from it is an audit event */
  private forecast?: string;
  private readonly rootId: string;
  private readonly outbox: EventOutbox;
  /** four eyes as a review (submit, then approve or reject); runs started before it keep counting completions */
  private readonly reviewRule: boolean;
  /** a step that failed for good opens a repair task for the project lead */
  private readonly repairTasks: boolean;

  constructor(
    private readonly plan: ResolvedPlan,
    private readonly input: WorkflowInput,
  ) {
    this.calendar = new BusinessCalendar(plan.calendar.holidays);
    // Decided once when the run starts: a run recorded under the old rules replays them to its end.
    this.reviewRule = patched('four-eyes-review');
    this.repairTasks = patched('incident-repair-task');
    this.rootId = input.rootId ?? this.runId;
    // Audit events must never be lost: retry for as long as the database is away; the run goes on meanwhile.
    const { recordEvents, deliverNotifications } = proxyActivities<{ recordEvents: RecordEvents; deliverNotifications: DeliverNotifications }>({
      startToCloseTimeout: '1 minute',
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' }, // no maximumAttempts: unlimited
    });
    this.outbox = new EventOutbox(this.runId, recordEvents, deliverNotifications, () => {
      this.dirty = true;
    });
    for (const step of plan.steps) this.steps.set(step.id, { step, state: 'pending', attempts: 0 });
    const retry = input.activityRetry ?? { maximumAttempts: 5, initialIntervalMs: 2000 };
    this.activities = proxyActivities<Record<ActivityName, StepActivity>>({
      // Step activities compute over inputs of a few megabytes at most and finish within seconds. The timeout is
      // also how long a retry waits after a worker died mid-activity, so it is kept short.
      startToCloseTimeout: '1 minute',
      retry: { maximumAttempts: retry.maximumAttempts, initialInterval: retry.initialIntervalMs, backoffCoefficient: 2 },
    });
  }

  async run(): Promise<RunResult> {
    this.planV2 = patched(PLAN_V2);
    this.refresh();
    this.emit('run.started', 'system', redact({ ...this.input.request }), { run: true });
    // Open the first tasks before registering handlers: an Update buffered with the start is dispatched as soon as
    // its handler is set, and must find its task.
    this.startReadySteps();
    this.refresh();
    this.registerHandlers();
    try {
      for (;;) {
        this.dirty = false;
        this.finishChildSteps();
        this.startReadySteps();
        this.refresh();
        this.outbox.flush();
        if ([...this.steps.values()].every((s) => FINISHED.includes(s.state))) break;
        // a pass that changed something may have made further steps ready: look again before waiting
        if (this.dirty) continue;
        const next = this.nextTimer();
        const timeout = next === undefined ? undefined : Math.max(next - new Date().getTime(), 1);
        if (timeout === undefined) await condition(() => this.dirty);
        else await condition(() => this.dirty, timeout);
        this.fireTimers();
      }
      this.status = 'completed';
      this.completedAt = new Date().toISOString();
      this.refresh();
      this.emit('run.completed', 'system', {}, { run: true });
      await condition(allHandlersFinished);
      await this.outbox.drain();
      return { status: this.status, completedAt: this.completedAt };
    } catch (err) {
      if (!isCancellation(err)) throw err;
      await CancellationScope.nonCancellable(async () => {
        // children received the cancellation with ours; close after they have compensated too
        await Promise.allSettled([...this.childRuns]);
        await this.compensate();
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
  private berlinTime(): boolean {
    return patched(BERLIN_TIME_PATCH);
  }

  /** Today's date in Bavaria (the workflow clock is deterministic). */
  private today(): string {
    return this.berlinTime() ? berlinDate(new Date()) : toDate(new Date());
  }

  /** A wait or hold that ends "on" a day ends when that day begins in Bavaria. */
  private startOfDay(date: string): string {
    return this.berlinTime() ? startOfBerlinDay(date) : `${date}T00:00:00.000Z`;
  }

  // ---- step lifecycle -------------------------------------------------------------------------------------------

  private startReadySteps(): void {
    for (const rt of this.steps.values()) {
      if (rt.state !== 'pending') continue;
      if (!rt.step.dependsOn.every((d) => FINISHED.includes(this.steps.get(d)!.state))) continue;
      if (rt.step.cutover && this.holdCutover(rt)) continue;
      this.startStep(rt);
    }
  }

  /** A cutover never starts inside a blocked window: it waits for the window's end, and the state says why. */
  private holdCutover(rt: StepRuntime): boolean {
    const window = blockingWindow(this.today(), this.plan.blockedWindows);
    if (!window) {
      rt.heldUntil = undefined;
      rt.heldReason = undefined;
      return false;
    }
    const until = this.startOfDay(this.calendar.nextBusinessDay(addDay(window.to)));
    if (rt.heldUntil !== until) {
      rt.heldUntil = until;
      rt.heldReason = window.reason;
      this.emit('step.held', 'system', { stepId: rt.step.id, until, reason: window.reason });
    }
    return true;
  }

  private startStep(rt: StepRuntime): void {
    rt.state = 'active';
    rt.startedAt ??= new Date().toISOString();
    this.dirty = true;
    this.emit('step.started', 'system', { stepId: rt.step.id, title: rt.step.title, kind: rt.step.kind });
    switch (rt.step.kind) {
      case 'automated':
        this.runActivity(rt);
        break;
      case 'child':
        this.startChildren(rt);
        break;
      case 'wait':
        rt.waitUntil = this.startOfDay(this.calendar.addBusinessDays(this.today(), rt.step.plannedDays));
        this.openTask(rt);
        break;
      default:
        this.openTask(rt);
    }
  }

  private finishStep(rt: StepRuntime, state: 'done' | 'skipped', actor = 'system', data: Record<string, unknown> = {}): void {
    rt.state = state;
    rt.completedAt = new Date().toISOString();
    rt.error = undefined;
    rt.waitUntil = undefined;
    const task = this.tasks.get(taskIdOf(this.runId, rt.step.id));
    if (task && (task.state === 'open' || task.state === 'review')) {
      task.state = state === 'done' ? 'done' : 'cancelled';
      task.completedAt = rt.completedAt;
      if (state === 'done') task.completedBy ??= actor;
      this.emit(state === 'done' ? 'task.completed' : 'task.cancelled', actor, { ...data, stepId: rt.step.id }, { task });
    }
    this.emit(state === 'done' ? 'step.done' : 'step.skipped', actor, {
      stepId: rt.step.id,
      ...(rt.summary ? { summary: rt.summary } : {}),
      ...(rt.step.milestone ? { milestone: true, title: rt.step.title } : {}),
      ...(state === 'skipped' ? data : {}),
    }, rt.step.milestone ? { run: true } : {});
    this.dirty = true;
  }

  private openTask(rt: StepRuntime, returnReason?: string): Task {
    const { step } = rt;
    const id = taskIdOf(this.runId, step.id);
    const previous = this.tasks.get(id);
    const today = this.today();
    const task: Task = {
      id,
      runId: this.runId,
      stepId: step.id,
      title: step.title,
      description: step.description,
      kind: step.kind,
      state: 'open',
      candidateRoles: [...step.candidateRoles],
      ags: this.plan.subject.ags,
      gemeindeName: this.plan.subject.name,
      process: this.plan.process,
      openedAt: new Date().toISOString(),
      ...this.deadlines(today, step.slaDays ?? step.plannedDays),
      approvals: { ...(step.approvals ?? { required: 1 }), given: [] },
      formId: step.form ?? (step.kind === 'manual' ? 'erledigt' : null),
      comments: previous ? previous.comments : [],
      ...(returnReason ? { returnReason } : {}),
      ...this.shownResult(step),
    };
    this.tasks.set(id, task);
    this.dirty = true;
    this.emit('task.opened', 'system', { stepId: step.id, dueAt: task.dueAt, candidateRoles: task.candidateRoles, ...(returnReason ? { reopened: true } : {}) }, { task });
    return task;
  }

  /** The earlier step result the task shows (plans recorded before `showResultOf` existed have none). */
  private shownResult(step: PlanStep): Pick<Task, 'context'> {
    const shown = step.showResultOf ? this.steps.get(step.showResultOf) : undefined;
    if (!shown?.result) return {};
    return { context: { stepId: shown.step.id, title: shown.step.title, ...(shown.summary ? { summary: shown.summary } : {}), result: shown.result } };
  }

  /** Due date in business days from the SLA, a reminder the business day before, the board some days after. */
  private deadlines(today: string, slaDays: number): Pick<Task, 'dueAt' | 'remindAt' | 'boardEscalationAt'> {
    const boardDays = this.plan.boardEscalationDays ?? DEFAULT_BOARD_ESCALATION_DAYS;
    if (this.berlinTime()) return taskDeadlines(this.calendar, today, slaDays, boardDays);
    // Until deprecatePatch(BERLIN_TIME_PATCH): runs from before it keep UTC days and the opening-day reminder.
    const due = this.calendar.addBusinessDays(today, Math.max(slaDays, 1));
    const remind = this.calendar.addBusinessDays(today, Math.max(slaDays - 1, 0));
    const board = this.calendar.addBusinessDays(due, this.plan.boardEscalationDays ?? DEFAULT_BOARD_ESCALATION_DAYS);
    return {
      dueAt: `${due}T23:59:59.000Z`,
      ...(remind < due ? { remindAt: `${remind}T07:00:00.000Z` } : {}),
      boardEscalationAt: `${board}T23:59:59.000Z`,
    };
  }

  /** Run input merged with the form data of finished tasks and the operator's corrected input (later wins). */
  private stepData(rt: StepRuntime): Record<string, unknown> {
    const data: Record<string, unknown> = { ...this.input.request };
    for (const step of this.plan.steps) {
      const task = this.tasks.get(taskIdOf(this.runId, step.id));
      if (task?.state === 'done' && task.data) Object.assign(data, task.data);
    }
    return { ...data, ...rt.override };
  }

  private runActivity(rt: StepRuntime): void {
    rt.attempts++;
    const activity = this.activities[rt.step.activity!];
    const input: StepActivityInput = {
      runId: this.runId,
      stepId: rt.step.id,
      ags: this.plan.subject.ags,
      gemeindeName: this.plan.subject.name,
      data: this.stepData(rt),
    };
    activity(input).then(
      (res) => {
        rt.summary = res.summary;
        rt.result = res.result;
        this.finishStep(rt, 'done');
      },
      (err: unknown) => {
        if (isCancellation(err)) return;
        this.failStep(rt, err);
      },
    );
  }

  private failStep(rt: StepRuntime, err: unknown): void {
    const message = failureMessage(err);
    const reopen = rt.step.reopenOnFailure ? this.steps.get(rt.step.reopenOnFailure) : undefined;
    if (reopen && isNonRetryableFailure(err)) {
      // e.g. a failed reconciliation sends the test export back to the team with the report
      rt.state = 'pending';
      rt.error = message;
      reopen.state = 'active';
      reopen.completedAt = undefined;
      this.emit('step.reopened', 'system', { stepId: reopen.step.id, because: rt.step.id, error: message });
      const task = this.openTask(reopen, message);
      task.comments.push({ id: task.comments.length + 1, user: 'system', at: new Date().toISOString(), text: message });
    } else {
      rt.state = 'failed';
      rt.error = message;
      this.emit('step.failed', 'system', { stepId: rt.step.id, error: message, attempts: rt.attempts });
      if (this.repairTasks) this.openRepairTask(rt, message);
    }
    this.dirty = true;
  }

  /** The project lead's task to repair a failed automated step (team mail to projektleitung and admin). */
  private openRepairTask(rt: StepRuntime, error: string): void {
    const id = taskIdOf(this.runId, rt.step.id);
    const input = failedInput(this.input.request, rt.step, this.steps, (stepId) => {
      const task = this.tasks.get(taskIdOf(this.runId, stepId));
      return task?.state === 'done' ? task.data : undefined;
    }, rt.override);
    const task = repairTask(rt.step, error, input, {
      runId: this.runId,
      ags: this.plan.subject.ags,
      gemeindeName: this.plan.subject.name,
      process: this.plan.process,
      projectLead: this.plan.projectLead,
      openedAt: new Date().toISOString(),
      deadlines: this.deadlines(toDate(new Date()), 1),
      previous: this.tasks.get(id),
    });
    this.tasks.set(id, task);
    this.emit('task.opened', 'system', {
      stepId: rt.step.id, dueAt: task.dueAt, candidateRoles: task.candidateRoles,
      incident: true, error, projectLead: this.plan.projectLead ?? null,
    }, { task });
  }

  /** Retrying a step closes its repair task: the person who corrected it did the work. */
  private closeRepairTask(rt: StepRuntime, actor: Actor, data: Record<string, unknown>): void {
    const task = this.tasks.get(taskIdOf(this.runId, rt.step.id));
    if (!task?.incident || task.state !== 'open') return;
    task.state = 'done';
    task.completedAt = new Date().toISOString();
    task.completedBy = actor.id;
    this.emit('task.completed', actor.id, { stepId: rt.step.id, ...data }, { task });
  }

  // ---- children -------------------------------------------------------------------------------------------------

  private startChildren(rt: StepRuntime): void {
    rt.childStatus ??= {};
    // a retry starts the failed children again; finished ones stay finished
    for (const [runId, status] of Object.entries(rt.childStatus)) if (status === 'failed') delete rt.childStatus[runId];
    this.launchChildren(rt);
  }

  /** Starts not-yet-started children in list order while fewer than the concurrency limit run. */
  private launchChildren(rt: StepRuntime): void {
    const status = rt.childStatus!;
    for (;;) {
      const running = Object.values(status).filter((s) => s === 'running').length;
      if (running >= this.plan.childConcurrency) return;
      const child = (rt.step.children ?? []).find((c) => !(c.runId in status));
      if (!child) return;
      status[child.runId] = 'running';
      this.dirty = true;
      // each child in a scope of its own: removing its Verfahren cancels it even before its start has reached the
      // server (a cancel sent to its id would find nothing yet, and the child would start and run on)
      const scope = new CancellationScope();
      this.childScopes.set(child.runId, scope);
      const run = scope.run(() => this.runChild(child));
      this.childRuns.add(run);
      void run
        .finally(() => {
          this.childRuns.delete(run);
          this.childScopes.delete(child.runId);
        })
        .catch(() => undefined);
      run.then(
        (result) => {
          if (status[child.runId] === 'running') status[child.runId] = result;
          this.dirty = true;
          this.launchChildren(rt);
        },
        (err: unknown) => {
          if (isCancellation(err)) return;
          status[child.runId] = 'failed';
          rt.error = `${child.runId}: ${failureMessage(err)}`;
          this.dirty = true;
          this.launchChildren(rt);
        },
      );
    }
  }

  private async runChild(child: ChildRunInput): Promise<RunStatus> {
    const plan = resolveChildPlan(child, this.plan, this.today());
    const childInput: WorkflowInput = {
      plan,
      request: { ...child.input },
      parentId: this.runId,
      rootId: this.rootId,
      ...(this.input.activityRetry ? { activityRetry: this.input.activityRetry } : {}),
    };
    const handle = await startChild(WORKFLOW_TYPES[child.process], {
      workflowId: child.runId,
      args: [childInput],
      // a cancelled or terminated onboarding asks its children to cancel, so their compensations run too
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      typedSearchAttributes: [
        { key: SA.process, value: child.process },
        { key: SA.ags, value: child.input.ags },
        { key: SA.phase, value: plan.phases[0].id },
        { key: SA.health, value: 'green' },
        { key: SA.progress, value: 0 },
      ],
    });
    const result = (await handle.result()) as RunResult;
    return result.status;
  }

  /** A child step is done when every child completed; a failed child makes it an incident. */
  private finishChildSteps(): void {
    for (const rt of this.steps.values()) {
      if (rt.step.kind !== 'child' || rt.state !== 'active') continue;
      const statuses = (rt.step.children ?? []).map((c) => rt.childStatus?.[c.runId]);
      if (statuses.every((s) => s === 'completed')) this.finishStep(rt, 'done');
      else if (statuses.every((s) => s && s !== 'running') && statuses.some((s) => s === 'failed' || s === 'cancelled')) {
        rt.state = 'failed';
        rt.error ??= 'Mindestens ein untergeordneter Vorgang ist fehlgeschlagen.';
        this.emit('step.failed', 'system', { stepId: rt.step.id, error: rt.error });
        this.dirty = true;
      }
    }
  }

  // ---- timers ---------------------------------------------------------------------------------------------------

  private nextTimer(): number | undefined {
    const times: number[] = [];
    for (const rt of this.steps.values()) {
      if (rt.state === 'active' && rt.waitUntil) times.push(Date.parse(rt.waitUntil));
      if (rt.state === 'pending' && rt.heldUntil) times.push(Date.parse(rt.heldUntil));
    }
    for (const task of this.tasks.values()) {
      const next = nextDeadline(task);
      if (next) times.push(Date.parse(next));
    }
    return times.length ? Math.min(...times) : undefined;
  }

  private fireTimers(): void {
    const now = new Date().getTime();
    for (const rt of this.steps.values()) {
      if (rt.state === 'active' && rt.waitUntil && Date.parse(rt.waitUntil) <= now) this.finishStep(rt, 'done');
      if (rt.state === 'pending' && rt.heldUntil && Date.parse(rt.heldUntil) <= now) this.dirty = true;
    }
    for (const task of this.tasks.values()) {
      if (task.state !== 'open') continue;
      const at = new Date().toISOString();
      if (task.remindAt && !task.remindedAt && Date.parse(task.remindAt) <= now) {
        task.remindedAt = at;
        // a reminder after the due date would only repeat the escalation
        if (Date.parse(task.dueAt!) > now) {
          this.emit('task.reminded', 'system', { stepId: task.stepId, dueAt: task.dueAt, assignee: task.assignee ?? null }, { task });
        }
      }
      if (!task.escalation && task.dueAt && Date.parse(task.dueAt) <= now) {
        task.escalation = { level: 'projektleitung', at };
        this.emit('task.escalated', 'system', { stepId: task.stepId, level: 'projektleitung', dueAt: task.dueAt, projectLead: this.plan.projectLead ?? null }, { task });
      }
      if (task.escalation?.level === 'projektleitung' && task.boardEscalationAt && Date.parse(task.boardEscalationAt) <= now) {
        task.escalation = { level: 'vorstand', at };
        this.emit('task.escalated', 'system', { stepId: task.stepId, level: 'vorstand', dueAt: task.dueAt, projectLead: this.plan.projectLead ?? null }, { task });
      }
    }
  }

  // ---- compensation ---------------------------------------------------------------------------------------------

  private async compensate(): Promise<void> {
    this.status = 'cancelled';
    this.completedAt = new Date().toISOString();
    for (const task of this.tasks.values()) {
      if (task.state !== 'open' && task.state !== 'review') continue;
      task.state = 'cancelled';
      this.emit('task.cancelled', 'system', { stepId: task.stepId }, { task });
    }
    // Undo what automated steps reserved, newest first, so nothing stays allocated for a Gemeinde that left.
    const done = [...this.steps.values()].filter((s) => s.state === 'done' && s.step.kind === 'automated').reverse();
    for (const rt of done) {
      const compensation = COMPENSATIONS[rt.step.activity!];
      if (!compensation) continue;
      try {
        await this.activities[compensation]({
          runId: this.runId,
          stepId: rt.step.id,
          ags: this.plan.subject.ags,
          gemeindeName: this.plan.subject.name,
          data: this.stepData(rt),
        });
        rt.summary = `${rt.summary ?? ''} (rückgängig gemacht)`.trim();
        this.emit('step.compensated', 'system', { stepId: rt.step.id, activity: compensation });
      } catch (err) {
        rt.error = `Kompensation fehlgeschlagen: ${failureMessage(err)}`;
        this.emit('step.failed', 'system', { stepId: rt.step.id, error: rt.error });
      }
    }
    this.refresh();
    this.emit('run.cancelled', this.cancelledBy ?? 'system', { reason: this.cancelReason ?? null }, { run: true });
  }

  // ---- state, search attributes ---------------------------------------------------------------------------------

  private refresh(): void {
    const today = this.today();
    const stepProgress = [...this.steps.values()].map((rt) => ({
      id: rt.step.id,
      state: rt.state,
      startedAt: rt.startedAt,
      completedAt: rt.completedAt,
      childProgress: rt.step.kind === 'child' ? childProgress(rt, this.planV2) : undefined,
      ...(rt.heldUntil ? { heldUntil: rt.heldUntil, heldReason: rt.heldReason } : {}),
      ...(rt.error ? { error: rt.error } : {}),
    }));
    // Most loop passes change no step (a claim, a comment, a reminder): the schedule is only worked out again
    // when the steps' progress, the plan's dates or the day have changed — it was a sixth of the engine's time.
    const inputs = `${today}|${this.plan.targetGoLive ?? ''}|${JSON.stringify(stepProgress)}`;
    if (inputs !== this.scheduleKey) {
      this.scheduleKey = inputs;
      this.schedule = scheduleRun(this.plan, stepProgress, today, { legacy: !this.planV2, dateOf: this.berlinTime() ? berlinDate : toDate });
    }
    const schedule = this.schedule!;
    if (this.planV2) this.announceForecast(schedule, stepProgress, today);
    const phase = this.currentPhase();
    const progress = Math.round(schedule.progress * 100);
    const health = schedule.health;
    const before = this.published;
    if (before.phase === phase && before.health === health && before.progress === progress) return;
    this.published = { phase, health, progress };
    if (this.planV2 && this.input.parentId && before.progress >= 0 && before.progress !== progress) {
      // the parent may have closed meanwhile: then nobody needs to know
      getExternalWorkflowHandle(this.input.parentId).signal(childProgressed, { runId: this.runId, progress: schedule.progress }).catch(() => undefined);
    }
    if (before.progress >= 0) {
      // every change of the run's figures comes with an event that carries the run's snapshot (read model)
      if (before.phase !== phase) this.emit('run.phaseChanged', 'system', { before: before.phase, after: phase }, { run: true });
      if (before.health !== health) this.emit('run.healthChanged', 'system', { before: before.health, after: health }, { run: true });
      if (before.phase === phase && before.health === health) this.emit('run.progressed', 'system', { progress }, { run: true });
    }
    if (this.input.searchAttributes === false) return;
    upsertSearchAttributes([
      { key: SA.phase, value: phase },
      { key: SA.health, value: health },
      { key: SA.progress, value: progress },
    ]);
  }

  /** The first forecast is the plan's; every move of a week or more from the last one announced is recorded. */
  private announceForecast(schedule: RunSchedule, stepProgress: StepProgress[], today: string): void {
    if (this.forecast === undefined) {
      this.forecast = schedule.projectedGoLive;
      return;
    }
    const move = forecastMove(this.plan, schedule, stepProgress, this.forecast, today);
    if (!move) return;
    this.forecast = move.after;
    this.emit('run.forecastMoved', 'system', { before: move.before, after: move.after, days: move.days, cause: move.cause, text: move.text }, { run: true });
  }

  private currentPhase(): string {
    return currentPhase(this.plan, this.status, (id) => this.steps.get(id)!.state);
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

  private task(taskId: string): Task | undefined {
    return this.tasks.get(taskId);
  }

  private registerHandlers(): void {
    this.registerChangeHandlers();
    setHandler(getState, () => this.state());
    setHandler(childProgressed, ({ runId, progress }) => {
      const rt = [...this.steps.values()].find((s) => s.childStatus?.[runId] === 'running');
      if (!rt) return;
      (rt.childProgress ??= {})[runId] = progress;
      this.dirty = true;
    });

    setHandler(
      completeTask,
      ({ taskId, actor, data, comment }) => {
        const task = this.task(taskId)!;
        const role = approvalRoleFor(actor, task);
        const now = new Date().toISOString();
        if (this.reviewRule && needsReview(task)) {
          submit(task, actor, role, data, now);
          if (comment) this.comment(task, actor, comment);
          this.emit('task.submitted', actor.id, { stepId: task.stepId, role, ...(data ? { data: redact(data) } : {}), ...(comment ? { comment } : {}) }, { task });
          return cloneTask(task);
        }
        task.approvals.given.push({ user: actor.id, role, at: now });
        if (comment) this.comment(task, actor, comment);
        if (data) task.data = { ...task.data, ...data };
        const audit = { ...(data ? { data: redact(data) } : {}), ...(comment ? { comment } : {}) };
        if (task.approvals.given.length >= task.approvals.required) {
          task.completedBy = actor.id;
          this.finishStep(this.steps.get(task.stepId)!, 'done', actor.id, audit);
        } else {
          this.emit('task.approved', actor.id, { stepId: task.stepId, ...audit, role, given: task.approvals.given.length, required: task.approvals.required }, { task });
        }
        this.dirty = true;
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor, comment }) => {
          const task = requireOpen(this.task(taskId), taskId);
          if (task.incident) fail('conflict', 'Eine Störung wird mit „Erneut versuchen“ oder „Überspringen“ behoben.');
          approvalRoleFor(actor, task);
          if (task.kind === 'wait' && !comment?.trim()) {
            fail('invalid', 'Eine vorzeitig beendete Wartezeit braucht eine Begründung.');
          }
        },
      },
    );

    this.registerReviewHandlers();

    setHandler(
      claimTask,
      ({ taskId, actor }) => {
        const task = this.task(taskId)!;
        task.assignee = actor.id;
        this.emit('task.claimed', actor.id, { assignee: { before: null, after: actor.id } }, { task });
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor }) => {
          const task = requireOpen(this.task(taskId), taskId);
          requireWorker(actor, task);
          if (task.assignee && task.assignee !== actor.id) fail('conflict', `Die Aufgabe ist bereits ${task.assignee} zugewiesen.`);
        },
      },
    );

    setHandler(
      unclaimTask,
      ({ taskId, actor }) => {
        const task = this.task(taskId)!;
        const before = task.assignee;
        delete task.assignee;
        this.emit('task.unclaimed', actor.id, { assignee: { before, after: null } }, { task });
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor }) => {
          const task = requireOpen(this.task(taskId), taskId);
          if (task.assignee !== actor.id) requireSteering(actor, task);
          if (!task.assignee) fail('conflict', 'Die Aufgabe ist niemandem zugewiesen.');
        },
      },
    );

    setHandler(
      assignTask,
      ({ taskId, actor, assignee }) => {
        const task = this.task(taskId)!;
        const before = task.assignee ?? null;
        task.assignee = assignee;
        this.emit('task.assigned', actor.id, { assignee: { before, after: assignee } }, { task });
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor, assignee }) => {
          const task = requireOpen(this.task(taskId), taskId);
          requireSteering(actor, task);
          if (!assignee.trim()) fail('invalid', 'Bitte eine Person angeben.');
        },
      },
    );

    setHandler(
      returnTask,
      ({ taskId, actor, reason }) => {
        const task = this.task(taskId)!;
        // Returning hands the task back to its team and withdraws approvals given so far.
        const before = { assignee: task.assignee ?? null, approvals: task.approvals.given.length };
        delete task.assignee;
        task.approvals.given = [];
        task.returnReason = reason;
        this.comment(task, actor, `Zurückgegeben: ${reason}`, false);
        this.emit('task.returned', actor.id, { reason, before, after: { assignee: null, approvals: 0 } }, { task });
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor, reason }) => {
          const task = requireOpen(this.task(taskId), taskId);
          if (task.assignee !== actor.id) requireSteering(actor, task);
          if (!reason.trim()) fail('invalid', 'Bitte einen Grund angeben.');
        },
      },
    );

    setHandler(
      addComment,
      ({ taskId, actor, text }) => {
        const task = this.task(taskId)!;
        this.comment(task, actor, text);
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor, text }) => {
          const task = this.task(taskId);
          if (!task) fail('notFound', `Aufgabe ${taskId} gibt es nicht.`);
          if (!actor.roles.includes('projektleitung')) requireWorker(actor, task);
          if (!text.trim()) fail('invalid', 'Der Kommentar ist leer.');
        },
      },
    );

    setHandler(
      retryStep,
      ({ stepId, actor, input }) => {
        const rt = this.steps.get(stepId)!;
        if (input) rt.override = { ...rt.override, ...input };
        this.emit('step.retried', actor.id, { stepId, error: rt.error ?? null, correctedFields: Object.keys(input ?? {}) });
        this.closeRepairTask(rt, actor, { retried: true, correctedFields: Object.keys(input ?? {}) });
        rt.error = undefined;
        rt.state = 'active';
        if (rt.step.kind === 'child') this.startChildren(rt);
        else this.runActivity(rt);
        this.dirty = true;
        return describeStep(rt.step, rt, this.schedule?.steps[rt.step.id]);
      },
      { validator: ({ stepId, actor }) => this.requireIncident(stepId, actor) },
    );

    setHandler(
      skipStep,
      ({ stepId, actor, reason }) => {
        const rt = this.steps.get(stepId)!;
        rt.summary = `Übersprungen: ${reason}`;
        this.finishStep(rt, 'skipped', actor.id, { reason, error: rt.error ?? null });
        return describeStep(rt.step, rt, this.schedule?.steps[rt.step.id]);
      },
      {
        validator: ({ stepId, actor, reason }) => {
          this.requireIncident(stepId, actor);
          if (!reason?.trim()) fail('invalid', 'Bitte einen Grund angeben.');
        },
      },
    );

    setHandler(
      requestCancel,
      ({ actor, reason }) => {
        this.cancelReason = reason;
        this.cancelledBy = actor.id;
        return this.state();
      },
      {
        validator: ({ actor, reason }) => {
          if (!actor.roles.some((r: string) => r === 'projektleitung' || r === 'admin')) fail('forbidden', 'Nur die Projektleitung darf Vorgänge abbrechen.');
          if (this.status !== 'running') fail('conflict', 'Der Vorgang läuft nicht mehr.');
          if (!reason.trim()) fail('invalid', 'Bitte einen Grund angeben.');
        },
      },
    );

    setHandler(
      receiveEvent,
      (event) => {
        const known = this.seenEvents.get(event.eventId);
        if (known) return { eventId: event.eventId, runId: this.runId, stepId: known };
        const rt = this.matchExternal(event.type, event.stepId)!;
        const task = this.tasks.get(taskIdOf(this.runId, rt.step.id));
        if (task && event.data) task.data = { ...event.data };
        this.seenEvents.set(event.eventId, rt.step.id);
        this.finishStep(rt, 'done', `extern:${event.sender}`, { eventId: event.eventId, eventType: event.type });
        return { eventId: event.eventId, runId: this.runId, stepId: rt.step.id };
      },
      {
        validator: (event) => {
          if (this.seenEvents.has(event.eventId)) return;
          if (!this.matchExternal(event.type, event.stepId)) {
            fail('conflict', `Kein wartender Schritt für Ereignis „${event.type}“ in ${this.runId}.`);
          }
        },
      },
    );
  }

  /** Four eyes: a second person approves the submitted data or sends it back with a reason. */
  private registerReviewHandlers(): void {
    setHandler(
      approveTask,
      ({ taskId, actor, comment }) => {
        const task = this.task(taskId)!;
        const role = requireReviewer(task, taskId, actor);
        const at = new Date().toISOString();
        const done = approve(task, actor, role, comment?.trim() || undefined, at);
        if (comment?.trim()) this.comment(task, actor, comment.trim(), false);
        const audit = { stepId: task.stepId, role, submittedBy: task.submission!.by, given: task.approvals.given.length, required: task.approvals.required, ...(comment?.trim() ? { comment: comment.trim() } : {}) };
        this.emit('task.approved', actor.id, audit, { task });
        if (done) this.finishStep(this.steps.get(task.stepId)!, 'done', actor.id, { submittedBy: task.submission!.by });
        return cloneTask(task);
      },
      { validator: ({ taskId, actor }) => void requireReviewer(this.task(taskId), taskId, actor) },
    );

    setHandler(
      rejectTask,
      ({ taskId, actor, reason }) => {
        const task = this.task(taskId)!;
        reject(task, actor, reason.trim(), new Date().toISOString());
        this.comment(task, actor, `Abgelehnt: ${reason.trim()}`, false);
        this.emit('task.rejected', actor.id, { stepId: task.stepId, reason: reason.trim(), submittedBy: task.submission!.by }, { task });
        return cloneTask(task);
      },
      {
        validator: ({ taskId, actor, reason }) => {
          requireReviewer(this.task(taskId), taskId, actor);
          if (!reason?.trim()) fail('invalid', 'Bitte einen Grund für die Ablehnung angeben.');
        },
      },
    );
  }

  /** Changes to a running run by its project lead: target date, lead, the Verfahren of an onboarding. */
  private registerChangeHandlers(): void {
    const steer = (actor: Actor): void => {
      if (!mayRepair(actor)) fail('forbidden', 'Nur die Projektleitung darf den Vorgang ändern.');
      if (this.status !== 'running') fail('conflict', 'Der Vorgang läuft nicht mehr.');
    };

    setHandler(
      moveTargetGoLive,
      ({ actor, targetGoLive, reason }) => {
        const before = this.plan.targetGoLive ?? null;
        this.plan.targetGoLive = targetGoLive;
        this.refresh();
        if (this.input.searchAttributes !== false) upsertSearchAttributes([{ key: SA.targetGoLive, value: new Date(`${targetGoLive}T00:00:00Z`) }]);
        this.emit('run.targetMoved', actor.id, { before, after: targetGoLive, reason }, { run: true });
        return this.state();
      },
      {
        validator: ({ actor, targetGoLive, reason }) => {
          steer(actor);
          if (!isCalendarDate(targetGoLive)) fail('invalid', 'Zieldatum im Format JJJJ-MM-TT angeben.');
          // the API checks this too; the run guards itself, since Updates can also come from other clients
          if (targetGoLive > goLiveHorizon(new Date())) fail('invalid', `Das Zieldatum darf höchstens ${GO_LIVE_HORIZON_YEARS} Jahre in der Zukunft liegen.`);
          if (!reason.trim()) fail('invalid', 'Bitte einen Grund angeben.');
        },
      },
    );

    setHandler(
      changeProjectLead,
      ({ actor, projectLead, deputyLead, reason }) => {
        const before = this.plan.projectLead ?? null;
        this.plan.projectLead = projectLead;
        // without `deputyLead` the Stellvertretung stays; an empty one ends it
        const deputy = deputyLead === undefined ? {} : { deputy: { before: this.plan.deputyLead ?? null, after: deputyLead || null } };
        if (deputyLead !== undefined) this.plan.deputyLead = deputyLead || undefined;
        this.emit('run.leadChanged', actor.id, { before, after: projectLead, ...deputy, ...(reason ? { reason } : {}) }, { run: true });
        return this.state();
      },
      {
        validator: ({ actor, projectLead, deputyLead }) => {
          steer(actor);
          const deputyUnchanged = deputyLead === undefined || (deputyLead || undefined) === this.plan.deputyLead;
          if (projectLead === this.plan.projectLead && deputyUnchanged) fail('conflict', 'Diese Person leitet den Vorgang bereits.');
          if (deputyLead && deputyLead === projectLead) fail('invalid', 'Die Stellvertretung muss eine andere Person sein als die Projektleitung.');
        },
      },
    );

    const migrations = (): StepRuntime | undefined => [...this.steps.values()].find((rt) => rt.step.child?.fanOut === 'verfahren');

    setHandler(
      addVerfahren,
      ({ actor, verfahrenId }) => {
        const rt = migrations()!;
        const children = (rt.step.children ??= []);
        const last = children.at(-1)?.input as { verfahrenId?: string } | undefined;
        children.push(migrationChild(this.plan.subject.ags, verfahrenId, this.plan.projectLead, this.plan.targetGoLive, last?.verfahrenId, this.plan.deputyLead));
        if (rt.state === 'active') this.launchChildren(rt);
        this.emit('run.verfahrenAdded', actor.id, { verfahrenId }, { run: true });
        return this.state();
      },
      {
        validator: ({ actor, verfahrenId }) => {
          steer(actor);
          const rt = migrations();
          if (!rt) fail('conflict', 'Dieser Vorgang migriert keine Verfahren.');
          if (FINISHED.includes(rt.state)) fail('conflict', 'Die Verfahrensmigrationen sind bereits abgeschlossen.');
          if (rt.step.children?.some((c) => (c.input as { verfahrenId?: string }).verfahrenId === verfahrenId)) {
            fail('conflict', 'Das Verfahren ist bereits Teil des Onboardings.');
          }
        },
      },
    );

    setHandler(
      removeVerfahren,
      ({ actor, verfahrenId, reason }) => {
        const rt = migrations()!;
        const child = rt.step.children!.find((c) => (c.input as { verfahrenId?: string }).verfahrenId === verfahrenId)!;
        rt.step.children = rt.step.children!.filter((c) => c !== child);
        if (rt.childStatus?.[child.runId] === 'running') {
          rt.childStatus[child.runId] = 'cancelled';
          // the child may have closed meanwhile; its status here is what counts
          this.childScopes.get(child.runId)?.cancel();
        }
        this.emit('run.verfahrenRemoved', actor.id, { verfahrenId, childRunId: child.runId, ...(reason ? { reason } : {}) }, { run: true });
        if (rt.state === 'active') this.launchChildren(rt);
        return this.state();
      },
      {
        validator: ({ actor, verfahrenId }) => {
          steer(actor);
          const rt = migrations();
          const child = rt?.step.children?.find((c) => (c.input as { verfahrenId?: string }).verfahrenId === verfahrenId);
          if (!rt || !child) fail('notFound', 'Das Verfahren ist nicht Teil des Onboardings.');
          const status = rt.childStatus?.[child.runId];
          if (status === 'completed') fail('conflict', 'Die Migration dieses Verfahrens ist bereits abgeschlossen.');
        },
      },
    );
  }

  private matchExternal(type: string, stepId?: string): StepRuntime | undefined {
    return [...this.steps.values()].find(
      (rt) => rt.state === 'active' && rt.step.externalEvent === type && (!stepId || rt.step.id === stepId),
    );
  }

  private requireIncident(stepId: string, actor: Actor): void {
    if (!mayRepair(actor)) fail('forbidden', 'Nur Administration und Projektleitung dürfen Schritte reparieren.');
    const rt = this.steps.get(stepId);
    if (!rt) fail('notFound', `Schritt ${stepId} gibt es nicht.`);
    if (rt.state !== 'failed') fail('conflict', 'Nur fehlgeschlagene Schritte können wiederholt oder übersprungen werden.');
  }

  private comment(task: Task, actor: Actor, text: string, audit = true): void {
    const id = task.comments.length + 1;
    task.comments.push({ id, user: actor.id, at: new Date().toISOString(), text });
    if (audit) this.emit('task.commented', actor.id, { commentId: id, text }, { task });
    this.dirty = true;
  }

  private emit(type: EventType, actor: string, data: Record<string, unknown>, attach: { run?: boolean; task?: Task } = {}): void {
    this.outbox.add({
      type,
      actor,
      data,
      ...(attach.run ? { run: this.runSnapshot() } : {}),
      ...(attach.task ? { task: taskSnapshot(attach.task, this.rootId) } : {}),
    });
    this.dirty = true;
  }

  private runSnapshot(): RunSnapshot {
    const schedule = this.schedule!;
    const phase = this.currentPhase();
    const nextMilestones = this.plan.steps
      .filter((s) => s.milestone && !FINISHED.includes(this.steps.get(s.id)!.state))
      .slice(0, 3)
      .map((s) => ({ stepId: s.id, title: s.title, date: schedule.steps[s.id].projectedEnd }));
    return {
      id: this.runId,
      process: this.plan.process,
      title: this.plan.title,
      status: this.status,
      ...(this.input.parentId ? { parentId: this.input.parentId } : {}),
      rootId: this.rootId,
      ags: this.plan.subject.ags,
      gemeindeName: this.plan.subject.name,
      phase,
      phaseTitle: this.plan.phases.find((p) => p.id === phase)?.title ?? 'Abgeschlossen',
      progress: this.status === 'completed' ? 1 : schedule.progress,
      health: schedule.health,
      ...(schedule.reasons.length ? { healthReasons: schedule.reasons } : {}),
      ...(this.plan.targetGoLive ? { targetGoLive: this.plan.targetGoLive } : {}),
      projectedGoLive: schedule.projectedGoLive,
      ...(this.plan.projectLead ? { projectLead: this.plan.projectLead } : {}),
      ...(this.plan.deputyLead ? { deputyLead: this.plan.deputyLead } : {}),
      startedAt: this.startedAt,
      ...(this.completedAt ? { completedAt: this.completedAt } : {}),
      nextMilestones,
    };
  }
}

/** Activities that undo an automated step's reservation when a run is cancelled. */
const COMPENSATIONS: Partial<Record<ActivityName, ActivityName>> = {
  allocateNetworkPlan: 'releaseNetworkPlan',
};

/** Share of a child step's children done: completed ones count 1, running ones by their own reported progress
 * (feasible-plan runs; before, only completed ones counted), the rest 0. */
function childProgress(rt: StepRuntime, reported: boolean): number {
  const total = rt.step.children?.length ?? 0;
  if (total === 0) return rt.state === 'done' ? 1 : 0;
  let done = 0;
  for (const [runId, status] of Object.entries(rt.childStatus ?? {})) {
    if (status === 'completed') done += 1;
    else if (status === 'running' && reported) done += rt.childProgress?.[runId] ?? 0;
  }
  return done / total;
}

function failureMessage(err: unknown): string {
  let e: unknown = err;
  // Activity and child failures wrap the real cause.
  while (e instanceof Error && 'cause' in e && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

function isNonRetryableFailure(err: unknown): boolean {
  let e: unknown = err;
  while (e instanceof Error) {
    if (e instanceof ApplicationFailure && e.nonRetryable) return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}

function addDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The next reminder or escalation of an open task, if any is still to come. */
function nextDeadline(task: Task): string | undefined {
  if (task.state !== 'open') return undefined;
  if (task.remindAt && !task.remindedAt && task.dueAt && task.remindAt < task.dueAt) return task.remindAt;
  if (!task.escalation) return task.dueAt;
  if (task.escalation.level === 'projektleitung') return task.boardEscalationAt;
  return undefined;
}
