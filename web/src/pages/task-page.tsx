// One task: its context (Vorgang, step, Gemeinde, deadline, what to do), the form generated from its JSON Schema
// with the API's field errors inline, Erledigen / Zurückgeben, the four-eyes review (the submitted data read-only,
// Freigeben / Ablehnen for a second person), the repair of a failed step, and the comments. The parts live in
// pages/task/.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/endpoints';
import { usePeople } from '../api/people';
import { usePhaseTitles } from '../api/phases';
import type { Run, Task, User } from '../api/types';
import { IncidentRepair } from '../components/incident-repair';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice } from '../components/notice';
import { TaskActions } from '../components/task-actions';
import { TaskContextCard } from '../components/task-context';
import { fieldsOf } from '../forms/json-schema';
import { formatDateTime, todayIso } from '../lib/format';
import { processLabel, rolesLabel, STEP_KIND_LABELS, TASK_STATE_LABELS } from '../lib/labels';
import { approvedByMe, may, submittedByMe } from '../lib/task-rights';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { hasNextInInbox, takeFlash } from '../lib/inbox-list';
import { Link, paths } from '../router';
import { batchOf, DueDate } from './inbox-page';
import { Documents } from './run/documents';
import { CompleteForm } from './task/complete-form';
import { DeviceProgress } from './task/device-progress';
import { DoneSummary } from './task/done-summary';
import { FourEyes, ReturnNotice, ReviewActions, SubmissionCard } from './task/review';
import { goToNext } from './task/next-task';
import { Comments, GiveBack } from './task/text-actions';

export function TaskPage({ id, user }: { id: string; user: User }) {
  const task = useResource(() => api.task(id), [id]);
  const run = useResource(() => (task.data ? api.run(task.data.runId) : Promise.resolve(undefined)), [task.data?.runId]);
  useTitle(task.data?.title ?? 'Aufgabe');
  const [flash, setFlash] = useState<{ tone: 'success' | 'error' | 'info'; text: string } | undefined>(() => {
    const text = takeFlash();
    return text ? { tone: 'success', text } : undefined;
  });

  if (task.error !== undefined && !task.data) {
    return (
      <div class="page">
        <PageTitle>Aufgabe</PageTitle>
        <LoadError error={task.error} what="Aufgabe" />
        <p>
          <Link href={paths.inbox}>Zurück zu den Aufgaben</Link>
        </p>
      </div>
    );
  }
  if (!task.data) {
    return (
      <div class="page">
        <PageTitle>Aufgabe</PageTitle>
        <Loading />
      </div>
    );
  }
  const t = task.data;
  const update = (updated: Task, text?: string, tone: 'success' | 'info' = 'success') => {
    task.set(updated);
    if (text) setFlash({ tone, text });
    void run.reload();
  };
  return (
    <TaskView
      task={t}
      run={run.data}
      user={user}
      flash={flash}
      onUpdated={update}
      onRepaired={(text) => {
        setFlash({ tone: 'success', text });
        void task.reload();
        void run.reload();
      }}
      onError={(text) => setFlash({ tone: 'error', text })}
    />
  );
}

interface ViewProps {
  task: Task;
  run?: Run;
  user: User;
  flash?: { tone: 'success' | 'error' | 'info'; text: string };
  onUpdated: (t: Task, text?: string, tone?: 'success' | 'info') => void;
  onRepaired: (text: string) => void;
  onError: (text: string) => void;
}

