// One line of what an audit event carries, from the fields events commonly have (the run page's Protokoll); the full
// record stays in the CSV. Codes become the words people read: steps, people, phases, health, dates.
import type { AuditEvent, Health } from '../api/types';
import { formatDate, formatPercent } from './format';
import { HEALTH_LABELS, KIND_LABELS, roleLabel, VARIANT_LABELS } from './labels';

/** The line for `e`; the lookups name steps, people and phases as the page knows them. */
export function auditSummary(e: AuditEvent, stepTitle: (id: string) => string, name: (id?: string) => string, phaseTitle: (id: string) => string): string {
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
  // the forecast that moved with the run's figures (a move of a week or more is also run.forecastMoved)
  if (e.type.startsWith('run.') && e.type !== 'run.started' && str('projectedGoLive')) parts.push(`Prognose ${formatDate(str('projectedGoLive'))}`);
  // a paper by its kind (its name stays in the documents: the trail carries no personal data), a message by its side
  if (e.type.startsWith('document.')) parts.push(str('kind') ? (KIND_LABELS[str('kind')!] ?? str('kind')!) : 'ohne Art');
  if (e.type === 'message.posted') parts.push(str('side') === 'gemeinde' ? 'an die Projektleitung' : 'an die Gemeinde');
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
    // a moved forecast or target carries its dates as YYYY-MM-DD: shown as people read them, like the rest of the line
    const show = (v: string) => (e.type === 'run.healthChanged' ? (HEALTH_LABELS[v as Health] ?? v)
      : e.type === 'run.phaseChanged' ? phaseTitle(v) : /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v);
    parts.push(`${show(d.before)} → ${show(d.after)}`);
  }
  return parts.join(' · ');
}
