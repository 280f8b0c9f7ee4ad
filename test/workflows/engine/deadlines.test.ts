// The engine's timer arithmetic without a Temporal server: when the run wakes next, and the due dates of runs
// recorded before Bavarian time.
import { BusinessCalendar } from '../../../domain/calendar';
import type { PlanStep } from '../../../domain/types';
import type { Task } from '../../../workflows/messages';
import { addDay, nextDeadline, nextTimer, utcTaskDeadlines } from '../../../workflows/engine/deadlines';
import type { StepRuntime } from '../../../workflows/engine/runtime';

const task = (over: Partial<Task>): Task => ({ state: 'open', ...over }) as Task;
const step = (over: Partial<StepRuntime>): StepRuntime => ({ step: { id: 's' } as PlanStep, state: 'pending', attempts: 0, ...over });

describe('deadlines', () => {
  test('addDay crosses month and year ends', () => {
    expect(addDay('2026-01-31')).toBe('2026-02-01');
    expect(addDay('2026-12-31')).toBe('2027-01-01');
    expect(addDay('2026-03-28')).toBe('2026-03-29');
  });

  test('nextDeadline: reminder first, then due date, then the board, nothing after', () => {
    const dueAt = '2026-05-10T21:59:59.000Z';
    const remindAt = '2026-05-08T05:00:00.000Z';
    const boardEscalationAt = '2026-05-15T21:59:59.000Z';
    expect(nextDeadline(task({ dueAt, remindAt, boardEscalationAt }))).toBe(remindAt);
    expect(nextDeadline(task({ dueAt, remindAt, remindedAt: remindAt, boardEscalationAt }))).toBe(dueAt);
    expect(nextDeadline(task({ dueAt, boardEscalationAt, escalation: { level: 'projektleitung', at: dueAt } }))).toBe(boardEscalationAt);
    expect(nextDeadline(task({ dueAt, escalation: { level: 'vorstand', at: dueAt } }))).toBeUndefined();
    expect(nextDeadline(task({ dueAt, state: 'done' }))).toBeUndefined();
  });

  test('a reminder not before the due date is skipped', () => {
    const dueAt = '2026-05-10T21:59:59.000Z';
    expect(nextDeadline(task({ dueAt, remindAt: dueAt }))).toBe(dueAt);
  });

  test('nextTimer takes the earliest wait, hold or task deadline', () => {
    const steps = [
      step({ state: 'active', waitUntil: '2026-06-01T22:00:00.000Z' }),
      step({ state: 'pending', heldUntil: '2026-05-20T22:00:00.000Z' }),
      step({ state: 'done', waitUntil: '2026-01-01T00:00:00.000Z' }),
    ];
    const tasks = [task({ dueAt: '2026-05-25T21:59:59.000Z' })];
    expect(nextTimer(steps, tasks)).toBe(Date.parse('2026-05-20T22:00:00.000Z'));
    expect(nextTimer(steps.slice(0, 1), tasks)).toBe(Date.parse('2026-05-25T21:59:59.000Z'));
    expect(nextTimer([], [])).toBeUndefined();
  });

  test('utcTaskDeadlines keeps the UTC due dates of runs recorded before Bavarian time', () => {
    const calendar = new BusinessCalendar([]);
    // Friday 2026-05-08, 3 business days: due Wednesday, reminder Tuesday, board 2 business days later (Friday)
    expect(utcTaskDeadlines(calendar, '2026-05-08', 3, 2)).toEqual({
      dueAt: '2026-05-13T23:59:59.000Z',
      remindAt: '2026-05-12T07:00:00.000Z',
      boardEscalationAt: '2026-05-15T23:59:59.000Z',
    });
    // a one-day SLA reminded on the opening day itself (the old rule)
    expect(utcTaskDeadlines(calendar, '2026-05-08', 1, 2).remindAt).toBe('2026-05-08T07:00:00.000Z');
  });
});
