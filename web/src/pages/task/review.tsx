// Four eyes on the task page: the approvals given and missing, the submitted data read-only, and Freigeben /
// Ablehnen for a second person; and why an open task came back.
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { People } from '../../api/people';
import type { Task } from '../../api/types';
import { Field } from '../../components/field';
import { Notice, problemText } from '../../components/notice';
import type { FieldSpec } from '../../forms/json-schema';
import { FieldFacts } from './field-facts';
import { formatDateTime } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import { missingApprovals } from '../../lib/task-rights';
import { useTextAction, type OnUpdated } from './text-actions';

export function FourEyes({ task, people, approvedByMe }: { task: Task; people: People; approvedByMe: boolean }) {
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
            <span aria-hidden="true">○</span> {pendingText(task, missing.count)}
          </li>
        )}
      </ul>
      {(task.reviews?.length ?? 0) > 0 && (
        <>
          <h3>Verlauf der Prüfung</h3>
          <ol class="reviews">
            {task.reviews.map((r, i) => (
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
export function ReturnNotice({ task, people }: { task: Task; people: People }) {
  const last = task.reviews?.at(-1);
  const rejected = last?.decision === 'rejected' && last.reason === task.returnReason;
  // an automated step that failed on this task's data (the reconciliation) reopens it with its report as a comment
  const automated = task.comments.some((c) => c.user === 'system' && c.text === task.returnReason);
  const title = rejected ? `Abgelehnt von ${people.name(last.by)} – bitte korrigieren`
    : automated ? 'Der nächste Schritt hat die Angaben nicht angenommen – bitte korrigieren' : 'Zurückgegeben';
  return (
    <Notice tone="warning" title={title}>
      {/* a report keeps its lines */}
      <p class="pre">{task.returnReason}</p>
    </Notice>
  );
}

/** What the first person entered, read-only, with who and when: the second person decides on exactly this. */
export function SubmissionCard({ task, fields, people }: { task: Task; fields: FieldSpec[]; people: People }) {
  const s = task.submission!;
  return (
    <section class="card" aria-labelledby="submission-title">
      <h2 id="submission-title">Eingereichte Angaben</h2>
      <p>
        Eingereicht von <strong>{people.name(s.by)}</strong> am {formatDateTime(s.at)}.
      </p>
      {s.data && fields.length > 0 && <FieldFacts fields={fields} data={s.data} />}
    </section>
  );
}

/** Four eyes, second person: approve (optional comment) or reject (reason required) the submitted data. */
export function ReviewActions({ task, onDone }: { task: Task; onDone: OnUpdated }) {
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

/** What is still missing: before anyone entered the data, entering it is the first approval (engine: four-eyes.ts). */
function pendingText(task: Task, count: number): string {
  const persons = (n: number) => (n === 1 ? 'eine weitere Person' : `${n} weitere Personen`);
  if (task.state === 'open' && task.approvals.given.length === 0) {
    const others = count - 1;
    if (others <= 0) return 'Wer die Daten eingibt, gibt sie damit frei.';
    return `Wer die Daten eingibt, gibt sie damit als Erste:r frei; danach ${others === 1 ? 'prüft eine weitere Person' : `prüfen ${others} weitere Personen`}.`;
  }
  return count === 1 ? 'Es fehlt noch eine Freigabe durch eine weitere Person' : `Es fehlen noch ${count} Freigaben durch ${persons(count)}`;
}
