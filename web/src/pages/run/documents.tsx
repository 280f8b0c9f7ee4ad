// "Dokumente": the papers of a run (or of one of its tasks) — uploaded ones and the generated offer — with download
// and upload. The server decides a file's type by its content and refuses others; its German answer is shown.
import { useState } from 'preact/hooks';
import { api } from '../../api/endpoints';
import { usePeople } from '../../api/people';
import type { RequiredDocument } from '../../api/portal-types';
import type { DocumentInfo } from '../../api/types';
import { FileChooser } from '../../components/file-chooser';
import { Notice, problemText } from '../../components/notice';
import { RunCalendarDownload } from '../../components/calendar-links';
import { formatDateTime } from '../../lib/format';
import { KIND_LABELS, templateKind } from '../../lib/labels';
import { useResource } from '../../lib/use-resource';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

export async function download(doc: DocumentInfo): Promise<void> {
  const url = URL.createObjectURL(await api.documentFile(doc.id));
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Documents({ runId, taskId, required, offersDrafts = false }: {
  runId: string; taskId?: string; /** the paper the task cannot be completed without */ required?: RequiredDocument;
  /** drafts to sign are the KU's to send, from the run page */ offersDrafts?: boolean;
}) {
  const docs = useResource(() => api.documents(runId), [runId]);
  const people = usePeople();
  const [file, setFile] = useState<File>();
  const [kind, setKind] = useState(required?.kind ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string }>();
  // on a task page: its own documents, and the run's papers of the kind it needs and their drafts (what a reviewer checks)
  const neededKinds = required ? [required.kind, templateKind(required.kind)] : [];
  const items = (docs.data ?? []).filter((d) => !taskId || d.taskId === taskId || (!d.taskId && neededKinds.includes(d.kind ?? '')));
  const titleId = taskId ? 'task-documents-title' : 'documents-title';

  async function upload(e: Event) {
    e.preventDefault();
    if (!file) return setMessage({ tone: 'error', text: 'Bitte eine Datei auswählen.' });
    setBusy(true);
    try {
      const saved = await api.uploadDocument(runId, file, { taskId, kind: kind || undefined });
      setMessage({ tone: 'success', text: `„${saved.name}“ wurde hochgeladen.` });
      setFile(undefined);
      (e.target as HTMLFormElement).reset();
      await docs.reload();
    } catch (err) {
      setMessage({ tone: 'error', text: problemText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    // on the task page a card like the blocks above it; on the run page a section of the page
    <section aria-labelledby={titleId} class={taskId ? 'card' : 'section'}>
      <div class="section__head">
        <h2 id={titleId}>Dokumente</h2>
        {!taskId && <RunCalendarDownload runId={runId} />}
      </div>
      {docs.error !== undefined && <Notice tone="error">Die Dokumente konnten nicht geladen werden: {problemText(docs.error)}</Notice>}
      {required && docs.data && !items.some((d) => d.kind === required.kind) && (
        <Notice tone="warning">Zum Erledigen nötig: {required.label}. Bitte hier hochladen (Art „{KIND_LABELS[required.kind] ?? required.kind}“).</Notice>
      )}
      {docs.data && items.length === 0 && <p class="muted">Noch keine Dokumente.</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table class="table table--documents">
            <caption class="sr-only">Dokumente, älteste zuerst</caption>
            <thead>
              <tr>
                <th scope="col">Dokument</th>
                <th scope="col">Art</th>
                <th scope="col">Größe</th>
                <th scope="col">Von</th>
                <th scope="col">Zeit</th>
                <th scope="col"><span class="sr-only">Herunterladen</span></th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row" data-label="Dokument">{d.name}</th>
                  <td data-label="Art">{d.kind ? (KIND_LABELS[d.kind] ?? d.kind) : '–'}</td>
                  <td data-label="Größe" class="nowrap">{sizeText(d.size)}</td>
                  <td data-label="Von">{d.by === 'system' ? 'automatisch erstellt' : people.name(d.by)}</td>
                  <td data-label="Zeit" class="nowrap">{formatDateTime(d.at)}</td>
                  <td>
                    <button type="button" class="button button--secondary button--small" onClick={() => download(d).catch((err: unknown) => setMessage({ tone: 'error', text: problemText(err) }))}>
                      Herunterladen<span class="sr-only"> {d.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="document-upload" onSubmit={upload}>
        <label>
          Datei (PDF, Bild, Office, CSV)
          <FileChooser accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.tif,.tiff,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.csv" file={file} onChange={setFile} />
        </label>
        <label>
          Art
          <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
            <option value="">– bitte wählen –</option>
            {/* drafts to sign are sent by the KU from the run page; a task's papers are the papers themselves */}
            {Object.entries(KIND_LABELS).filter(([k]) => k !== 'angebot' && (offersDrafts || !k.endsWith(templateKind(''))))
              .map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </label>
        <button type="submit" class="button button--small" disabled={busy}>{busy ? 'Wird hochgeladen …' : 'Hochladen'}</button>
      </form>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
    </section>
  );
}
