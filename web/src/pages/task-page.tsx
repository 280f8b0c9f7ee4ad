// One task: its context (Vorgang, step, Gemeinde, deadline, what to do), the form generated from its JSON Schema
// with the API's field errors inline, Erledigen / Zurückgeben, the four-eyes review (the submitted data read-only,
// Freigeben / Ablehnen for a second person), the repair of a failed step, and the comments.
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { usePeople, type People } from '../api/people';
import { usePhaseTitles } from '../api/phases';
import type { Run, Task, User } from '../api/types';
import { Field } from '../components/field';
import { IncidentRepair } from '../components/incident-repair';
import { PageTitle } from '../components/layout';
import { LoadError, Loading, Notice, problemText } from '../components/notice';
import { TaskActions } from '../components/task-actions';
import { TaskContextCard } from '../components/task-context';
import { displayValue, fieldsOf, initialValues, toData, type FieldSpec, type FormValues } from '../forms/json-schema';
import { SchemaForm } from '../forms/schema-form';
import { errorsByField } from '../lib/field-errors';
import { formatDateTime, todayIso } from '../lib/format';
import { processLabel, roleLabel, rolesLabel, STEP_KIND_LABELS, TASK_STATE_LABELS } from '../lib/labels';
import { approvedByMe, may, missingApprovals, submittedByMe } from '../lib/task-rights';
import { useResource } from '../lib/use-resource';
import { useTitle } from '../lib/use-title';
import { Link, paths } from '../router';
import { DueDate } from './inbox-page';
import { Documents } from './run/documents';
import type { RequiredDocument } from '../api/portal-types';

