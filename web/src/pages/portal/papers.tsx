// The Gemeinde's papers: what it can download (the released offer, contract, AVV, protocols) and the signed papers
// the onboarding waits for now, each with its own upload. A paper is asked for while its step is under way and no
// document of its kind is there yet; the steps say which paper they need (`requiresDocument`).
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { RequiredDocument, StepWithDocument } from '../../api/portal-types';
import type { Run } from '../../api/types';
import { Notice, problemText } from '../../components/notice';
import { formatDate } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { download, KIND_LABELS } from '../run/documents';

/** Papers the Gemeinde itself signs; the others (e.g. the destruction certificate) come from the KU. */
const SIGNED_BY_GEMEINDE = new Set(['vertrag', 'avv', 'abnahmeprotokoll']);

export function Papers({ run }: { run: Run }) {
  const docs = useResource(() => api.documents(run.id), [run.id]);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const have = new Set((docs.data ?? []).map((d) => d.kind));
  const wanted = (run.steps as StepWithDocument[])
    .filter((s) => s.requiresDocument && SIGNED_BY_GEMEINDE.has(s.requiresDocument.kind) && (s.state === 'ready' || s.state === 'active'))
    .filter((s, i, all) => all.findIndex((o) => o.requiresDocument!.kind === s.requiresDocument!.kind) === i)
    .filter((s) => docs.data && !have.has(s.requiresDocument!.kind));

  return (
    <section class="section card" aria-labelledby={`papers-${run.id}`}>
      <h2 id={`papers-${run.id}`}>Unterlagen</h2>
      {docs.error !== undefined && <Notice tone="error">Die Unterlagen konnten nicht geladen werden: {problemText(docs.error)}</Notice>}
      {wanted.length > 0 && (
        <>
          <h3>Bitte unterschrieben hochladen</h3>
          <ul class="plain papers-wanted">
            {wanted.map((s) => (
              <li key={s.id}>
                <PaperUpload runId={run.id} need={s.requiresDocument!} due={s.projectedEnd ?? s.plannedEnd}
                  onDone={async (text) => { setMessage({ tone: 'success', text }); await docs.reload(); }}
                  onError={(text) => setMessage({ tone: 'error', text })} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Zum Herunterladen</h3>
      {docs.data && docs.data.length === 0 && <p class="muted">Noch keine Unterlagen.</p>}
      {docs.data && docs.data.length > 0 && (
        <ul class="plain papers">
          {docs.data.map((d) => (
            <li key={d.id}>
              <button type="button" class="button button--secondary button--small" onClick={() => download(d).catch((err: unknown) => setMessage({ tone: 'error', text: problemText(err) }))}>
                {d.kind ? (KIND_LABELS[d.kind] ?? d.kind) : 'Dokument'} herunterladen<span class="sr-only"> ({d.name})</span>
              </button>{' '}
              <span class="muted small">{d.name}</span>
            </li>
          ))}
        </ul>
      )}
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </section>
  );
}

function PaperUpload({ runId, need, due, onDone, onError }: {
  runId: string; need: RequiredDocument; due?: string; onDone: (text: string) => Promise<void>; onError: (text: string) => void;
}) {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const label = need.label.charAt(0).toUpperCase() + need.label.slice(1);
  const inputId = `paper-${runId}-${need.kind}`;
  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return onError('Bitte zuerst eine Datei auswählen.');
    setBusy(true);
    try {
      const saved = await api.uploadDocument(runId, file, { kind: need.kind });
      await onDone(`Danke! „${saved.name}“ ist angekommen.`);
    } catch (err) {
      onError(problemText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="document-upload" onSubmit={submit}>
      <label for={inputId}>
        {label}{due ? <span class="muted"> – bitte bis {formatDate(due.slice(0, 10))}</span> : null}
      </label>
      <input id={inputId} type="file" accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0])} />
      <button type="submit" class="button button--small" disabled={busy}>{busy ? 'Wird hochgeladen …' : 'Hochladen'}</button>
    </form>
  );
}
