// Throughput: several onboardings at once, driven to completion by the bot through the API, against plain workflows
// that do the same number of activities and Updates (one plain workflow per workflow of the onboardings, all at
// once, each Update sent the moment the previous one returned). A step is one activity or one Update; both sides do
// the same number of them, so the ratio of steps per second is the inverse ratio of the wall times.
//
// Steps per second are work over wall time on each side; the plain side repeats the same counts per workflow.
// The plain side has no dependencies between workflows (a migration need not wait for its onboarding to get there),
// which favours it; the engine's side also starts child workflows and answers queries, which the plain side does not.
// Diagnostic: the same onboardings driven by the same bot straight through Temporal (raw-http.ts) tell how much of
// the gap is the API and the store, and how much is the engine; and the CPU time each side spends per step, by
// process (scripts/bench/cpu.ts): once the cores are busy, the ratio is the inverse ratio of these.
import { performance } from 'node:perf_hooks';
import { fetchHttp } from '../bot';
import { cpuBetween, cpuSnapshot, SERVER_GROUPS, serverGroup, type CpuSnapshot, type CpuUse } from './cpu';
import { agsQuery, listWorkflows, workOfAll, type WorkflowWork } from './histories';
import { childCount, drive, startOnboarding, type OnboardingSize } from './onboardings';
import { PLAIN_WORKFLOW, plainStep, type PlainSpec } from './plain-messages';
import { rawHttp } from './raw-http';
import { PLAIN_TASK_QUEUE, type BenchSystem } from './system';
import { percentiles, round, type Percentiles, type Row } from './stats';

/** where the engine side runs (the bench runs it as deployed: scripts/bench/production-shape.ts): an API, its
 * Temporal client and its store's database; the plain side runs on the same Temporal server */
export type ThroughputTarget = Pick<BenchSystem, 'baseUrl' | 'client' | 'db'> & { workerPid?: number };

const DEMO_READER = 'demo-m.huber';

export interface Side {
  seconds: number;
  workflows: number;
  activities: number;
  updates: number;
  stepsPerSecond: number;
  /** CPU milliseconds per step, all processes and by process */
  cpuMsPerStep?: { all: number; byProcess: Record<string, number> };
}

export interface ReadModelLag {
  /** task.opened: from the workflow opening the task until the read model (the bot's and the inbox's source) has it */
  taskOpened: Percentiles;
  allEvents: Percentiles;
}

/** Where the engine's cost goes, per step (activity or Update) of the API side, counted from the histories. */
export interface Profile {
  steps: number;
  workflowTasksPerStep: number;
  activitiesPerStep: Record<string, number>;
  localActivitiesPerStep: number;
  /** history events per step, in all and by type */
  eventsPerStep: number;
  eventTypesPerStep: Record<string, number>;
}

function profileOf(work: WorkflowWork[]): Profile {
  const steps = work.reduce((n, w) => n + w.activities + w.updates, 0);
  const per = (x: number) => round(x / steps, 3);
  const types: Record<string, number> = {};
  for (const w of work) for (const [t, n] of Object.entries(w.activityTypes)) types[t] = (types[t] ?? 0) + n;
  const events: Record<string, number> = {};
  for (const w of work) for (const [t, n] of Object.entries(w.eventTypes)) events[t] = (events[t] ?? 0) + n;
  return {
    steps,
    workflowTasksPerStep: per(work.reduce((n, w) => n + w.workflowTasks, 0)),
    activitiesPerStep: Object.fromEntries(Object.entries(types).sort((a, b) => b[1] - a[1]).map(([t, n]) => [t, per(n)])),
    localActivitiesPerStep: per(work.reduce((n, w) => n + w.localActivities, 0)),
    eventsPerStep: per(work.reduce((n, w) => n + w.historyLength, 0)),
    eventTypesPerStep: Object.fromEntries(Object.entries(events).sort((a, b) => b[1] - a[1]).map(([t, n]) => [t, per(n)])),
  };
}

export interface ThroughputResult {
  profile: Profile;
  onboardings: number;
  size: OnboardingSize;
  api: Side & { completionsSent: number; completion: Percentiles; readModelLag?: ReadModelLag };
  /** mean of the runs before and after the API side */
  plain: Side & { runs: number[] };
  rawEngine?: Side & { completion: Percentiles };
  ratio: number;
  rawEngineRatio?: number;
}

function side(seconds: number, work: { activities: number; updates: number }[], use?: CpuUse): Side {
  const activities = work.reduce((n, w) => n + w.activities, 0);
  const updates = work.reduce((n, w) => n + w.updates, 0);
  const steps = activities + updates;
  return {
    seconds: round(seconds), workflows: work.length, activities, updates, stepsPerSecond: round(steps / seconds),
    ...(use ? { cpuMsPerStep: {
      all: round(use.byGroup.reduce((n, g) => n + g.cpuSeconds, 0) * 1000 / steps, 1),
      // the named processes; the kernel's threads (a few tenths of a millisecond) count in `all` only
      byProcess: Object.fromEntries(use.byGroup.flatMap((g) => (KNOWN.has(g.group) && g.cpuSeconds > 0 ? [[g.group, round(g.cpuSeconds * 1000 / steps, 1)]] : []))),
    } } : {}),
  };
}

