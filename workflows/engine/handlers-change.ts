// Update handlers that change a running run by its project lead: target date, lead, the Verfahren of an onboarding.
import { type Actor, addVerfahren, changeProjectLead, moveTargetGoLive, removeVerfahren } from '../messages';
import type { Engine } from './engine';
import type { ChangeLeadArgs, MoveTargetArgs, VerfahrenChangeArgs } from '../messages';
import { FINISHED, type StepRuntime } from './runtime';
import { SA } from '../search-attributes';
import { fail } from './tasks';
import { GO_LIVE_HORIZON_YEARS, goLiveHorizon, isCalendarDate, migrationChild } from '../../domain/plan';
import { launchChildren } from './children';
import { mayRepair } from '../../domain/policy';
import { refresh } from './projection';
import { setHandler, upsertSearchAttributes } from '@temporalio/workflow';

/** Changes to a running run by its project lead: target date, lead, the Verfahren of an onboarding. */
export function registerChangeHandlers(e: Engine): void {
  const steer = (actor: Actor): void => {
    if (!mayRepair(actor)) fail('forbidden', 'Nur die Projektleitung darf den Vorgang ändern.');
    if (e.status !== 'running') fail('conflict', 'Der Vorgang läuft nicht mehr.');
  };

  setHandler(
    moveTargetGoLive,
    ({ actor, targetGoLive, reason }) => {
      const before = e.plan.targetGoLive ?? null;
      e.plan.targetGoLive = targetGoLive;
      refresh(e);
      if (e.input.searchAttributes !== false) upsertSearchAttributes([{ key: SA.targetGoLive, value: new Date(`${targetGoLive}T00:00:00Z`) }]);
      e.emit('run.targetMoved', actor.id, { before, after: targetGoLive, reason }, { run: true });
      return e.state();
    },
    {
      validator: ({ actor, targetGoLive, reason }: MoveTargetArgs) => {
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
      const before = e.plan.projectLead ?? null;
      e.plan.projectLead = projectLead;
      // without `deputyLead` the Stellvertretung stays; an empty one ends it
      const deputy = deputyLead === undefined ? {} : { deputy: { before: e.plan.deputyLead ?? null, after: deputyLead || null } };
      if (deputyLead !== undefined) e.plan.deputyLead = deputyLead || undefined;
      e.emit('run.leadChanged', actor.id, { before, after: projectLead, ...deputy, ...(reason ? { reason } : {}) }, { run: true });
      return e.state();
    },
    {
      validator: ({ actor, projectLead, deputyLead }: ChangeLeadArgs) => {
        steer(actor);
        const deputyUnchanged = deputyLead === undefined || (deputyLead || undefined) === e.plan.deputyLead;
        if (projectLead === e.plan.projectLead && deputyUnchanged) fail('conflict', 'Diese Person leitet den Vorgang bereits.');
        if (deputyLead && deputyLead === projectLead) fail('invalid', 'Die Stellvertretung muss eine andere Person sein als die Projektleitung.');
      },
    },
  );

  const migrations = (): StepRuntime | undefined => [...e.steps.values()].find((rt) => rt.step.child?.fanOut === 'verfahren');

  setHandler(
    addVerfahren,
    ({ actor, verfahrenId }) => {
      const rt = migrations()!;
      const children = (rt.step.children ??= []);
      const last = children.at(-1)?.input as { verfahrenId?: string } | undefined;
      children.push(migrationChild(e.plan.subject.ags, verfahrenId, e.plan.projectLead, e.plan.targetGoLive, last?.verfahrenId, e.plan.deputyLead));
      if (rt.state === 'active') launchChildren(e, rt);
      e.emit('run.verfahrenAdded', actor.id, { verfahrenId }, { run: true });
      return e.state();
    },
    {
      validator: ({ actor, verfahrenId }: VerfahrenChangeArgs) => {
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
        e.childScopes.get(child.runId)?.cancel();
      }
      e.emit('run.verfahrenRemoved', actor.id, { verfahrenId, childRunId: child.runId, ...(reason ? { reason } : {}) }, { run: true });
      if (rt.state === 'active') launchChildren(e, rt);
      return e.state();
    },
    {
      validator: ({ actor, verfahrenId }: VerfahrenChangeArgs) => {
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
