// The Gemeinde portal: a Gemeinde's own onboarding at a glance — where it stands, who their contact person is,
// what they have to do next. The API returns only their Gemeinde's runs and tasks; nothing else is asked for.
import { api } from '../api/endpoints';
import type { Run, User } from '../api/types';
import { HealthBadge } from '../components/health';
import { PageTitle } from '../components/layout';
import { LoadError, Loading } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import { dueDay, formatDate, todayIso } from '../lib/format';
import { runStatusLabel } from '../lib/labels';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { ContactCard } from './run/contact-card';
import { DueDate } from './inbox-page';

async function loadPortal() {
  const [runs, tasks] = await Promise.all([api.runs('process=gemeinde-onboarding'), api.tasks('state=open')]);
  const details = await Promise.all(runs.map((r) => api.run(r.id)));
  // running first, then the most recent
  details.sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return { runs: details, tasks };
}

export function PortalPage({ user }: { user: User }) {
  useTitle('Unser Onboarding');
  const data = useResource(loadPortal, [], { refreshMs: 30_000 });
  const gemeinde = data.data?.runs[0]?.gemeinde.name;
  return (
    <div class="page page--portal">
      <PageTitle sub={`Willkommen, ${user.name}`}>{gemeinde ? `Onboarding ${gemeinde}` : 'Unser Onboarding'}</PageTitle>
      {data.error !== undefined && !data.data && <LoadError error={data.error} what="Onboarding" />}
      {!data.data && data.error === undefined && <Loading />}
      {data.data && data.data.runs.length === 0 && (
        <div class="empty">
          <p>Für Ihre Gemeinde läuft derzeit kein Onboarding. Sobald das KU es startet, sehen Sie hier den Stand.</p>
        </div>
      )}
      {data.data?.runs.map((run) => <PortalRun key={run.id} run={run} />)}
      {data.data && (
        <section aria-labelledby="portal-tasks" class="section">
          <h2 id="portal-tasks">Ihre Aufgaben</h2>
          {data.data.tasks.length === 0 ? (
            <p class="muted">Zurzeit ist nichts für Sie zu tun.</p>
          ) : (
            <ul class="task-cards">
              {data.data.tasks.map((t) => (
                <li key={t.id} class={`task-card${t.overdue ? ' is-overdue' : ''}`}>
                  <Link href={paths.task(t.id)} class="task-link">
                    {t.title}
                  </Link>
                  <span class="muted small">{t.description}</span>
                  <span class="small">
                    Fällig: <DueDate task={t} today={todayIso()} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function PortalRun({ run }: { run: Run }) {
  const next = run.steps
    .filter((s) => s.milestone && s.state !== 'done' && s.state !== 'skipped')
    .map((s) => ({ title: s.title, date: s.projectedEnd ?? s.plannedEnd }))
    .filter((m) => m.date)
    .sort((a, b) => a.date!.localeCompare(b.date!))
    .slice(0, 3);
  const current = run.steps.filter((s) => s.state === 'active' || s.state === 'ready');
  return (
    <section class="section" aria-labelledby={`portal-${run.id}`}>
      <h2 id={`portal-${run.id}`} class="sr-only">
        Stand des Onboardings
      </h2>
      <div class="summary-grid">
        <section class="card stat">
          <h3 class="stat__label">Aktuelle Phase</h3>
          <p class="stat__value">{run.phaseTitle ?? run.phase}</p>
          <p class="muted">Status: {runStatusLabel(run.status)}</p>
        </section>
        <section class="card stat">
          <h3 class="stat__label">Fortschritt</h3>
          <ProgressBar value={run.progress} label={`Fortschritt ${run.gemeinde.name}`} />
          <p class="muted">
            {run.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length} von {run.steps.length} Schritten erledigt
          </p>
        </section>
        <section class="card stat">
          <h3 class="stat__label">Go-live</h3>
          <dl class="golive">
            <dt>Ziel</dt>
            <dd>{formatDate(run.targetGoLive)}</dd>
            <dt>Prognose</dt>
            <dd>{formatDate(run.projectedGoLive)}</dd>
          </dl>
          <p class="golive__health">
            <HealthBadge health={run.health} />
          </p>
        </section>
        <ContactCard run={run} forGemeinde />
      </div>
      <div class="two-col">
        <section class="card">
          <h3>Woran gerade gearbeitet wird</h3>
          {current.length === 0 ? (
            <p class="muted">–</p>
          ) : (
            <ul class="plain">
              {current.map((s) => (
                <li key={s.id}>{s.title}</li>
              ))}
            </ul>
          )}
        </section>
        <section class="card">
          <h3>Nächste Meilensteine</h3>
          {next.length === 0 ? (
            <p class="muted">–</p>
          ) : (
            <ul class="plain">
              {next.map((m) => (
                <li key={m.title}>
                  {m.title} <span class="muted">· {formatDate(dueDay(m.date))}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <p>
        <Link href={paths.run(run.id)}>Zeitplan und Details ansehen</Link>
      </p>
    </section>
  );
}
