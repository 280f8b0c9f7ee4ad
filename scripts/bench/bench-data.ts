// Synthetic but plausible portfolio for benchmarks: onboardings of the ten sample Gemeinden over several years,
// each with migration and rollout children, open work spread over every team with due dates around today.
// Everything goes through appendEvents, so the benchmark also measures what the event path builds.
import { GEMEINDEN } from '../../domain/catalog/gemeinden';
import type { DomainEvent, RunSnapshot, TaskSnapshot } from '../../domain/events';
import { ROLES, type ProcessId, type Role, type RunStatus, type StepKind } from '../../domain/types';
import type { Store } from '../../store/store';

export interface SeedOptions {
  runs: number;
  openTasks: number;
  /** finished tasks besides the open ones (default: as many as open) */
  doneTasks?: number;
  now?: Date;
  /** PRNG seed, for the same data on every backend */
  seed?: number;
  /** runs per appendEvents call */
  runsPerBatch?: number;
}

export interface SeedCounts {
  runs: number;
  openTasks: number;
  doneTasks: number;
  events: number;
  runningOnboardings: number;
}

const DAY = 86_400_000;
const TEAMS: Role[] = ROLES.filter((r) => r !== 'admin' && r !== 'vorstand');

/** mulberry32: tiny, seedable, good enough to spread test data */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Builds one run's event stream with contiguous seqs; each event carries the snapshots after it. */
export class RunStream {
  readonly events: DomainEvent[] = [];

  constructor(public run: RunSnapshot) {}

  get seq(): number {
    return this.events.length;
  }

  emit(type: DomainEvent['type'], at: string, extra: Partial<Omit<DomainEvent, 'runId' | 'seq' | 'at' | 'type'>> = {}): DomainEvent {
    const event: DomainEvent = { runId: this.run.id, seq: this.seq + 1, at, type, data: {}, ...extra };
    this.events.push(event);
    return event;
  }
}

export function taskSnapshot(run: RunSnapshot, stepId: string, fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    id: `${run.id}/${stepId}`,
    runId: run.id,
    rootId: run.rootId,
    stepId,
    process: run.process,
    title: `Schritt ${stepId}`,
    description: 'Synthetischer Schritt für Messungen.',
    kind: 'manual',
    state: 'open',
    candidateRoles: ['projektleitung'],
    ags: run.ags,
    gemeindeName: run.gemeindeName,
    openedAt: run.startedAt,
    approvals: { required: 1, given: [] },
    formId: 'erledigt',
    comments: [],
    ...fields,
  };
}

