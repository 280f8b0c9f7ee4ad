// The run's audit trail (who did what, when). Until the server offers /events, a short notice says so.
import { api } from '../../api/endpoints';
import { usePeople } from '../../api/people';
import type { Run } from '../../api/types';
import { usePhaseTitles } from '../../api/phases';
import { isNotFound } from '../../api/client';
import { Notice, problemText } from '../../components/notice';
import { downloadText } from '../../lib/csv';
import { auditSummary } from '../../lib/audit-summary';
import { formatDateTime } from '../../lib/format';
import { EVENT_LABELS } from '../../lib/labels';
import { useResource } from '../../lib/use-resource';
import { useState } from 'preact/hooks';


export function AuditTrail({ run }: { run: Run }) {
  const events = useResource(() => api.events(run.id), [run.id, run.progress, run.status]);
  const people = usePeople();
  const phaseTitle = usePhaseTitles(run.process);
  const [all, setAll] = useState(false);
  const [csvError, setCsvError] = useState<string>();
  const stepTitle = (id: string) => run.steps.find((s) => s.id === id)?.title ?? id;
  const items = [...(events.data ?? [])].reverse();
  const shown = all ? items : items.slice(0, 25);

  return (
    <section aria-labelledby="audit-title" class="section">
      <div class="section__head">
        <h2 id="audit-title">Protokoll</h2>
        {events.data && (
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={async () => {
              try {
                downloadText(`protokoll-${run.id}.csv`, await api.eventsCsv(run.id));
                setCsvError(undefined);
              } catch (err) {
                setCsvError(problemText(err));
              }
            }}
          >
            Protokoll als CSV herunterladen
          </button>
        )}
      </div>
      {csvError && <Notice tone="error">{csvError}</Notice>}
      {events.error !== undefined &&
        (isNotFound(events.error) ? (
          <Notice tone="info">Das Protokoll dieses Vorgangs ist auf diesem Server noch nicht verfügbar.</Notice>
        ) : (
          <Notice tone="error">Das Protokoll konnte nicht geladen werden: {problemText(events.error)}</Notice>
        ))}
      {events.data && items.length === 0 && <p class="muted">Noch keine Einträge.</p>}
      {events.data && items.length > 0 && (
        <>
          <table class="table table--audit">
            <caption class="sr-only">Protokoll, neueste Einträge zuerst</caption>
            <thead>
              <tr>
                <th scope="col">Zeit</th>
                <th scope="col">Ereignis</th>
                <th scope="col">Person</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.seq}>
                  <td data-label="Zeit" class="nowrap">{formatDateTime(e.at)}</td>
                  <td data-label="Ereignis">{EVENT_LABELS[e.type] ?? e.type}</td>
                  <td data-label="Person">{e.actor ? people.name(e.actor) : 'System'}</td>
                  <td data-label="Details">{auditSummary(e, stepTitle, people.name, phaseTitle)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {items.length > shown.length && (
            <button type="button" class="link-button" onClick={() => setAll(true)}>
              Alle {items.length} Einträge anzeigen
            </button>
          )}
        </>
      )}
    </section>
  );
}