export function TaskPage({ id, user }: { id: string; user: User }) {
  const task = useResource(() => api.task(id), [id]);
  const run = useResource(() => (task.data ? api.run(task.data.runId) : Promise.resolve(undefined)), [task.data?.runId]);
  useTitle(task.data?.title ?? 'Aufgabe');
  const [flash, setFlash] = useState<{ tone: 'success' | 'error' | 'info'; text: string }>();

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
      <PageTitle sub={`${task.gemeindeName ?? task.ags} · ${processLabel(task.process ?? run?.process ?? '')}`}>{task.title}</PageTitle>
      <div aria-live="polite">{flash && <Notice tone={flash.tone}>{flash.text}</Notice>}</div>

      <div class="task-layout">
        <div class="task-main">
          {task.returnReason && task.state === 'open' && <ReturnNotice task={task} people={people} />}
          <section class="card" aria-labelledby="task-what">
            <h2 id="task-what">Was ist zu tun?</h2>
            <p>{task.description ?? 'Keine Beschreibung hinterlegt.'}</p>
          </section>
          {task.context && <TaskContextCard context={task.context} />}

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
              <CompleteForm task={task} fields={fields} onDone={onUpdated} />
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

          <Documents runId={task.runId} taskId={task.id} required={(task as Task & { requiresDocument?: RequiredDocument }).requiresDocument} />
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
                <Link href={paths.run(task.runId)}>{run ? `${processLabel(run.process)} ${run.gemeinde.name}` : task.runId}</Link>
              </dd>
              {run?.parentId && (
                <>
                  <dt>Gehört zu</dt>
                  <dd>
                    <Link href={paths.run(run.parentId)}>Gemeinde-Onboarding</Link>
                  </dd>
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

function FourEyes({ task, people, approvedByMe }: { task: Task; people: People; approvedByMe: boolean }) {
  const missing = missingApprovals(task);
  return (
    <section class="card four-eyes" aria-labelledby="four-eyes-title">
      <h2 id="four-eyes-title">Vier-Augen-Prinzip</h2>
      <p>
        {task.approvals.given.length} von {task.approvals.required} Freigaben erteilt.
        {approvedByMe && ' Ihre Freigabe liegt vor.'}
      </p>
      <ul class="approvals">
        {task.approvals.given.map((a) => (
          <li key={a.user} class="approval approval--given">
            <span aria-hidden="true">✓</span> {people.name(a.user)}
            {a.role && <span class="muted"> ({roleLabel(a.role)})</span>} <span class="muted">am {formatDateTime(a.at)}</span>
          </li>
        ))}
        {missing.roles.map((r) => (
          <li key={r} class="approval approval--missing">
            <span aria-hidden="true">○</span> Es fehlt noch: {roleLabel(r)}
          </li>
        ))}
        {missing.roles.length === 0 && missing.count > 0 && (
          <li class="approval approval--missing">
            <span aria-hidden="true">○</span> Es {missing.count === 1 ? 'fehlt noch eine Freigabe' : `fehlen noch ${missing.count} Freigaben`} durch eine weitere Person
          </li>
        )}
      </ul>
      {(task.reviews?.length ?? 0) > 0 && (
        <>
          <h3>Verlauf der Prüfung</h3>
          <ol class="reviews">
            {task.reviews!.map((r, i) => (
              <li key={i} class={`review review--${r.decision}`}>
                {r.decision === 'approved' ? 'Freigegeben' : 'Abgelehnt'} von {people.name(r.by)} <span class="muted">am {formatDateTime(r.at)}</span>
                {r.reason && <>: {r.reason}</>}
                {r.comment && <> – {r.comment}</>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Why an open task is back: a rejected submission (with who rejected it) or a return to the team. */
function ReturnNotice({ task, people }: { task: Task; people: People }) {
  const last = task.reviews?.at(-1);
  const rejected = last?.decision === 'rejected' && last.reason === task.returnReason;
  return (
    <Notice tone="warning" title={rejected ? `Abgelehnt von ${people.name(last.by)} – bitte korrigieren` : 'Zurückgegeben'}>
      <p>{task.returnReason}</p>
    </Notice>
  );
}

/** What the first person entered, read-only, with who and when: the second person decides on exactly this. */
function SubmissionCard({ task, fields, people }: { task: Task; fields: FieldSpec[]; people: People }) {
  const s = task.submission!;
  return (
    <section class="card" aria-labelledby="submission-title">
      <h2 id="submission-title">Eingereichte Angaben</h2>
      <p>
        Eingereicht von <strong>{people.name(s.by)}</strong> am {formatDateTime(s.at)}.
      </p>
      {s.data && fields.length > 0 && (
        <dl class="facts facts--wide">
          {fields.map((f) => (
            <Fragment key={f.name}>
              <dt>{f.label}</dt>
              <dd class={f.kind === 'csv' ? 'mono pre' : ''}>{displayValue(f, s.data?.[f.name])}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </section>
  );
}

/** Four eyes, second person: approve (optional comment) or reject (reason required) the submitted data. */
function ReviewActions({ task, onDone }: { task: Task; onDone: ViewProps['onUpdated'] }) {
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [approving, setApproving] = useState(false);
  const reject = useTextAction(
    (text) => api.reject(task.id, text),
    'reason',
    'Bitte einen Grund für die Ablehnung angeben.',
    (updated) => onDone(updated, 'Abgelehnt: die Aufgabe geht zur Korrektur zurück.', 'info'),
  );
  const approve = async (e: Event) => {
    e.preventDefault();
    setApproving(true);
    setProblem(undefined);
    try {
      const updated = await api.approve(task.id, comment.trim() || undefined);
      onDone(updated, updated.state === 'done' ? 'Freigegeben: die Aufgabe ist erledigt.' : 'Ihre Freigabe ist gespeichert. Es fehlt noch eine weitere Freigabe.');
    } catch (err) {
      setProblem(problemText(err));
    } finally {
      setApproving(false);
    }
  };
  return (
    <section class="card" aria-labelledby="review-title">
      <h2 id="review-title">Prüfen und freigeben</h2>
      {problem && (
        <Notice tone="error" title="Die Freigabe ist nicht möglich">
          <p>{problem}</p>
        </Notice>
      )}
      <form onSubmit={approve} noValidate>
        <Field id="approve-comment" label="Bemerkung (optional)">
          {(aria) => <textarea {...aria} rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={approving || reject.busy}>
            Freigeben
          </button>
        </div>
      </form>
      <form onSubmit={reject.submit} noValidate class="form--second">
        <Field id="reject-reason" label="Grund der Ablehnung" required errors={reject.error ? [reject.error] : undefined}>
          {(aria) => <textarea {...aria} rows={3} value={reject.text} onInput={(e) => reject.setText(e.currentTarget.value)} />}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--secondary" disabled={approving || reject.busy}>
            Ablehnen
          </button>
        </div>
      </form>
    </section>
  );
}

function CompleteForm({ task, fields, onDone }: { task: Task; fields: FieldSpec[]; onDone: ViewProps['onUpdated'] }) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, task.data, { keepConfirmations: task.approvals.given.length === 0 }));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [summary, setSummary] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const needsReason = task.kind === 'wait';
  const fourEyes = task.approvals.required > 1;

  // Focus the first field the API complained about, as a person would look for it.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setSummary(undefined);
    try {
      const body = { ...(task.form ? { data: toData(fields, values) } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) };
      const updated = await api.complete(task.id, body);
      setErrors({});
      const done = updated.state === 'done';
      onDone(
        updated,
        done
          ? 'Die Aufgabe ist erledigt.'
          : updated.state === 'review'
            ? 'Zur Freigabe eingereicht. Jetzt prüft eine zweite Person Ihre Angaben.'
            : `Ihre Freigabe ist gespeichert (${updated.approvals.given.length} von ${updated.approvals.required}). Jetzt fehlt noch die Freigabe einer weiteren Person.`,
      );
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.problem.errors?.length) {
        const byField = errorsByField(err.problem.errors, 'data', [...fields.map((f) => f.name), 'comment']);
        const { '': rest, comment: commentErrors, ...perField } = byField;
        for (const f of fields) if (perField[f.name] && f.required && isEmpty(values[f.name])) perField[f.name] = ['Pflichtfeld'];
        setErrors({ ...perField, ...(commentErrors ? { __comment: commentErrors } : {}) });
        const n = Object.keys(perField).length + (commentErrors ? 1 : 0);
        setSummary(
          [n ? `Bitte ${n === 1 ? 'das markierte Feld' : `die ${n} markierten Felder`} korrigieren.` : '', ...(rest ?? [])].filter(Boolean).join(' '),
        );
      } else {
        setErrors({});
        setSummary(problemText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="complete-title">
      <h2 id="complete-title">{fields.length ? 'Angaben zur Erledigung' : 'Erledigen'}</h2>
      <form ref={formRef} onSubmit={submit} noValidate>
        {summary && (
          <Notice tone="error" title="Die Aufgabe konnte nicht erledigt werden">
            <p>{summary}</p>
          </Notice>
        )}
        {fields.length > 0 && (
          <SchemaForm
            fields={fields}
            formId={task.form?.id}
            values={values}
            errors={errors}
            disabled={busy}
            onChange={(name, v) => {
              setValues((old) => ({ ...old, [name]: v }));
              // an error is about the value it was given: once the value changes, it no longer applies
              setErrors(({ [name]: _gone, ...rest }) => rest);
            }}
          />
        )}
        {!task.form && (
          <Field id="complete-comment" label={needsReason ? 'Begründung für das vorzeitige Beenden' : 'Bemerkung (optional)'} required={needsReason} errors={errors.__comment}>
            {(aria) => <textarea {...aria} rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />}
          </Field>
        )}
        {fourEyes && <p class="muted">Vier-Augen-Prinzip: Ihre Angaben prüft danach eine zweite Person und gibt sie frei oder lehnt sie ab.</p>}
        <div class="button-row">
          <button type="submit" class="button button--primary" disabled={busy}>
            {fourEyes ? 'Zur Freigabe einreichen' : 'Erledigen'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A required field left empty gets "Pflichtfeld", whatever format message the server has for a missing value. */
function isEmpty(v: string | boolean | undefined): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * One text sent to one task action (give back, comment): busy while it runs, emptied once sent, and the server's
 * complaint about the text shown at the field in the page's words.
 */
function useTextAction(send: (text: string) => Promise<Task>, field: string, invalidMessage: string, onSent: (updated: Task) => void) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const updated = await send(text.trim());
      setText('');
      setError(undefined);
      onSent(updated);
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.problem.errors?.find((x) => x.path === field) : undefined;
      setError(fieldError ? invalidMessage : problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return { text, setText, error, busy, submit };
}

function GiveBack({ task, onDone }: { task: Task; onDone: ViewProps['onUpdated'] }) {
  const { text: reason, setText: setReason, error, busy, submit } = useTextAction(
    (text) => api.giveBack(task.id, text),
    'reason',
    'Bitte einen Grund angeben.',
    (updated) => onDone(updated, 'Die Aufgabe wurde mit Begründung an das Team zurückgegeben.', 'info'),
  );
  return (
    <details class="card card--details">
      <summary>Aufgabe zurückgeben</summary>
      <form onSubmit={submit} noValidate>
        <p class="muted">Die Aufgabe geht an das Team zurück; bereits erteilte Freigaben verfallen. Der Grund wird als Kommentar gespeichert.</p>
        <Field id="return-reason" label="Grund der Rückgabe" required errors={error ? [error] : undefined}>
          {(aria) => <textarea {...aria} rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
        </Field>
        <div class="button-row">
          <button type="submit" class="button button--secondary" disabled={busy}>
            Zurückgeben
          </button>
        </div>
      </form>
    </details>
  );
}

function DoneSummary({ task, fields, people }: { task: Task; fields: FieldSpec[]; people: People }) {
  return (
    <section class="card" aria-labelledby="done-title">
      <h2 id="done-title">{task.state === 'done' ? 'Erledigt' : 'Entfallen'}</h2>
      {task.state === 'done' && (
        <p>
          Erledigt {task.completedAt ? `am ${formatDateTime(task.completedAt)}` : ''} {task.completedBy ? `von ${people.name(task.completedBy)}` : ''}.
        </p>
      )}
      {task.data && fields.length > 0 && (
        <dl class="facts facts--wide">
          {fields.map((f) => (
            <Fragment key={f.name}>
              <dt>{f.label}</dt>
              <dd class={f.kind === 'csv' ? 'mono pre' : ''}>{displayValue(f, task.data?.[f.name])}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      <p>
        <Link href={paths.inbox}>Zurück zu den Aufgaben</Link>
      </p>
    </section>
  );
}

function Comments({ task, people, mayComment, onDone }: { task: Task; people: People; mayComment: boolean; onDone: ViewProps['onUpdated'] }) {
  const { text, setText, error, busy, submit } = useTextAction((t) => api.comment(task.id, t), 'text', 'Der Kommentar ist leer.', (updated) => onDone(updated));
  return (
    <section class="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Kommentare</h2>
      {task.comments.length === 0 ? (
        <p class="muted">Noch keine Kommentare.</p>
      ) : (
        <ol class="comments">
          {task.comments.map((c) => (
            <li key={c.id} class="comment">
              <p class="comment__meta">
                <strong>{people.name(c.user)}</strong> <span class="muted">· {formatDateTime(c.at)}</span>
              </p>
              <p class="comment__text">{c.text}</p>
            </li>
          ))}
        </ol>
      )}
      {mayComment && (
        <form onSubmit={submit} noValidate class="comment-form">
          <Field id="comment-text" label="Kommentar" errors={error ? [error] : undefined}>
            {(aria) => <textarea {...aria} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
          </Field>
          <div class="button-row">
            <button type="submit" class="button button--secondary" disabled={busy}>
              Kommentieren
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
