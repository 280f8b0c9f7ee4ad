// The Gemeinde's papers: what it can download (the released offer, contract, AVV, protocols) and the signed papers
// the onboarding waits for now, each with its own upload. A paper is asked for while its step is under way and no
// document of its kind is there yet; the steps say which paper they need (`requiresDocument`).
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import type { RequiredDocument, StepWithDocument } from '../../api/portal-types';
import type { DocumentInfo, Run } from '../../api/types';
import { FileChooser } from '../../components/file-chooser';
import { Notice, problemText } from '../../components/notice';
import { formatDate, upperFirst } from '../../lib/format';
import { download } from '../run/documents';
import { KIND_LABELS, templateKind } from '../../lib/labels';

/** The run's documents as the portal loaded them; `error` when they could not be loaded. */
export interface RunDocuments {
  items?: DocumentInfo[];
  error?: unknown;
}

/** The signed papers the running onboarding waits for: its steps under way need them and none of the kind is there. */
export function wantedPapers(run: Run, docs: RunDocuments): StepWithDocument[] {
  if (run.status !== 'running' || !docs.items) return [];
  const have = new Set(docs.items.map((d) => d.kind));
  return (run.steps as StepWithDocument[])
    // papers the Gemeinde itself signs (the steps say which); the others, e.g. a destruction certificate, come from the KU
    .filter((s) => s.requiresDocument?.fromGemeinde && (s.state === 'ready' || s.state === 'active'))
    .filter((s, i, all) => all.findIndex((o) => o.requiresDocument!.kind === s.requiresDocument!.kind) === i)
    .filter((s) => !have.has(s.requiresDocument!.kind));
}

export function Papers({ run, docs, onChanged }: { run: Run; docs: RunDocuments; onChanged: () => Promise<void> }) {
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  const wanted = wantedPapers(run, docs);
  const items = docs.items;

  return (
    <section class="section card" aria-labelledby={`papers-${run.id}`} id={`unterlagen-${run.id}`}>
      <h2 id={`papers-${run.id}`}>Unterlagen</h2>
      {docs.error !== undefined && <Notice tone="error">Die Unterlagen konnten nicht geladen werden: {problemText(docs.error)}</Notice>}
      {wanted.length > 0 && (
        <>
          <h3>Bitte unterschrieben hochladen</h3>
          <ul class="plain papers-wanted">
            {wanted.map((s) => (
              <li key={s.id}>
                <PaperUpload runId={run.id} need={s.requiresDocument!} due={s.projectedEnd ?? s.plannedEnd}
                  template={items?.find((d) => d.kind === templateKind(s.requiresDocument!.kind))}
                  onDone={async (text) => { setMessage({ tone: 'success', text }); await onChanged(); }}
                  onError={(text) => setMessage({ tone: 'error', text })} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Zum Herunterladen</h3>
      {items && items.length === 0 && <p class="muted">Noch keine Unterlagen.</p>}
      {items && items.length > 0 && (
        <ul class="plain papers">
          {items.map((d) => (
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

function PaperUpload({ runId, need, due, template, onDone, onError }: {
  runId: string; need: RequiredDocument; due?: string; /** the KU's draft to sign, if it sent one */ template?: DocumentInfo;
  onDone: (text: string) => Promise<void>; onError: (text: string) => void;
}) {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const label = upperFirst(need.label);
  const inputId = `paper-${runId}-${need.kind}`;
  async function submit(e: Event) {
    e.preventDefault();
    if (!file) return onError('Bitte zuerst eine Datei auswählen.');
    setBusy(true);
    try {
      const saved = await api.uploadDocument(runId, file, { kind: need.kind });
      await onDone(`Danke! „${saved.name}“ ist angekommen; Ihre Projektleitung erhält eine Nachricht.`);
    } catch (err) {
      onError(problemText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="document-upload" onSubmit={submit}>
      <div>
        <label for={inputId}>
          {label}{due ? <span class="muted"> – bitte bis {formatDate(due.slice(0, 10))}</span> : null}
        </label>
        {template && (
          <button type="button" class="link-button small" onClick={() => download(template).catch((err: unknown) => onError(problemText(err)))}>
            Vorlage zum Unterschreiben herunterladen<span class="sr-only"> ({template.name})</span>
          </button>
        )}
      </div>
      <FileChooser id={inputId} accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff" file={file} onChange={setFile} />
      <button type="submit" class="button button--small" disabled={busy}>{busy ? 'Wird hochgeladen …' : 'Hochladen'}</button>
    </form>
  );
}
