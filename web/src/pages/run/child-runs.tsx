// Teilvorgänge: the child runs of a run's child steps. A planned child has no run yet, so it is listed without a
// link (its page would read "nicht gefunden"); a started one links to its page and shows progress and health from
// the run list (GET /runs?parent=…), which knows every child that has started.
import { api } from '../../api/endpoints';
import { useRunNames } from '../../api/run-names';
import type { Run, RunSummary } from '../../api/types';
import { HealthBadge } from '../../components/health';
import { ProgressBar } from '../../components/progress-bar';
import { runStatusLabel } from '../../lib/labels';
import { useResource } from '../../lib/use-resource';
import { Link, paths } from '../../router';

const childrenOf = (run: Run) => run.steps.flatMap((s) => (s.children ?? []).map((id) => ({ id, status: s.childStatus?.[id] })));

/**
 * The run's started children from the run list, loaded once for the page: the Teilvorgänge show their figures, and
 * both they and the open tasks name a child by its title. Reloads with the parent (every 15 s) once any child has
 * started; none started: nothing to ask for.
 */
export function useChildSummaries(run: Run): RunSummary[] | undefined {
  const started = childrenOf(run).filter((c) => c.status).map((c) => `${c.id}=${c.status}`).join(',');
  return useResource(
    () => (started ? api.runs(`parent=${encodeURIComponent(run.id)}`) : Promise.resolve([] as RunSummary[])),
    [run.id, run.progress, started],
  ).data;
}

export function ChildRuns({ run, summaries }: { run: Run; summaries: RunSummary[] | undefined }) {
  const children = childrenOf(run);
  const runName = useRunNames(summaries);
  if (children.length === 0) return null;
  const byId = new Map((summaries ?? []).map((r) => [r.id, r]));

  return (
    <section aria-labelledby="children-title" class="section">
      <h2 id="children-title">Teilvorgänge</h2>
      <ul class="child-list">
        {children.map((c) => {
          const child = byId.get(c.id);
          const name = runName(c.id);
          if (!c.status || !child) {
            return (
              <li key={c.id}>
                <span>{name}</span>{' '}
                <span class="state state--pending">{c.status ? 'wird gestartet' : 'geplant'}</span>
              </li>
            );
          }
          return (
            <li key={c.id}>
              <Link href={paths.run(c.id)}>{name}</Link>{' '}
              <span class={`state state--${child.status}`}>{runStatusLabel(child.status)}</span>
              {child.status === 'running' && (
                <div class="child-list__figures">
                  <ProgressBar value={child.progress} compact label={`Fortschritt ${name}`} />
                  <HealthBadge health={child.health} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
