// The Gemeinde portal: a Gemeinde's own onboarding in plain words — where it stands, why a date moved, what is
// needed from the town hall next and by when, the papers to download and to send back signed, and a conversation
// with the project lead. The API returns only their Gemeinde's runs and tasks; the page shows what they can act on.
// Terms that remain are explained where they appear and in a short glossary (lib/glossary.ts).
import { api } from '../api/endpoints';
import { useRunNames } from '../api/run-names';
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
import { Conversation, projectLeadSide } from './portal/conversation';
import { Papers, wantedPapers, type RunDocuments } from './portal/papers';

async function loadPortal() {
  const [runs, tasks] = await Promise.all([api.runs('process=gemeinde-onboarding'), api.tasks('state=open')]);
  const details = await Promise.all(runs.map((r) => api.run(r.id)));
  // running first, then the most recent
  details.sort((a, b) => Number(b.status === 'running') - Number(a.status === 'running') || (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  // the papers decide what is asked of the Gemeinde too: loaded here, for the list on top and each run's Unterlagen
  const docs = await Promise.all(details.map((r): Promise<RunDocuments> => api.documents(r.id).then((items) => ({ items }), (error: unknown) => ({ error }))));
  return { runs: details.map((run, i) => ({ run, docs: docs[i] })), tasks };
}

/** A signed paper asked for, as the list of what is needed names it. */
interface PaperNeed {
  runId: string;
  label: string;
  due?: string;
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
  const gemeinde = data.data?.runs[0]?.run.gemeinde.name;
  const papers: PaperNeed[] = (data.data?.runs ?? []).flatMap(({ run, docs }) =>
    wantedPapers(run, docs).map((s) => ({ runId: run.id, label: s.requiresDocument!.label, due: s.projectedEnd ?? s.plannedEnd })));
  // every text of the page that may hold a glossary term
  const texts = data.data ? [
    ...data.data.runs.flatMap(({ run: r }) => [r.phaseTitle ?? r.phase, ...nextMilestones(r).map((m) => m.title), ...plainReasons(r)]),
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
      {data.data && <YourTasks tasks={data.data.tasks} papers={papers} />}
      {data.data?.runs.map(({ run, docs }) => <PortalRun key={run.id} run={run} docs={docs} onChanged={data.reload} />)}
      <Glossary entries={termsIn(texts)} />
    </div>
  );
}

function YourTasks({ tasks, papers }: { tasks: Task[]; papers: PaperNeed[] }) {
  // two migrations ask for the same acceptance: the card names its Verfahren
  const runName = useRunNames();
  return (
    <section aria-labelledby="portal-tasks" class="section">
      <h2 id="portal-tasks">Was wir von Ihnen brauchen</h2>
      {tasks.length === 0 && papers.length === 0 ? (
        <p class="muted">Zurzeit ist nichts für Sie zu tun. Wir melden uns per E-Mail, sobald wir etwas von Ihnen brauchen.</p>
      ) : (
        <ul class="task-cards">
          {tasks.map((t) => (
            <li key={t.id} class={`task-card${t.overdue ? ' is-overdue' : ''}`}>
              <Link href={paths.task(t.id)} class="task-link">
                <WithTerms text={t.title} />
              </Link>
              {t.process && t.process !== 'gemeinde-onboarding' && <span class="small">{runName(t.runId)}</span>}
              <span class="muted small"><WithTerms text={t.description ?? ''} /></span>
              <span class="small">
                Bitte bis: <DueDate task={t} today={todayIso()} />
              </span>
            </li>
          ))}
          {papers.map((p) => (
            <li key={`${p.runId}-${p.label}`} class="task-card">
              {/* the label names the paper with its article ("der unterschriebene Vertrag") */}
              <a href={`#unterlagen-${p.runId}`} class="task-link">Bitte hochladen: {p.label}</a>
              <span class="muted small">unten unter „Unterlagen“</span>
              {p.due && <span class="small">Bitte bis: {formatDate(p.due.slice(0, 10))}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PortalRun({ run, docs, onChanged }: { run: Run; docs: RunDocuments; onChanged: () => Promise<void> }) {
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
      {run.status === 'running' && <Papers run={run} docs={docs} onChanged={onChanged} />}
      <Conversation runId={run.id} otherSide={projectLeadSide(run)} />
    </section>
  );
}
