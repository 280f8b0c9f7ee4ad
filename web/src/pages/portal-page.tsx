// The Gemeinde portal: a Gemeinde's own onboarding in plain words — where it stands, why a date moved, what is
// needed from the town hall next and by when, the papers to download and to send back signed, and a conversation
// with the project lead. The API returns only their Gemeinde's runs and tasks; the page shows what they can act on.
// Terms that remain are explained where they appear and in a short glossary (lib/glossary.ts).
import { api } from '../api/endpoints';
import type { Run, Task, User } from '../api/types';
import { Glossary, WithTerms } from '../components/glossary';
import { HealthBadge } from '../components/health';
import { PageTitle } from '../components/layout';
import { LoadError, Loading } from '../components/notice';
import { ProgressBar } from '../components/progress-bar';
import { dueDay, formatDate, todayIso } from '../lib/format';
import { termsIn } from '../lib/glossary';
import { plainReasons, plainStatus } from '../lib/plain-health';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { ContactCard } from './run/contact-card';
import { DueDate } from './inbox-page';
import { Conversation } from './portal/conversation';
import { Papers } from './portal/papers';

async function loadPortal() {
  const [runs, tasks] = await Promise.all([api.runs('process=gemeinde-onboarding'), api.tasks('state=open')]);
  const details = await Promise.all(runs.map((r) => api.run(r.id)));
  // running first, then the most recent
  details.sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  return { runs: details, tasks };
}

/** The next milestones of a run: title and date, soonest first. */
function nextMilestones(run: Run) {
  return run.steps
    .filter((s) => s.milestone && s.state !== 'done' && s.state !== 'skipped')
    .map((s) => ({ title: s.title, date: s.projectedEnd ?? s.plannedEnd }))
    .filter((m) => m.date)
    .sort((a, b) => a.date!.localeCompare(b.date!))
    .slice(0, 3);
}

export function PortalPage({ user }: { user: User }) {
  useTitle('Unser Onboarding');
  const data = useResource(loadPortal, [], { refreshMs: 30_000 });
  const gemeinde = data.data?.runs[0]?.gemeinde.name;
  // every text of the page that may hold a glossary term
  const texts = data.data ? [
    ...data.data.runs.flatMap((r) => [r.phaseTitle ?? r.phase, ...nextMilestones(r).map((m) => m.title), ...plainReasons(r)]),
    ...data.data.tasks.flatMap((t) => [t.title, t.description ?? '']),
  ] : [];
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
      {data.data && <YourTasks tasks={data.data.tasks} />}
      {data.data?.runs.map((run) => <PortalRun key={run.id} run={run} />)}
      <Glossary entries={termsIn(texts)} />
    </div>
  );
}

function YourTasks({ tasks }: { tasks: Task[] }) {
  return (
    <section aria-labelledby="portal-tasks" class="section">
      <h2 id="portal-tasks">Was wir von Ihnen brauchen</h2>
      {tasks.length === 0 ? (
        <p class="muted">Zurzeit ist nichts für Sie zu tun. Wir melden uns per E-Mail, sobald wir etwas von Ihnen brauchen.</p>
      ) : (
        <ul class="task-cards">
          {tasks.map((t) => (
            <li key={t.id} class={`task-card${t.overdue ? ' is-overdue' : ''}`}>
              <Link href={paths.task(t.id)} class="task-link">
                <WithTerms text={t.title} />
              </Link>
              <span class="muted small"><WithTerms text={t.description ?? ''} /></span>
              <span class="small">
                Bitte bis: <DueDate task={t} today={todayIso()} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PortalRun({ run }: { run: Run }) {
  const next = nextMilestones(run);
  const reasons = plainReasons(run);
  return (
    <section class="section" aria-labelledby={`portal-${run.id}`}>
      <h2 id={`portal-${run.id}`}>Wo wir stehen</h2>
      <p class="lead">{plainStatus(run)}</p>
      {reasons.length > 0 && (
        <div class="card">
          <h3>Warum sich der Termin verschoben hat</h3>
          <ul class="plain reasons">
            {reasons.map((r) => <li key={r}><WithTerms text={r} /></li>)}
          </ul>
        </div>
      )}
      <div class="summary-grid">
        <section class="card stat">
          <h3 class="stat__label">Aktueller Abschnitt</h3>
          <p class="stat__value"><WithTerms text={run.phaseTitle ?? run.phase} /></p>
        </section>
        <section class="card stat">
          <h3 class="stat__label">Fortschritt</h3>
          <ProgressBar value={run.progress} label={`Fortschritt ${run.gemeinde.name}`} />
        </section>
        <section class="card stat">
          <h3 class="stat__label">Start im neuen Betrieb</h3>
          <dl class="golive">
            <dt>Ihr Wunschtermin</dt>
            <dd>{formatDate(run.targetGoLive)}</dd>
            <dt>Voraussichtlich</dt>
            <dd>{formatDate(run.projectedGoLive)}</dd>
          </dl>
          <p class="golive__health">
            <HealthBadge health={run.health} />
          </p>
        </section>
        <ContactCard run={run} forGemeinde />
      </div>
      <section class="card">
        <h3>Die nächsten Etappen</h3>
        {next.length === 0 ? (
          <p class="muted">–</p>
        ) : (
          <ul class="plain">
            {next.map((m) => (
              <li key={m.title}>
                <WithTerms text={m.title} /> <span class="muted">· {formatDate(dueDay(m.date))}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {run.status === 'running' && <Papers run={run} />}
      <Conversation runId={run.id} otherSide={run.contact?.name ? `${run.contact.name} (Projektleitung)` : 'Ihre Projektleitung'} />
    </section>
  );
}