const BENCH = 'bench process (API, bot, plain worker)';
const WORKER = 'worker';
const KNOWN = new Set<string>([BENCH, WORKER, ...Object.values(SERVER_GROUPS)]);

/** The CPU used since `from`, by the processes a side runs on. */
function cpuSince(sys: ThroughputTarget, from: CpuSnapshot): CpuUse {
  return cpuBetween(from, cpuSnapshot(), (pid, name) => (pid === process.pid ? BENCH : pid === sys.workerPid ? WORKER : serverGroup(name)));
}

async function engineSide(sys: ThroughputTarget, ags: string[], size: OnboardingSize, via: 'api' | 'raw', timeoutMs: number) {
  const http = fetchHttp(sys.baseUrl);
  const botHttp = via === 'api' ? http : rawHttp(sys.client);
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  const roots = await Promise.all(ags.map((a) => startOnboarding(http, a, size)));
  const completionMs: number[] = [];
  const sent = await Promise.all(roots.map((root) => drive(botHttp, root, timeoutMs, (_t, _s, ms) => void completionMs.push(ms))));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSince(sys, cpu0);
  for (const root of roots) {
    const run = await http('GET', `/api/v1/runs/${root}`, DEMO_READER);
    if (run.body.status !== 'completed') throw new Error(`${root} ended ${run.body.status}`);
  }
  const wfs = await listWorkflows(sys.client, agsQuery(ags), ags.length * (1 + childCount(size)));
  const work = await workOfAll(sys.client, wfs);
  return { seconds, work, cpu, completionsSent: sent.reduce((a, b) => a + b, 0), completion: percentiles(completionMs) };
}

/** How far the read model trails the workflows: recorded_at (database clock) minus the event's workflow time. */
async function readModelLag(sys: ThroughputTarget, runIds: string[]): Promise<ReadModelLag> {
  const lags = async (onlyType?: string): Promise<Percentiles> => {
    const { rows } = await sys.db.query<{ ms: number }>(
      `SELECT (extract(epoch FROM recorded_at - at) * 1000)::float8 AS ms FROM events
       WHERE run_id IN (SELECT jsonb_array_elements_text($1::text::jsonb)) AND ($2::text IS NULL OR type = $2::text)`,
      [JSON.stringify(runIds), onlyType ?? null],
    );
    return percentiles(rows.map((r) => Number(r.ms)));
  };
  return { taskOpened: await lags('task.opened'), allEvents: await lags() };
}

async function plainSide(sys: ThroughputTarget, specs: PlainSpec[], round: number): Promise<{ seconds: number; cpu: CpuUse }> {
  const from = cpuSnapshot();
  const t0 = performance.now();
  await Promise.all(specs.map(async (spec, i) => {
    const handle = await sys.client.workflow.start(PLAIN_WORKFLOW, { workflowId: `bench-plain-${round}-${i}`, taskQueue: PLAIN_TASK_QUEUE, args: [spec] });
    for (let n = 1; n <= spec.updates; n++) await handle.executeUpdate(plainStep, { args: [n] });
    await handle.result();
  }));
  return { seconds: (performance.now() - t0) / 1000, cpu: cpuSince(sys, from) };
}

/**
 * Order: [diagnostic: bot straight through Temporal] → plain → bot through the API → plain. The plain baseline runs
 * before and after the API side and counts with the mean of both, so a neighbour's load that comes or goes during
 * the benchmark does not land on one side only. Its work comes from the first engine run's histories (without the
 * diagnostic: from the API side's, and then it can only run after it).
 */
