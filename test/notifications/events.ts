// Domain events as the engine emits them (same types, data and snapshots), for the activity and text tests.
import type { DomainEvent, RunSnapshot, TaskSnapshot } from '../../domain/events';
import { RunStream, runSnapshot, taskSnapshot } from '../store/fixtures';

export function rolloutRun(id: string, fields: Partial<RunSnapshot> = {}): RunSnapshot {
  return runSnapshot(id, {
    process: 'arbeitsplatz-rollout', title: 'Arbeitsplatz-Rollout: Charge 1 (25 Geräte)', ags: '09181128', gemeindeName: 'Kaufering',
    projectLead: 'a.gruber', ...fields,
  });
}

export function imagingTask(run: RunSnapshot, fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return taskSnapshot(run, 'imaging', {
    id: `${run.id}:imaging`, title: 'Betankung (Windows 11, BitLocker, Treiber)', kind: 'external',
    description: 'Die Softwareverteilung meldet die betankten Geräte; alternativ bestätigt das Team.',
    candidateRoles: ['arbeitsplatz'], dueAt: '2026-03-06T23:00:00.000Z', ...fields,
  });
}

/** One of each event type that sends mail, plus some that do not. */
export function lifecycle(runId: string): { stream: RunStream; events: DomainEvent[] } {
  const run = rolloutRun(runId);
  const s = new RunStream(run);
  const task = imagingTask(run);
  const at = (m: number) => new Date(Date.parse('2026-03-02T08:00:00.000Z') + m * 60_000).toISOString();
  s.emit('run.started', at(0), { actor: 'a.gruber', data: {}, run });
  s.emit('task.opened', at(1), { actor: 'system', data: { stepId: 'imaging', candidateRoles: ['arbeitsplatz'] }, task });
  s.emit('task.claimed', at(2), { actor: 'm.koch', data: { assignee: { before: null, after: 'm.koch' } }, task: { ...task, assignee: 'm.koch' } });
  s.emit('task.assigned', at(3), { actor: 'a.gruber', data: { assignee: { before: 'm.koch', after: 'j.richter' } }, task: { ...task, assignee: 'j.richter' } });
  s.emit('task.reminded', at(4), { actor: 'system', data: { stepId: 'imaging', assignee: 'j.richter' }, task: { ...task, assignee: 'j.richter' } });
  s.emit('task.escalated', at(5), { actor: 'system', data: { stepId: 'imaging', level: 'projektleitung', projectLead: 'a.gruber' }, task });
  s.emit('task.escalated', at(6), { actor: 'system', data: { stepId: 'imaging', level: 'vorstand', projectLead: 'a.gruber' }, task });
  s.emit('step.done', at(7), { actor: 'extern:softwareverteilung', data: { stepId: 'imaging' } });
  s.emit('step.done', at(8), { actor: 'system', data: { stepId: 'uebergabe', milestone: true, title: 'Übergabe mit Übergabeprotokoll' }, run: { ...run, progress: 0.8 } });
  s.emit('run.completed', at(9), { actor: 'system', data: {}, run: { ...run, status: 'completed', progress: 1 } });
  return { stream: s, events: s.events };
}

/** An onboarding as the engine names it, led by `projectLead`, with a task for `roles`. */
export function onboardingRun(id: string, fields: Partial<RunSnapshot> = {}): RunSnapshot {
  return runSnapshot(id, { process: 'gemeinde-onboarding', title: 'Gemeinde-Onboarding', ags: '09181128', gemeindeName: 'Kaufering', projectLead: 'a.gruber', ...fields });
}

export function onboardingTask(run: RunSnapshot, stepId: string, fields: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return taskSnapshot(run, stepId, { id: `${run.id}:${stepId}`, kind: 'manual', dueAt: '2026-03-06T22:59:59.000Z', ...fields });
}
