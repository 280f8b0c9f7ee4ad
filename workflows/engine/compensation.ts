// Cancelling a run: open tasks are cancelled and what automated steps reserved is undone, newest first.
import type { Engine } from './engine';
import { compensationOf } from '../../domain/compensation';
import { refresh } from './projection';
import { stepData } from './lifecycle';
import { failureMessage } from './runtime';

export async function compensate(e: Engine): Promise<void> {
  e.status = 'cancelled';
  e.completedAt = new Date().toISOString();
  for (const task of e.tasks.values()) {
    if (task.state !== 'open' && task.state !== 'review') continue;
    task.state = 'cancelled';
    e.emit('task.cancelled', 'system', { stepId: task.stepId }, { task });
  }
  // Undo what automated steps reserved, newest first, so nothing stays allocated for a Gemeinde that left.
  const done = [...e.steps.values()].filter((s) => s.state === 'done' && s.step.kind === 'automated').reverse();
  for (const rt of done) {
    const compensation = compensationOf(rt.step);
    if (!compensation) continue;
    try {
      await e.activities[compensation]({
        runId: e.runId,
        stepId: rt.step.id,
        ags: e.plan.subject.ags,
        gemeindeName: e.plan.subject.name,
        data: stepData(e, rt),
      });
      rt.summary = `${rt.summary ?? ''} (rückgängig gemacht)`.trim();
      e.emit('step.compensated', 'system', { stepId: rt.step.id, activity: compensation });
    } catch (err) {
      rt.error = `Kompensation fehlgeschlagen: ${failureMessage(err)}`;
      e.emit('step.failed', 'system', { stepId: rt.step.id, error: rt.error });
    }
  }
  refresh(e);
  e.emit('run.cancelled', e.cancelledBy ?? 'system', { reason: e.cancelReason ?? null }, { run: true });
}

