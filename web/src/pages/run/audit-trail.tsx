// The run's audit trail (who did what, when). Until the server offers /events, a short notice says so.
import { api } from '../../api/endpoints';
import { usePeople } from '../../api/people';
import type { AuditEvent, Health, Run } from '../../api/types';
import { usePhaseTitles } from '../../api/phases';
import { isNotFound } from '../../api/client';
import { Notice, problemText } from '../../components/notice';
import { downloadText } from '../../lib/csv';
import { formatDate, formatDateTime, formatPercent } from '../../lib/format';
import { EVENT_LABELS, HEALTH_LABELS, roleLabel, VARIANT_LABELS } from '../../lib/labels';
import { useResource } from '../../lib/use-resource';
import { useState } from 'preact/hooks';

/** A line of what an event carries, from the fields events commonly have; the full record stays in the CSV. */
function summary(e: AuditEvent, stepTitle: (id: string) => string, name: (id?: string) => string, phaseTitle: (id: string) => string): string {
  const d = e.data ?? {};
  const parts: string[] = [];
  const str = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : undefined);
  const task = (d.task ?? {}) as Record<string, unknown>;
  const title = str('title') ?? (typeof task.title === 'string' ? task.title : undefined) ?? (str('stepId') ? stepTitle(str('stepId')!) : undefined);
  if (title) parts.push(title);
  const assignee = d.assignee as { after?: string | null } | string | undefined;
  if (typeof assignee === 'string') parts.push(`an ${name(assignee)}`);
  else if (assignee && typeof assignee === 'object' && assignee.after) parts.push(`an ${name(assignee.after)}`);
  if (e.type === 'run.started') {
    if (str('variant')) parts.push(`Variante ${VARIANT_LABELS[str('variant')!] ?? str('variant')}`);
    if (str('targetGoLive')) parts.push(`Ziel-Go-live ${formatDate(str('targetGoLive'))}`);
    if (Array.isArray(d.verfahren)) parts.push(`${d.verfahren.length} Verfahren`);
    if (str('workstations')) parts.push(`${str('workstations')} Arbeitsplätze`);
    if (str('projectLead')) parts.push(`Projektleitung ${name(str('projectLead'))}`);
  }
  // the event stores whole percent (0–100), unlike the run's progress (0–1)
  if (e.type === 'run.progressed' && typeof d.progress === 'number') parts.push(`Fortschritt ${formatPercent(d.progress / 100)}`);
  if (e.type === 'task.approved' && str('given')) parts.push(`Freigabe ${str('given')} von ${str('required')}${str('role') ? ` (${roleLabel(str('role')!)})` : ''}`);
  for (const [key, label] of [
    ['reason', 'Grund'],
    ['text', ''],
    ['comment', ''],
    ['error', 'Fehler'],
    ['summary', ''],
  ] as const) {
    const v = str(key);
    if (v) parts.push(label ? `${label}: ${v}` : v);
  }
  if (typeof d.before === 'string' && typeof d.after === 'string') {
    const show = (v: string) => (e.type === 'run.healthChanged' ? (HEALTH_LABELS[v as Health] ?? v) : e.type === 'run.phaseChanged' ? phaseTitle(v) : v);
    parts.push(`${show(d.before)} → ${show(d.after)}`);
  }
  return parts.join(' · ');
}

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
                  <td data-label="Details">{summary(e, stepTitle, people.name, phaseTitle)}</td>
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
