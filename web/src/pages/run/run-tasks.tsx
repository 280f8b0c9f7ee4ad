// Open tasks of a run and of its child runs, so one page shows who is waiting on whom.
import { api } from '../../api/endpoints';
import { isGemeindeOnly } from '../../auth/session';
import { usePeople } from '../../api/people';
import { useRunNames } from '../../api/run-names';
import type { Run, RunSummary, User } from '../../api/types';
import { dueDay, formatDate } from '../../lib/format';
import { rolesLabel } from '../../lib/labels';
import { useResource } from '../../lib/use-resource';
import { Link, paths } from '../../router';

/** `childRuns`: the started child runs (useChildSummaries), whose titles name their tasks. */
export function RunTasks({ run, user, childRuns }: { run: Run; user: User; childRuns: RunSummary[] | undefined }) {
  const tasks = useResource(() => api.tasks(`state=open&root=${encodeURIComponent(run.id)}`), [run.id, run.progress, run.phase]);
  const people = usePeople();
  const items = tasks.data ?? [];
  // a task of a child run (a migration's acceptance …) names that run, as the Teilvorgänge list does
  const runName = useRunNames(childRuns);
  if (!tasks.data || run.status !== 'running') return null;
  const ownOnly = isGemeindeOnly(user);
  return (
    <section aria-labelledby="run-tasks-title" class="section">
      {/* a Gemeinde's staff see their own tasks only (the API's rule): the heading and the empty text say so */}
      <h2 id="run-tasks-title">{ownOnly ? 'Ihre offenen Aufgaben' : 'Offene Aufgaben'} ({items.length})</h2>
      {items.length === 0 ? (
        <p class="muted">{ownOnly ? 'Zurzeit ist nichts für Sie zu tun; das KU arbeitet an den nächsten Schritten.' : 'Zurzeit wartet keine Aufgabe auf eine Person.'}</p>
      ) : (
        <ul class="task-cards">
          {items.map((t) => (
            <li key={t.id} class={`task-card${t.overdue ? ' is-overdue' : ''}`}>
              <Link href={paths.task(t.id)} class="task-link">
                {t.title}
              </Link>
              <span class="muted small">
                {t.runId !== run.id && <>{runName(t.runId)} · </>}
                {rolesLabel(t.candidateRoles)}
                {t.assignee && <> · {people.name(t.assignee)}</>}
                {t.dueAt && <> · fällig {formatDate(dueDay(t.dueAt))}</>}
                {t.assignee === user.id && <> · Ihnen zugewiesen</>}
              </span>
              {t.overdue && <span class="badge badge--danger">überfällig</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
