// Update handlers for incidents and the run as a whole: retry or skip a failed step, cancel, external events.
import { type Actor, receiveEvent, requestCancel, retryStep, skipStep, taskIdOf } from '../messages';
import type { Engine } from './engine';
import type { CancelRunArgs, InboundEventArgs, StepRepairArgs } from '../messages';
import type { StepRuntime } from './runtime';
import { closeRepairTask, finishStep, runActivity } from './lifecycle';
import { describeStep } from '../../domain/run-view';
import { fail } from './tasks';
import { mayRepair } from '../../domain/policy';
import { setHandler } from '@temporalio/workflow';
import { startChildren } from './children';

export function registerRepairHandlers(e: Engine): void {
  setHandler(
    retryStep,
    ({ stepId, actor, input }) => {
      const rt = e.steps.get(stepId)!;
      if (input) rt.override = { ...rt.override, ...input };
      e.emit('step.retried', actor.id, { stepId, error: rt.error ?? null, correctedFields: Object.keys(input ?? {}) });
      closeRepairTask(e, rt, actor, { retried: true, correctedFields: Object.keys(input ?? {}) });
      rt.error = undefined;
      rt.state = 'active';
      if (rt.step.kind === 'child') startChildren(e, rt);
      else runActivity(e, rt);
      e.dirty = true;
      return describeStep(rt.step, rt, e.schedule?.steps[rt.step.id]);
    },
    { validator: ({ stepId, actor }: StepRepairArgs) => requireIncident(e, stepId, actor) },
  );

  setHandler(
    skipStep,
    ({ stepId, actor, reason }) => {
      const rt = e.steps.get(stepId)!;
      rt.summary = `Übersprungen: ${reason}`;
      finishStep(e, rt, 'skipped', actor.id, { reason, error: rt.error ?? null });
      return describeStep(rt.step, rt, e.schedule?.steps[rt.step.id]);
    },
    {
      validator: ({ stepId, actor, reason }: StepRepairArgs) => {
        requireIncident(e, stepId, actor);
        if (!reason?.trim()) fail('invalid', 'Bitte einen Grund angeben.');
      },
    },
  );

  setHandler(
    requestCancel,
    ({ actor, reason }) => {
      e.cancelReason = reason;
      e.cancelledBy = actor.id;
      return e.state();
    },
    {
      validator: ({ actor, reason }: CancelRunArgs) => {
        if (!actor.roles.some((r: string) => r === 'projektleitung' || r === 'admin')) fail('forbidden', 'Nur die Projektleitung darf Vorgänge abbrechen.');
        if (e.status !== 'running') fail('conflict', 'Der Vorgang läuft nicht mehr.');
        if (!reason.trim()) fail('invalid', 'Bitte einen Grund angeben.');
      },
    },
  );

  setHandler(
    receiveEvent,
    (event) => {
      const known = e.seenEvents.get(event.eventId);
      if (known) return { eventId: event.eventId, runId: e.runId, stepId: known };
      const rt = matchExternal(e, event.type, event.stepId)!;
      const task = e.tasks.get(taskIdOf(e.runId, rt.step.id));
      if (task && event.data) task.data = { ...event.data };
      e.seenEvents.set(event.eventId, rt.step.id);
      finishStep(e, rt, 'done', `extern:${event.sender}`, { eventId: event.eventId, eventType: event.type });
      return { eventId: event.eventId, runId: e.runId, stepId: rt.step.id };
    },
    {
      validator: (event: InboundEventArgs) => {
        if (e.seenEvents.has(event.eventId)) return;
        if (!matchExternal(e, event.type, event.stepId)) {
          fail('conflict', `Kein wartender Schritt für Ereignis „${event.type}“ in ${e.runId}.`);
        }
      },
    },
  );
}

export function matchExternal(e: Engine, type: string, stepId?: string): StepRuntime | undefined {
  return [...e.steps.values()].find(
    (rt) => rt.state === 'active' && rt.step.externalEvent === type && (!stepId || rt.step.id === stepId),
  );
}

export function requireIncident(e: Engine, stepId: string, actor: Actor): void {
  if (!mayRepair(actor)) fail('forbidden', 'Nur Administration und Projektleitung dürfen Schritte reparieren.');
  const rt = e.steps.get(stepId);
  if (!rt) fail('notFound', `Schritt ${stepId} gibt es nicht.`);
  if (rt.state !== 'failed') fail('conflict', 'Nur fehlgeschlagene Schritte können wiederholt oder übersprungen werden.');
}

