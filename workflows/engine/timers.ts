// Due timers: waits that end, held cutovers that may start, reminders and escalations of open tasks.
import type { Engine } from './engine';
import { finishStep } from './lifecycle';

export function fireTimers(e: Engine): void {
  const now = new Date().getTime();
  for (const rt of e.steps.values()) {
    if (rt.state === 'active' && rt.waitUntil && Date.parse(rt.waitUntil) <= now) finishStep(e, rt, 'done');
    if (rt.state === 'pending' && rt.heldUntil && Date.parse(rt.heldUntil) <= now) e.dirty = true;
  }
  for (const task of e.tasks.values()) {
    if (task.state !== 'open') continue;
    const at = new Date().toISOString();
    if (task.remindAt && !task.remindedAt && Date.parse(task.remindAt) <= now) {
      task.remindedAt = at;
      // a reminder after the due date would only repeat the escalation
      if (Date.parse(task.dueAt!) > now) {
        e.emit('task.reminded', 'system', { stepId: task.stepId, dueAt: task.dueAt, assignee: task.assignee ?? null }, { task });
      }
    }
    if (!task.escalation && task.dueAt && Date.parse(task.dueAt) <= now) {
      task.escalation = { level: 'projektleitung', at };
      e.emit('task.escalated', 'system', { stepId: task.stepId, level: 'projektleitung', dueAt: task.dueAt, projectLead: e.plan.projectLead ?? null }, { task });
    }
    if (task.escalation?.level === 'projektleitung' && task.boardEscalationAt && Date.parse(task.boardEscalationAt) <= now) {
      task.escalation = { level: 'vorstand', at };
      e.emit('task.escalated', 'system', { stepId: task.stepId, level: 'vorstand', dueAt: task.dueAt, projectLead: e.plan.projectLead ?? null }, { task });
    }
  }
}
