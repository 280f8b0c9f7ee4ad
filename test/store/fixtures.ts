// Small hand-made runs and tasks for the store tests; each test picks its own ids so tests can share a database.
import type { RunSnapshot, TaskSnapshot } from '../../domain/events';
import { RunStream, taskSnapshot } from '../../scripts/bench/bench-data';

export { RunStream, taskSnapshot };

export const T0 = Date.parse('2026-03-02T08:00:00.000Z');
export const DAY = 86_400_000;
export const at = (days: number): string => new Date(T0 + days * DAY).toISOString();

export function runSnapshot(id: string, fields: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    id,
    process: 'gemeinde-onboarding',
    title: `Onboarding ${id}`,
    status: 'running',
    rootId: fields.parentId ? fields.rootId ?? fields.parentId : id,
    ags: '09181128',
    gemeindeName: 'Kaufering',
    phase: 'anbahnung',
    phaseTitle: 'Anbahnung',
    progress: 0,
    health: 'green',
    targetGoLive: '2026-10-01',
    projectLead: 'pl-1',
    startedAt: at(0),
    ...fields,
  };
}

/** A run stream whose first event is run.started. */
export function startRun(id: string, fields: Partial<RunSnapshot> = {}): RunStream {
  const stream = new RunStream(runSnapshot(id, fields));
  stream.emit('run.started', stream.run.startedAt, { actor: 'pl-1', run: stream.run });
  return stream;
}

/** Opens a task on the stream's run and returns its snapshot. */
export function openTask(stream: RunStream, stepId: string, fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  const task = taskSnapshot(stream.run, stepId, fields);
  stream.emit('task.opened', task.openedAt, { actor: 'system', data: { stepId }, task });
  return task;
}
