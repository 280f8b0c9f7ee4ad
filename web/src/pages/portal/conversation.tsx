// The conversation of a run between the Gemeinde and its project lead: every message both sides wrote, oldest
// first, and a field to write one. The other side gets each message by mail (the server sends it).
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { portalApi } from '../../api/portal';
import type { Run } from '../../api/types';
import { Field } from '../../components/field';
import { Notice, problemText } from '../../components/notice';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';

/** The project lead as the Gemeinde's side of the conversation names them. */
export const projectLeadSide = (run: Run): string => (run.contact?.name ? `${run.contact.name} (Projektleitung)` : 'Ihre Projektleitung');

export function Conversation({ runId, otherSide }: { runId: string; /** e.g. „Ihre Projektleitung“ */ otherSide: string }) {
  const messages = useResource(() => portalApi.messages(runId), [runId], { refreshMs: 30_000 });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [sent, setSent] = useState(false);
  const fieldId = `message-${runId}`;

  async function send(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setSent(false);
    try {
      await portalApi.sendMessage(runId, text);
      setText('');
      setSent(true);
      await messages.reload();
    } catch (err) {
      const atField = err instanceof ApiError ? err.problem.errors?.find((x) => x.path === 'text') : undefined;
      setError(atField ? atField.message : problemText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section card" aria-labelledby={`conversation-${runId}`}>
      <h2 id={`conversation-${runId}`}>Fragen und Nachrichten</h2>
      <p class="muted">{otherSide} liest hier mit und bekommt jede Nachricht auch per E-Mail; wer auf Ihrer Seite beteiligt ist, erhält eine Kopie.</p>
      {messages.error !== undefined && <Notice tone="error">Die Nachrichten konnten nicht geladen werden: {problemText(messages.error)}</Notice>}
      {messages.data && messages.data.length === 0 && <p class="muted">Noch keine Nachrichten.</p>}
      {messages.data && messages.data.length > 0 && (
        <ol class="messages" aria-label="Nachrichten, älteste zuerst">
          {messages.data.map((m) => (
            <li key={m.id} class={`message message--${m.side}`}>
              <p class="message__meta small"><strong>{m.author.name}</strong> · {formatDateTime(m.at)}</p>
              <p class="message__text">{m.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={send} class="message-form">
        <Field id={fieldId} label="Ihre Nachricht" errors={error ? [error] : undefined}>
          {(a11y) => <textarea {...a11y} rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />}
        </Field>
        <button type="submit" class="button button--small" disabled={busy}>{busy ? 'Wird gesendet …' : 'Nachricht senden'}</button>
      </form>
      {sent && <Notice tone="success">Ihre Nachricht wurde gesendet.</Notice>}
    </section>
  );
}
