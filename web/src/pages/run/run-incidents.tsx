// The run page's incidents: each failed step with its error and, for the project lead and administration, the same
// repair as on its repair task (retry with corrected input, skip with a reason) and a link to that task.
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { Run, Task, User } from '../../api/types';
import { hasRole } from '../../auth/session';
import { IncidentRepair } from '../../components/incident-repair';
import { Notice } from '../../components/notice';
import { useResource } from '../../lib/use-resource';
import { Link, paths } from '../../router';

export function RunIncidents({ run, user, onRepaired }: { run: Run; user: User; onRepaired: () => void }) {
  const [done, setDone] = useState<string>();
  const incidents = run.incidents ?? [];
  const mayRepair = hasRole(user, 'projektleitung') || hasRole(user, 'admin');
  if (incidents.length === 0 && !done) return null;
  const stepTitle = (stepId: string) => run.steps.find((s) => s.id === stepId)?.title ?? stepId;
  return (
    <section class="card incidents" aria-labelledby="incidents-title">
      <h2 id="incidents-title">Störungen</h2>
      {done && <Notice tone="success">{done}</Notice>}
      {incidents.map((i) => (
        <article key={i.stepId} class="incident" aria-label={`Störung: ${stepTitle(i.stepId)}`}>
          <h3>{stepTitle(i.stepId)}</h3>
          {mayRepair && run.status === 'running' ? (
            <Repair run={run} stepId={i.stepId} error={i.error} onDone={(text) => {
              setDone(`${stepTitle(i.stepId)}: ${text}`);
              onRepaired();
            }} />
          ) : (
            <p>{i.error}</p>
          )}
        </article>
      ))}
    </section>
  );
}

/** The repair task (runs since repair tasks exist) carries the input the step failed on. */
function Repair({ run, stepId, error, onDone }: { run: Run; stepId: string; error: string; onDone: (text: string) => void }) {
  const taskId = `${run.id}:${stepId}`;
  const task = useResource<Task | undefined>(() => api.task(taskId).catch(() => undefined), [taskId]);
  if (task.loading && !task.data) return <p>{error}</p>;
  const repairTask = task.data?.incident && task.data.state === 'open' ? task.data : undefined;
  return (
    <>
      {repairTask && (
        <p>
          <Link href={paths.task(repairTask.id)}>Zur Aufgabe „{repairTask.title}“</Link>
        </p>
      )}
      <IncidentRepair key={taskId} runId={run.id} stepId={stepId} error={error} input={repairTask?.incident?.input} onDone={(_step, text) => onDone(text)} />
    </>
  );
}