export async function seedStore(store: Pick<Store, 'appendEvents'>, opts: SeedOptions): Promise<SeedCounts> {
  const rnd = prng(opts.seed ?? 42);
  const now = (opts.now ?? new Date()).getTime();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);

  // one onboarding in ten runs; the rest are its migrations and rollouts
  const onboardings = Math.max(1, Math.round(opts.runs / 10));
  const planned: { snapshot: RunSnapshot }[] = [];
  const roots: RunSnapshot[] = [];
  for (let i = 0; i < onboardings; i++) {
    const g = GEMEINDEN[i % GEMEINDEN.length];
    // the newest third is still running, older ones finished 4–9 months after they started
    const running = i >= onboardings - Math.ceil(onboardings / 3);
    const startedAt = now - Math.floor((onboardings - i) * (1500 / onboardings) * DAY) - Math.floor(rnd() * 20 * DAY);
    const status: RunStatus = running ? 'running' : rnd() < 0.05 ? 'cancelled' : 'completed';
    const target = startedAt + (120 + Math.floor(rnd() * 150)) * DAY;
    const id = `onboarding-${g.ags}-${i}`;
    roots.push({
      id, process: 'gemeinde-onboarding', title: `Onboarding ${g.name}`, status, rootId: id, ags: g.ags,
      gemeindeName: g.name, phase: running ? 'bestandsaufnahme' : 'abschluss',
      phaseTitle: running ? 'Bestandsaufnahme' : 'Abschluss', progress: running ? Math.round(rnd() * 80) / 100 : 1,
      health: running ? pick(['green', 'green', 'amber', 'red'] as const) : 'green',
      targetGoLive: date(target), projectedGoLive: date(target + Math.floor((rnd() - 0.3) * 30) * DAY),
      projectLead: `pl-${1 + (i % 4)}`, startedAt: iso(startedAt),
      ...(status !== 'running' ? { completedAt: iso(Math.min(now - DAY, target + Math.floor(rnd() * 40) * DAY)) } : {}),
      nextMilestones: running
        ? [{ stepId: 'golive', title: 'Go-live', date: date(target) }, { stepId: 'abnahme', title: 'Abnahme', date: date(target + 30 * DAY) }]
        : [],
    });
  }
  for (const root of roots) planned.push({ snapshot: root });
  for (let i = onboardings; i < opts.runs; i++) {
    const root = roots[i % roots.length];
    const process: ProcessId = rnd() < 0.65 ? 'verfahren-migration' : 'arbeitsplatz-rollout';
    const startedAt = Date.parse(root.startedAt) + Math.floor(rnd() * 60 * DAY);
    const status: RunStatus = root.status === 'running' ? (rnd() < 0.6 ? 'running' : 'completed') : root.status;
    const id = `${process === 'verfahren-migration' ? 'migration' : 'rollout'}-${root.ags}-${i}`;
    planned.push({
      snapshot: {
        id, process, title: `${process} ${i}`, status, parentId: root.id, rootId: root.id, ags: root.ags,
        gemeindeName: root.gemeindeName, phase: 'durchfuehrung', phaseTitle: 'Durchführung',
        progress: status === 'running' ? Math.round(rnd() * 100) / 100 : 1, health: 'green', startedAt: iso(startedAt),
        ...(status !== 'running' ? { completedAt: iso(Math.min(now - DAY, startedAt + (20 + Math.floor(rnd() * 80)) * DAY)) } : {}),
      },
    });
  }

  const streams = new Map(planned.map((p) => [p.snapshot.id, new RunStream({ ...p.snapshot, status: 'running', completedAt: undefined })]));
  for (const s of streams.values()) s.emit('run.started', s.run.startedAt, { actor: s.run.projectLead ?? 'system', run: s.run });

  const running = planned.filter((p) => p.snapshot.status === 'running').map((p) => streams.get(p.snapshot.id)!);
  const all = [...streams.values()];
  const kinds: StepKind[] = ['manual', 'manual', 'manual', 'external', 'wait'];
  const addTask = (s: RunStream, n: number, open: boolean): void => {
    const roles = rnd() < 0.25 ? [pick(TEAMS), pick(TEAMS)].filter((r, j, xs) => xs.indexOf(r) === j) : [pick(TEAMS)];
    const opened = Math.max(Date.parse(s.run.startedAt), now - Math.floor(rnd() * 60 * DAY));
    const due = rnd() < 0.1 ? undefined : now + Math.floor((rnd() * 80 - 20) * DAY);
    const task = taskSnapshot(s.run, `step-${n}`, {
      title: `Aufgabe ${n}`, kind: pick(kinds), candidateRoles: roles, openedAt: iso(opened),
      ...(due !== undefined ? { dueAt: iso(due) } : {}),
      ...(rnd() < 0.2 ? { assignee: `${roles[0]}-${1 + Math.floor(rnd() * 3)}` } : {}),
    });
    s.emit('task.opened', task.openedAt, { actor: 'system', data: { stepId: task.stepId }, task });
    if (!open) {
      const done = { ...task, state: 'done' as const, completedAt: iso(opened + DAY), completedBy: `${roles[0]}-1` };
      s.emit('task.completed', done.completedAt, { actor: done.completedBy, data: { stepId: task.stepId }, task: done });
    }
  };
  const doneTasks = opts.doneTasks ?? opts.openTasks;
  for (let n = 0; n < opts.openTasks; n++) addTask(running[n % running.length], n, true);
  for (let n = 0; n < doneTasks; n++) addTask(all[n % all.length], opts.openTasks + n, false);

  for (const p of planned) {
    const s = streams.get(p.snapshot.id)!;
    if (p.snapshot.status !== 'running') {
      s.run = p.snapshot;
      s.emit(`run.${p.snapshot.status}` as DomainEvent['type'], p.snapshot.completedAt ?? iso(now), { actor: 'system', run: s.run });
    }
  }

  const perBatch = opts.runsPerBatch ?? 25;
  let events = 0;
  for (let i = 0; i < all.length; i += perBatch) {
    const batch = all.slice(i, i + perBatch).flatMap((s) => s.events);
    events += (await store.appendEvents(batch)).appended;
  }
  return {
    runs: planned.length,
    openTasks: opts.openTasks,
    doneTasks,
    events,
    runningOnboardings: roots.filter((r) => r.status === 'running').length,
  };
}
