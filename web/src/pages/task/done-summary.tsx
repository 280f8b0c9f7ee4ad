// A task that is no longer open: who completed it when, and what was entered.
import type { People } from '../../api/people';
import type { Task } from '../../api/types';
import type { FieldSpec } from '../../forms/json-schema';
import { FieldFacts } from './field-facts';
import { formatDateTime } from '../../lib/format';
import { Link, paths } from '../../router';

export function DoneSummary({ task, fields, people }: { task: Task; fields: FieldSpec[]; people: People }) {
  return (
    <section class="card" aria-labelledby="done-title">
      <h2 id="done-title">{task.state === 'done' ? 'Erledigt' : 'Entfallen'}</h2>
      {task.state === 'done' && <p>{doneBy(task, people)}</p>}
      {task.data && fields.length > 0 && <FieldFacts fields={fields} data={task.data} />}
      <p>
        <Link href={paths.inbox}>Zurück zu den Aufgaben</Link>
      </p>
    </section>
  );
}

/**
 * Who finished the task. Under four eyes the last approver completes it, but the data are the submitter's: both are
 * named, each with the time (entering counts as the first approval, so it is not listed twice).
 */
function doneBy(task: Task, people: People): string {
  const submitted = task.submission;
  const approvers = submitted ? task.approvals.given.filter((a) => a.user !== submitted.by) : [];
  if (!submitted || approvers.length === 0) {
    return `Erledigt ${task.completedAt ? `am ${formatDateTime(task.completedAt)}` : ''} ${task.completedBy ? `von ${people.name(task.completedBy)}` : ''}.`;
  }
  const approved = approvers.map((a) => `am ${formatDateTime(a.at)} von ${people.name(a.user)}`).join(' und ');
  return `Eingegeben am ${formatDateTime(submitted.at)} von ${people.name(submitted.by)}, freigegeben ${approved}.`;
}