export async function measureThroughput(
  sys: ThroughputTarget,
  opts: { apiAgs: string[]; rawAgs: string[]; size: OnboardingSize; timeoutMs: number; log: (l: string) => void },
): Promise<ThroughputResult> {
  const plainRuns: { seconds: number; cpu: CpuUse }[] = [];
  let specs: PlainSpec[] | undefined;
  const runPlain = async (): Promise<void> => {
    opts.log(`  ${specs!.length} plain workflows with the same activities and Updates …`);
    plainRuns.push(await plainSide(sys, specs!, plainRuns.length));
    opts.log(`  … ${round(plainRuns.at(-1)!.seconds)} s`);
  };
  const specsOf = (work: WorkflowWork[]): PlainSpec[] => work.map((w) => ({ activities: w.activities, updates: w.updates }));

  let rawEngine: (Side & { completion: Percentiles }) | undefined;
  if (opts.rawAgs.length) {
    opts.log(`  ${opts.rawAgs.length} onboardings, the bot straight through Temporal (diagnostic) …`);
    const raw = await engineSide(sys, opts.rawAgs, opts.size, 'raw', opts.timeoutMs);
    rawEngine = { ...side(raw.seconds, raw.work, raw.cpu), completion: raw.completion };
    opts.log(`  … ${rawEngine.workflows} workflows, ${rawEngine.activities} activities, ${rawEngine.updates} Updates in ${rawEngine.seconds} s`);
    specs = specsOf(raw.work);
    await runPlain();
  }

  opts.log(`  ${opts.apiAgs.length} onboardings through the API …`);
  const api = await engineSide(sys, opts.apiAgs, opts.size, 'api', opts.timeoutMs);
  const apiSide = side(api.seconds, api.work, api.cpu);
  opts.log(`  … ${apiSide.workflows} workflows, ${apiSide.activities} activities, ${apiSide.updates} Updates in ${apiSide.seconds} s`);
  const lag = await readModelLag(sys, api.work.map((w) => w.workflowId)).catch((err: unknown) => {
    opts.log(`  (read-model lag not measured: ${(err as Error).message})`);
    return undefined;
  });
  specs ??= specsOf(api.work);
  await runPlain();

  const plainSeconds = plainRuns.reduce((a, r) => a + r.seconds, 0) / plainRuns.length;
  // the CPU per step of the last plain run (the mean's runs do the same work)
  const plain = { ...side(plainSeconds, specs, plainRuns.at(-1)!.cpu), runs: plainRuns.map((r) => round(r.seconds)) };
  return {
    profile: profileOf(api.work),
    onboardings: opts.apiAgs.length,
    size: opts.size,
    api: { ...apiSide, completionsSent: api.completionsSent, completion: api.completion, ...(lag ? { readModelLag: lag } : {}) },
    plain,
    ...(rawEngine ? { rawEngine, rawEngineRatio: round(rawEngine.stepsPerSecond / plain.stepsPerSecond) } : {}),
    ratio: round(apiSide.stepsPerSecond / plain.stepsPerSecond),
  };
}

/** The phase's lines of the bench's table: both sides, the diagnostics, and the ratio beside its goal. */
export function throughputRows(
  t: ThroughputResult,
  r: { ratio: number | null; spread: { min: number; max: number; ratios: number[] } | null; goal: number },
  pp: (p?: Percentiles) => string,
): Row[] {
  const cpu = (x: Side) => x.cpuMsPerStep && `${x.cpuMsPerStep.all} ms (${Object.entries(x.cpuMsPerStep.byProcess).map(([p, v]) => `${p} ${v}`).join(', ')})`;
  const ev = t.profile.eventTypesPerStep;
  const beside = (type: string, label: string) => (ev[type] ? [`${label} ${ev[type]}`] : []);
  const events = [
    ...beside('WORKFLOW_TASK_COMPLETED', 'workflow tasks'), ...beside('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', 'search-attribute upserts'),
    ...beside('MARKER_RECORDED', 'markers (patches, each with an upsert of its own)'), ...beside('WORKFLOW_EXECUTION_SIGNALED', 'signals'),
  ];
  return [
    [`throughput via API (${t.onboardings} onboardings)`, `${t.api.stepsPerSecond} steps/s (${t.api.activities + t.api.updates} steps, ${t.api.seconds} s)`, '', undefined],
    [`throughput plain (${t.plain.workflows} workflows)`, `${t.plain.stepsPerSecond} steps/s (mean of ${t.plain.runs.join(' s and ')} s)`, '', undefined],
    ...(t.rawEngine ? [['  engine, bot without HTTP', `${t.rawEngine.stepsPerSecond} steps/s (${t.rawEngine.seconds} s), ratio ${t.rawEngineRatio}`, 'diagnostic', undefined] as Row] : []),
    ['  completion under load: API / raw', `${pp(t.api.completion)} / ${pp(t.rawEngine?.completion)}`, 'diagnostic', undefined],
    ...(t.api.readModelLag ? [['  read-model lag of task.opened', pp(t.api.readModelLag.taskOpened), 'diagnostic', undefined] as Row] : []),
    ...(t.api.cpuMsPerStep ? [['  CPU per step: API / plain', `${cpu(t.api)} / ${cpu(t.plain)}`, 'diagnostic', undefined] as Row] : []),
    ['  history events per step (API side)', `${t.profile.eventsPerStep}: ${events.join(', ')}`, 'diagnostic', undefined],
    [`throughput ratio (API / plain), median of ${r.spread?.ratios.length ?? 1}`, `${r.ratio} (min–max ${r.spread?.min}–${r.spread?.max})`, `≥ ${r.goal}`, (r.ratio ?? 0) >= r.goal],
  ];
}