function TaskView({ task, run, user, flash, onUpdated, onRepaired, onError }: ViewProps) {
  const people = usePeople();
  const phaseTitles = usePhaseTitles(run?.process);
  const mine = { approved: approvedByMe(user, task), submitted: submittedByMe(user, task) };
  const step = run?.steps.find((s) => s.id === task.stepId);
  const fields = useMemo(() => (task.form ? fieldsOf(task.form.schema) : []), [task.form]);

  return (
    <div class="page page--task">
      <nav aria-label="Brotkrumen" class="breadcrumb">
        <Link href={paths.inbox}>Aufgaben</Link> <span aria-hidden="true">›</span> <span>{task.title}</span>
      </nav>
      {/* the run's title names a migration's Verfahren and a rollout's batch: parallel runs' tasks read apart */}
      <PageTitle sub={`${task.gemeindeName ?? task.ags} · ${run?.title ?? processLabel(task.process ?? '')}`}>{task.title}</PageTitle>
      <div aria-live="polite">{flash && <Notice tone={flash.tone}>{flash.text}</Notice>}</div>

      <div class="task-layout">
        <div class="task-main">
          {task.returnReason && task.state === 'open' && <ReturnNotice task={task} people={people} />}
          <section class="card" aria-labelledby="task-what">
            <h2 id="task-what">Was ist zu tun?</h2>
            <p>{task.description ?? 'Keine Beschreibung hinterlegt.'}</p>
          </section>
          {task.context && <TaskContextCard context={task.context} />}
          {task.process === 'arbeitsplatz-rollout' && <DeviceProgress task={task} />}

          {task.approvals.required > 1 && <FourEyes task={task} people={people} approvedByMe={mine.approved} />}

          {task.submission && task.state === 'review' && <SubmissionCard task={task} fields={fields} people={people} />}

          {task.incident && task.state === 'open' ? (
            may(task, 'retry') || may(task, 'skip') ? (
              <section class="card" aria-labelledby="repair-title">
                <h2 id="repair-title">Störung beheben</h2>
                <IncidentRepair runId={task.runId} stepId={task.incident.stepId} error={task.incident.error} input={task.incident.input} onDone={(_step, text) => onRepaired(text)} />
              </section>
            ) : (
              <Notice tone="info">
                <p>Diese Störung behebt die Projektleitung oder die Administration.</p>
              </Notice>
            )
          ) : task.state === 'review' ? (
            may(task, 'approve') || may(task, 'reject') ? (
              <ReviewActions task={task} onDone={onUpdated} />
            ) : (
              <Notice tone="info">
                <p>
                  {mine.submitted
                    ? 'Sie haben die Daten zur Freigabe eingereicht. Freigeben oder ablehnen muss eine zweite Person.'
                    : 'Die Daten warten auf die Freigabe durch eine zweite Person.'}
                </p>
              </Notice>
            )
          ) : task.state === 'open' ? (
            may(task, 'complete') ? (
              <CompleteForm task={task} fields={fields} onDone={onUpdated} onDoneNext={hasNextInInbox(task.id) ? (u) => void goToNext(u, onUpdated) : undefined} />
            ) : (
              <Notice tone="info">
                <p>
                  {mine.approved
                    ? 'Sie haben bereits freigegeben. Die weitere Freigabe muss eine andere Person erteilen.'
                    : `Diese Aufgabe erledigt das Team ${rolesLabel(task.candidateRoles)}.`}
                </p>
              </Notice>
            )
          ) : (
            <DoneSummary task={task} fields={fields} people={people} />
          )}

          {task.state === 'open' && may(task, 'return') && <GiveBack task={task} onDone={onUpdated} />}

          <Comments task={task} people={people} mayComment={may(task, 'comment')} onDone={onUpdated} />

          <Documents runId={task.runId} taskId={task.id} required={task.requiresDocument} />
        </div>

        <aside class="task-side" aria-label="Angaben zur Aufgabe">
          <section class="card">
            <h2>Angaben</h2>
            <dl class="facts">
              <dt>Status</dt>
              <dd>
                <span class={`state state--${task.state}`}>{TASK_STATE_LABELS[task.state]}</span>
              </dd>
              <dt>Gemeinde</dt>
              <dd>
                {task.gemeindeName ?? task.ags} <span class="muted">(AGS {task.ags})</span>
              </dd>
              <dt>Vorgang</dt>
              <dd>
                {/* until the run has loaded, its process and Gemeinde (never its id) */}
                <Link href={paths.run(task.runId)}>{run ? `${run.title} ${run.gemeinde.name}` : `${processLabel(task.process ?? '')} ${task.gemeindeName ?? task.ags}`}</Link>
              </dd>
              {run?.parentId && (
                <>
                  <dt>Gehört zu</dt>
                  <dd>
                    <Link href={paths.run(run.parentId)}>Gemeinde-Onboarding</Link>
                  </dd>
                </>
              )}
              {batchOf(task) && (
                <>
                  <dt>Charge</dt>
                  <dd>{batchOf(task)}</dd>
                </>
              )}
              <dt>Schritt</dt>
              <dd>
                {step?.title ?? task.title}
                {step && <span class="muted"> · Phase {phaseTitles(step.phase)}</span>}
              </dd>
              <dt>Art</dt>
              <dd>{STEP_KIND_LABELS[task.kind]}</dd>
              <dt>Zuständig</dt>
              <dd>{rolesLabel(task.candidateRoles)}</dd>
              <dt>Bearbeitung</dt>
              <dd>{task.assignee ? people.name(task.assignee) : <span class="muted">nicht zugewiesen</span>}</dd>
              <dt>Fällig</dt>
              <dd>
                <DueDate task={task} today={todayIso()} />
              </dd>
              {task.openedAt && (
                <>
                  <dt>Geöffnet</dt>
                  <dd>{formatDateTime(task.openedAt)}</dd>
                </>
              )}
              {run?.contact && (
                <>
                  <dt>Projektleitung</dt>
                  <dd>
                    {run.contact.name ?? run.contact.id}
                    {run.contact.email && (
                      <a class="block" href={`mailto:${run.contact.email}`}>
                        {run.contact.email}
                      </a>
                    )}
                  </dd>
                </>
              )}
            </dl>
            {task.state === 'open' && (
              <TaskActions
                task={task}
                onChanged={(u) => onUpdated(u, u.assignee ? `Bearbeitung: ${people.name(u.assignee)}.` : 'Die Aufgabe ist wieder für das Team frei.', 'info')}
                onError={onError}
              />
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
