// A run's steps as timeline rows: one row per phase (its span), and below it the steps with planned bar, actual
// bar, projected delay and milestones. Phases come in template order.
import type { Run, Step } from '../../api/types';
import type { TimelineBar, TimelineRow } from '../../components/timeline';
import { addDays, daysBetween, formatDate, todayIso } from '../../lib/format';
import { STEP_STATE_LABELS } from '../../lib/labels';

const day = (instant?: string) => (instant ? todayIso(new Date(instant)) : undefined);

function stepBars(s: Step, today: string): TimelineBar[] {
  const bars: TimelineBar[] = [];
  if (s.plannedStart && s.plannedEnd) {
    bars.push({ kind: 'planned', start: s.plannedStart, end: s.plannedEnd, critical: s.critical, title: `${s.title}: geplant ${formatDate(s.plannedStart)} – ${formatDate(s.plannedEnd)}` });
  }
  const started = day(s.startedAt);
  const open = s.state !== 'done' && s.state !== 'skipped';
  // The forecast runs in the lower lane, where the actual bar will be: for a pending step the planned duration
  // shifted to end on the projected date, for an active one from today to its projected end.
  if (open && s.projectedEnd && s.plannedStart && s.plannedEnd && (s.projectedEnd !== s.plannedEnd || started)) {
    const start = started ? today : addDays(s.projectedEnd, -daysBetween(s.plannedStart, s.plannedEnd));
    if (s.projectedEnd > start) {
      bars.push({
        kind: 'forecast',
        tone: s.projectedEnd > s.plannedEnd ? 'late' : undefined,
        start,
        end: s.projectedEnd,
        title: `${s.title}: Ende laut Prognose ${formatDate(s.projectedEnd)} (geplant ${formatDate(s.plannedEnd)})`,
      });
    }
  }
  if (started) {
    const end = day(s.completedAt) ?? today;
    bars.push({ kind: 'actual', tone: s.state, start: started, end, title: `${s.title}: ${STEP_STATE_LABELS[s.state]}, ${formatDate(started)} – ${s.completedAt ? formatDate(end) : 'heute'}` });
  }
  return bars;
}

export function planRows(run: Run, phaseTitle: ((id: string) => string) & { order: string[] }, withSteps: boolean): TimelineRow[] {
  const today = todayIso();
  const phases = [...new Set(run.steps.map((s) => s.phase))].sort((a, b) => {
    const ia = phaseTitle.order.indexOf(a);
    const ib = phaseTitle.order.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  const rows: TimelineRow[] = [overall(run)];
  for (const phase of phases) {
    const steps = run.steps.filter((s) => s.phase === phase);
    // the phase row shows the baseline; how each step is expected to go is in its own row
    const starts = steps.map((s) => s.plannedStart).filter((d): d is string => !!d).sort();
    const ends = steps.map((s) => s.plannedEnd).filter((d): d is string => !!d).sort();
    const done = steps.every((s) => s.state === 'done' || s.state === 'skipped');
    const active = steps.some((s) => s.state !== 'pending');
    const bars: TimelineBar[] = [];
    if (starts.length && ends.length) {
      bars.push({ kind: 'phase', tone: done ? 'done' : active ? 'active' : 'pending', start: starts[0], end: ends[ends.length - 1], title: `${phaseTitle(phase)}: geplant ${formatDate(starts[0])} – ${formatDate(ends[ends.length - 1])}` });
    }
    rows.push({
      key: `phase-${phase}`,
      level: 'group',
      label: phaseTitle(phase),
      bars,
      markers: withSteps ? [] : milestones(steps),
    });
    if (!withSteps) continue;
    for (const s of steps) {
      rows.push({ key: s.id, level: 'item', label: s.title, critical: s.critical, bars: stepBars(s, today), markers: milestones([s]) });
    }
  }
  return rows;
}

function milestones(steps: Step[]) {
  return steps
    .filter((s) => s.milestone && (s.projectedEnd ?? s.plannedEnd))
    .map((s) => {
      const date = s.state === 'done' && s.completedAt ? todayIso(new Date(s.completedAt)) : (s.projectedEnd ?? s.plannedEnd)!;
      return { kind: 'milestone' as const, date, title: `Meilenstein ${s.title}: ${formatDate(date)}` };
    });
}

/** The whole run in one row: start to projected go-live, coloured by health, with the target date marked. */
function overall(run: Run): TimelineRow {
  const starts = run.steps.map((s) => s.plannedStart).filter((d): d is string => !!d).sort();
  const start = day(run.startedAt) ?? starts[0];
  const end = run.projectedGoLive ?? run.plannedGoLive ?? run.steps.map((s) => s.projectedEnd ?? s.plannedEnd).filter((d): d is string => !!d).sort().pop();
  return {
    key: 'gesamt',
    level: 'group',
    label: 'Gesamtvorgang bis Go-live',
    bars: start && end ? [{ kind: 'span', tone: run.health, start, end, title: `Start ${formatDate(start)}, Go-live laut Prognose ${formatDate(end)}` }] : [],
    markers: run.targetGoLive ? [{ kind: 'target', date: run.targetGoLive, title: `Ziel-Go-live ${formatDate(run.targetGoLive)}` }] : [],
  };
}
