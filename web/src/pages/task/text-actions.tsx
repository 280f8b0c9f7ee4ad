// Actions that send one text to a task — give back with a reason, comment — with the server's complaint about the
// text shown at the field.
import { ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { People } from '../../api/people';
import type { Task } from '../../api/types';
import { Field } from '../../components/field';
import { problemText } from '../../components/notice';
import { formatDateTime } from '../../lib/format';
import { useState } from 'preact/hooks';

/** What a part of the task page reports after changing the task: the task as it is now, and a message. */
export type OnUpdated = (t: Task, text?: string, tone?: 'success' | 'info') => void;

/**
 * One text sent to one task action (give back, comment): busy while it runs, emptied once sent, and the server's
 * complaint about the text shown at the field: an empty text in the page's words, anything else (too long …) as the
 * server says it.
 */
export function useTextAction(send: (text: string) => Promise<Task>, field: string, emptyMessage: string, onSent: (updated: Task) => void) {
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
      setError(fieldError ? (text.trim() === '' ? emptyMessage : fieldError.message) : problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return { text, setText, error, busy, submit };
}

export function GiveBack({ task, onDone }: { task: Task; onDone: OnUpdated }) {
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

export function Comments({ task, people, mayComment, onDone }: { task: Task; people: People; mayComment: boolean; onDone: OnUpdated }) {
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
